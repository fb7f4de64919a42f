// Whether a progress note's service code fits the session it documents, as a biller would check
// it: the psychotherapy codes by the session's length, the diagnostic evaluation (an intake code)
// only for a chart's intake session. Shared: main refuses to sign a mismatch the signer has not
// confirmed, and the editor shows the same words before asking.

/** CPT psychotherapy times: a unit counts from the midpoint (16 of 30, 38 of 45, 53 of 60 minutes). */
const TIMED: Readonly<Record<string, { min: number; max: number | null; nominal: string }>> = {
  '90832': { min: 16, max: 37, nominal: '16 to 37 minutes' },
  '90834': { min: 38, max: 52, nominal: '38 to 52 minutes' },
  '90837': { min: 53, max: null, nominal: '53 minutes or more' },
};

/** The diagnostic evaluation billed for an intake session (90792 is its prescriber form). */
export const INTAKE_CODES: readonly string[] = ['90791', '90792'];

/** Whether a code is billed by the session's length (90832, 90834, 90837). */
export const isTimedCode = (code: string): boolean => Object.hasOwn(TIMED, code);

/** Codes with no time or intake rule of their own (family and group psychotherapy). */
const UNTIMED: readonly string[] = ['90846', '90847', '90853'];

export type ServiceCodeMismatchReason =
  'too-short' | 'too-long' | 'no-duration' | 'unknown-code' | 'intake-code-later-session';

export interface ServiceCodeMismatch {
  reason: ServiceCodeMismatchReason;
  message: string;
}

export interface ServiceCodeFacts {
  kind: 'progress' | 'psychotherapy';
  serviceCode: string | null | undefined;
  durationMinutes: number | null;
  /**
   * Whether the chart already has another signed progress note dated on or before this one, so
   * this note cannot be its intake session. null when not known (the editor before signing): the
   * intake rule is then not applied. Stillwater has no intake kind of note, so a first note with a
   * non-intake code is not questioned (an evaluation may have been billed elsewhere).
   */
  laterSession: boolean | null;
}

/** The psychotherapy code a session of this length is billed as (null under 16 minutes). */
export function codeForMinutes(minutes: number): string | null {
  for (const [code, rule] of Object.entries(TIMED)) {
    if (minutes >= rule.min && (rule.max === null || minutes <= rule.max)) return code;
  }
  return null;
}

const minutesText = (m: number) => `${String(m)} minute${m === 1 ? '' : 's'}`;

/**
 * The one rule: null when the code fits; otherwise why not, in words for the signer. A
 * psychotherapy (process) note is not a billing record and is never checked; a note without a
 * code is left to signingIssues, which requires one.
 */
export function serviceCodeMismatch(facts: ServiceCodeFacts): ServiceCodeMismatch | null {
  const code = facts.serviceCode;
  if (facts.kind !== 'progress' || !code) return null;
  const timed = isTimedCode(code) ? TIMED[code] : undefined;
  if (timed) {
    const minutes = facts.durationMinutes;
    if (minutes === null || !Number.isInteger(minutes) || minutes <= 0) {
      return {
        reason: 'no-duration',
        message: `${code} is billed by time (${timed.nominal}), but the session has no length to check it against.`,
      };
    }
    if (minutes < timed.min || (timed.max !== null && minutes > timed.max)) {
      const fits = codeForMinutes(minutes);
      return {
        reason: minutes < timed.min ? 'too-short' : 'too-long',
        message:
          `${code} is for ${timed.nominal}; this session lasted ${minutesText(minutes)}` +
          (fits ? `, which is billed as ${fits}.` : ', which is too short to bill as psychotherapy.'),
      };
    }
  } else if (!INTAKE_CODES.includes(code) && !UNTIMED.includes(code)) {
    return {
      reason: 'unknown-code',
      message: `${code} is not a service code Stillwater knows, so it cannot be checked against the session.`,
    };
  }
  if (facts.laterSession === true && INTAKE_CODES.includes(code)) {
    return {
      reason: 'intake-code-later-session',
      message: `${code} is an intake code, but this client already has a signed session note before this one.`,
    };
  }
  return null;
}
