// A second factor at sign-in (issue 21): a TOTP authenticator (RFC 6238: SHA-1, 6 digits, 30 s)
// with ten one-time recovery codes, the practice's policy of who must have one, and the owner's
// reset. After the password, a person with a factor holds only a pending step: every channel but
// the ones marked duringSecondFactor is refused until the code is accepted (main/core/router.ts).
import { z } from 'zod';
import { channel, Empty, Id, Password } from './common.ts';
import { plainText } from './text.ts';
import { SessionInfo } from './auth.ts';

export const SecondFactorPolicy = z.enum(['off', 'owner-and-clinicians', 'everyone'], {
  error: 'Choose who must use a second factor.',
});
export type SecondFactorPolicy = z.infer<typeof SecondFactorPolicy>;

export const SECOND_FACTOR_POLICY_LABELS: Record<SecondFactorPolicy, string> = {
  off: 'Optional for everyone',
  'owner-and-clinicians': 'Required for the owner and clinicians',
  everyone: 'Required for everyone',
};

/** Spaces and hyphens people type or copy along with a code are dropped (nothing else is). */
const compact = (value: string): string => value.replace(/[ -]/g, '');

/** A 6-digit authenticator code. */
export const AuthenticatorCode = z
  .string({ error: 'Enter the 6-digit code from your authenticator app.' })
  .max(20, 'Enter the 6-digit code from your authenticator app.')
  .superRefine(plainText('The code'))
  .transform(compact)
  .pipe(z.string().regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app.'));

/** A 6-digit authenticator code or a 10-character recovery code (XXXXX-XXXXX). */
export const SecondFactorCode = z
  .string({ error: 'Enter the code from your authenticator app, or a recovery code.' })
  .max(40, 'Enter the 6-digit code from your authenticator app, or a recovery code.')
  .superRefine(plainText('The code'))
  .transform(compact)
  .pipe(
    z.string().regex(
      // Recovery codes are Crockford base32: digits and letters but I, L, O and U.
      /^(\d{6}|[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{10})$/,
      'Enter the 6-digit code from your authenticator app, or a 10-character recovery code (its letters are never I, L, O or U).',
    ),
  );

export const MySecondFactor = z.strictObject({
  enrolled: z.boolean(),
  enrolledAt: z.string().nullable(),
  recoveryCodesLeft: z.number().int().min(0),
  /** The practice's policy requires one for this person's role (so it cannot be turned off). */
  required: z.boolean(),
});
export type MySecondFactor = z.infer<typeof MySecondFactor>;

export const EnrolmentStart = z.strictObject({
  /** Base32, for typing into an app that cannot scan. */
  secret: z.string(),
  /** The same secret in groups of four, for reading. */
  secretGrouped: z.string(),
  otpauthUri: z.string(),
  /** The QR code's modules, row by row ('1' dark): drawn as SVG in the renderer (no image URL). */
  qr: z.strictObject({ size: z.number().int().positive(), modules: z.string() }),
  expiresAt: z.string(),
});
export type EnrolmentStart = z.infer<typeof EnrolmentStart>;

export const StaffSecondFactor = z.strictObject({
  userId: Id,
  enrolled: z.boolean(),
  enrolledAt: z.string().nullable(),
});
export type StaffSecondFactor = z.infer<typeof StaffSecondFactor>;

export const secondFactorChannels = {
  /** Your own factor. */
  'secondFactor.mine': channel({
    input: Empty,
    output: MySecondFactor,
    access: 'session',
    duringFactorEnrolment: true,
  }),
  /**
   * A new secret to scan. The first enrolment needs nothing more; replacing a factor you have needs
   * your password and a current code (or a recovery code).
   */
  'secondFactor.startEnrolment': channel({
    input: z.strictObject({
      currentPassword: Password.optional(),
      code: SecondFactorCode.optional(),
    }),
    output: EnrolmentStart,
    access: 'session',
    duringFactorEnrolment: true,
  }),
  /** The first code from the app confirms the secret; the ten recovery codes are shown once. */
  'secondFactor.confirmEnrolment': channel({
    input: z.strictObject({ code: AuthenticatorCode }),
    output: z.strictObject({ recoveryCodes: z.array(z.string()).length(10), session: SessionInfo }),
    access: 'session',
    duringFactorEnrolment: true,
  }),
  /** Turn your own factor off (refused when the practice requires one for your role). */
  'secondFactor.disable': channel({
    input: z.strictObject({ currentPassword: Password, code: SecondFactorCode }),
    output: MySecondFactor,
    access: 'session',
  }),
  /** The step after the password: an authenticator code or a recovery code. */
  'secondFactor.verify': channel({
    input: z.strictObject({ code: SecondFactorCode }),
    output: SessionInfo,
    access: 'session',
    duringSecondFactor: true,
  }),
  'secondFactor.getPolicy': channel({
    input: Empty,
    output: z.strictObject({ policy: SecondFactorPolicy }),
    access: 'session',
  }),
  'secondFactor.setPolicy': channel({
    input: z.strictObject({ policy: SecondFactorPolicy }),
    output: z.strictObject({ policy: SecondFactorPolicy }),
    access: ['owner'],
  }),
  /** Who has a factor (the Staff page). */
  'secondFactor.staff': channel({ input: Empty, output: z.array(StaffSecondFactor), access: ['owner'] }),
  /** The owner removes someone else's factor (a lost phone and lost recovery codes). */
  'secondFactor.reset': channel({
    input: z.strictObject({ userId: Id }),
    output: StaffSecondFactor,
    access: ['owner'],
  }),
} as const;
