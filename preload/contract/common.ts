// Shared pieces of the IPC contract: roles, access rules, the result envelope and field helpers.
import { z } from 'zod';
import { phoneProblem } from './phone.ts';
import { plainText, singleLineText } from './text.ts';

export const Role = z.enum(['owner', 'clinician', 'front_desk']);
export type Role = z.infer<typeof Role>;

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  clinician: 'Clinician',
  front_desk: 'Front desk',
};

/** 'public': no session needed. 'session': any signed-in user. A list: those roles only. */
export type Access = 'public' | 'session' | readonly Role[];

export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  readonly access: Access;
  /** May be called while the user must still replace a temporary password. */
  readonly duringPasswordChange?: boolean;
  /** May be called in the moment between "lock" and the session ending (the last draft save). */
  readonly duringLock?: boolean;
  /** May be called between the password and the second-factor code (sessions/ second-factor gate). */
  readonly duringSecondFactor?: boolean;
  /** May be called while the user must still enrol the second factor the practice requires. */
  readonly duringFactorEnrolment?: boolean;
}

export const channel = <I extends z.ZodType, O extends z.ZodType>(def: ChannelDef<I, O>): ChannelDef<I, O> =>
  def;

export const ErrorCode = z.enum([
  'INVALID_INPUT',
  'NOT_SIGNED_IN',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'LOCKED',
  'VAULT_LOCKED',
  'INVALID_CREDENTIALS',
  'RATE_LIMITED',
  'PASSWORD_CHANGE_REQUIRED',
  'SECOND_FACTOR_REQUIRED',
  'SECOND_FACTOR_ENROLMENT_REQUIRED',
  'WEAK_PASSWORD',
  'KEYCHAIN_UNAVAILABLE',
  'DEVICE_KEY_MISSING',
  'DATABASE_DAMAGED',
  'DATABASE_TOO_NEW',
  'WRONG_KEY',
  'NOT_SET_UP',
  'ALREADY_SET_UP',
  'SERVER_UNREACHABLE',
  'SERVER_NOT_TRUSTED',
  'SERVER_REFUSED',
  'BAD_ORIGIN',
  'UNKNOWN_CHANNEL',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const FieldIssue = z.strictObject({
  path: z.string().max(200),
  message: z.string().max(300),
});
export type FieldIssue = z.infer<typeof FieldIssue>;

export const ErrorPayload = z.strictObject({
  code: ErrorCode,
  message: z.string().max(500),
  fields: z.array(FieldIssue).max(100).optional(),
  retryAfterSeconds: z.number().int().nonnegative().optional(),
});
export type ErrorPayload = z.infer<typeof ErrorPayload>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

export const Empty = z.strictObject({});
export const Nothing = z.null();

// Field helpers: every string is bounded; messages are written for the person at the form. Free
// text goes through text.ts's rule: single-line fields here, multi-line ones with the long helpers.
export {
  multiLineText,
  optionalLongText,
  plainText,
  requiredLongText,
  singleLineText,
  textProblem,
  textProblemMessage,
} from './text.ts';

export const requiredText = (label: string, max = 200) =>
  singleLineText(label, max, `${label} is required.`).min(1, `${label} is required.`);

export const optionalText = (label: string, max = 200) =>
  singleLineText(label, max)
    .optional()
    .transform((v) => (v === '' ? undefined : v));

export const Id = z.uuid({ error: 'Not a valid record identifier.' });

export const Username = z
  .string({ error: 'Username is required.' })
  .trim()
  .toLowerCase()
  .min(3, 'Username must be at least 3 characters.')
  .max(32, 'Username must be 32 characters or fewer.')
  .regex(
    /^[a-z0-9][a-z0-9._-]*$/,
    'Use letters, digits, dots, dashes or underscores, starting with a letter or digit.',
  );

/**
 * Any password the user types; strength is judged in main (WEAK_PASSWORD). Never displayed or
 * printed, so any printable character is fine (formatting characters included); control characters
 * are refused (text.ts, 'secret').
 */
export const Password = z
  .string({ error: 'Password is required.' })
  .min(1, 'Password is required.')
  .max(256, 'Password must be 256 characters or fewer.')
  .superRefine(plainText('The password', 'secret'));

export const IsoDateTime = z.iso.datetime({ offset: true, error: 'Not a valid date and time.' });

/** A typed phone number (phone.ts decides which forms), as a zod refinement. */
export function phoneNumber(value: string, ctx: z.RefinementCtx): void {
  const problem = phoneProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
}

export const UsPhone = z
  .string()
  .trim()
  .max(30)
  .superRefine((v, ctx) => {
    if (v !== '') phoneNumber(v, ctx);
  })
  // The text rule keeps out what would reorder or hide digits (bidi marks, BOM, tabs).
  .superRefine(plainText('Phone number'));

export const UsPostalCode = z
  .string({ error: 'ZIP code is required.' })
  .trim()
  .regex(/^\d{5}(-\d{4})?$/, 'Enter a 5-digit ZIP code (or ZIP+4).');
