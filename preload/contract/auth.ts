// Setup, sign-in, password and recovery-key channels, and the session the renderer sees.
import { z } from 'zod';
import { channel, Empty, Id, Nothing, Password, plainText, Role, requiredText, Username } from './common.ts';
import { PracticeProfileInput } from './practice.ts';

export const SessionUser = z.strictObject({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  role: Role,
});
export type SessionUser = z.infer<typeof SessionUser>;

export const SessionInfo = z.strictObject({
  user: SessionUser,
  mustChangePassword: z.boolean(),
  /** Owner only: the recovery key shown at setup was never confirmed as kept. */
  recoveryKeyUnconfirmed: z.boolean(),
  /** Owner only: an audit alarm is pending (the log was cut or rewritten); the owner must see it. */
  auditAlarm: z.boolean(),
  /**
   * 'needed': the password was right and the person's second-factor code is asked next (nothing
   * else works yet); 'enrol': the practice requires a factor this person does not have yet.
   */
  secondFactor: z.enum(['needed', 'enrol']).nullable(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const AppStatus = z.strictObject({
  setUp: z.boolean(),
  practiceName: z.string().nullable(),
  session: SessionInfo.nullable(),
});
export type AppStatus = z.infer<typeof AppStatus>;

export const OwnerAccountInput = z.strictObject({
  displayName: requiredText('Your name', 100),
  username: Username,
  password: Password,
});

export const SetupInput = z.strictObject({
  practice: PracticeProfileInput,
  owner: OwnerAccountInput,
});
export type SetupInput = z.input<typeof SetupInput>;

export const SignInInput = z.strictObject({ username: Username, password: Password });
export type SignInInput = z.input<typeof SignInInput>;

export const RecoverInput = z.strictObject({
  recoveryKey: z
    .string()
    .trim()
    .min(1, 'Enter the recovery key.')
    .max(100, 'A recovery key is 64 characters long.')
    .superRefine(plainText('The recovery key')),
  username: Username,
  newPassword: Password,
});

export const ChangePasswordInput = z.strictObject({
  currentPassword: Password,
  newPassword: Password,
});

export const RecoveryKeyOutput = z.strictObject({ recoveryKey: z.string() });

/**
 * Rotating the data key (owner): a new recovery key is made and shown once, or the current one is
 * kept, which the owner types (re-wrapping under it needs the key itself; nothing stores it).
 */
export const RotateDataKeyInput = z
  .strictObject({
    newRecoveryKey: z.boolean(),
    recoveryKey: z
      .string()
      .trim()
      .max(100, 'A recovery key is 64 characters long.')
      .superRefine(plainText('The recovery key'))
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.newRecoveryKey && !v.recoveryKey)
      ctx.addIssue({
        code: 'custom',
        path: ['recoveryKey'],
        message: 'Enter the current recovery key to keep it.',
      });
  });
export type RotateDataKeyInput = z.input<typeof RotateDataKeyInput>;
export const RotateDataKeyOutput = z.strictObject({ recoveryKey: z.string().nullable() });

export const authChannels = {
  'app.status': channel({ input: Empty, output: AppStatus, access: 'public', duringPasswordChange: true }),
  'setup.createPractice': channel({
    input: SetupInput,
    output: z.strictObject({ recoveryKey: z.string(), session: SessionInfo }),
    access: 'public',
  }),
  'setup.confirmRecoveryKey': channel({
    input: z.strictObject({ recoveryKey: z.string().max(100).superRefine(plainText('The recovery key')) }),
    output: SessionInfo,
    access: ['owner'],
  }),
  'vault.rotateRecoveryKey': channel({ input: Empty, output: RecoveryKeyOutput, access: ['owner'] }),
  'vault.rotateDataKey': channel({
    input: RotateDataKeyInput,
    output: RotateDataKeyOutput,
    access: ['owner'],
  }),
  'auth.signIn': channel({ input: SignInInput, output: SessionInfo, access: 'public' }),
  'auth.recover': channel({ input: RecoverInput, output: SessionInfo, access: 'public' }),
  'auth.signOut': channel({
    input: Empty,
    output: Nothing,
    access: 'session',
    duringPasswordChange: true,
    duringSecondFactor: true,
    duringFactorEnrolment: true,
  }),
  'auth.changePassword': channel({
    input: ChangePasswordInput,
    output: SessionInfo,
    access: 'session',
    duringPasswordChange: true,
  }),
} as const;
