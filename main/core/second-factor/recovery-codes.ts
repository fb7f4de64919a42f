// Recovery codes: ten per enrolment, each 10 characters of Crockford base32 (50 random bits),
// shown once as XXXXX-XXXXX and stored only as SHA-256 of the user id and the code. A fast hash
// is enough: the codes are random (not chosen by people), and anyone who can read the hashes holds
// the database key, and so the records themselves.
import { createHash, randomBytes } from 'node:crypto';

export const RECOVERY_CODE_COUNT = 10;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = randomBytes(10);
    const text = Array.from(bytes, (b) => CROCKFORD.charAt(b & 31)).join('');
    bytes.fill(0);
    return `${text.slice(0, 5)}-${text.slice(5)}`;
  });
}

/** Upper case, without the spaces and hyphens the contract lets through. */
export function normalizeRecoveryCode(code: string): string {
  return code.replace(/[ -]/g, '').toUpperCase();
}

export function hashRecoveryCode(userId: string, code: string): string {
  return createHash('sha256')
    .update(`stillwater/recovery-code/${userId}/${normalizeRecoveryCode(code)}`)
    .digest('hex');
}
