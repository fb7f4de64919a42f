// Restore's worker-side step (run in backup-worker.ts): the new password judged, the backup's
// database copied into the data folder while hashing and checked there, and on a new computer the
// owner looked up in the copy. zxcvbn's dictionaries and the decrypting checks take from a tenth
// of a second to many seconds of CPU: none of it runs on the event loop that answers IPC calls.
import { rmSync } from 'node:fs';
import { openKeyed } from '../../../db/connection.ts';
import { assertStrongPassword } from '../password-policy.ts';
import { restoredOwner } from './queries.ts';
import { copyVerified } from './verify.ts';

export interface RestoreOwnerInput {
  username: string;
  newPassword: string;
}

export interface RestoreCheckResult {
  /** The active owner with that username in the copy (new computer only), or null. */
  owner: ReturnType<typeof restoredOwner>;
}

export async function restoreCheck(
  dir: string,
  target: string,
  dataKey: Buffer,
  owner: RestoreOwnerInput | null,
  chainBeside?: (file: string) => Promise<{ count: number; hash: string }>,
): Promise<RestoreCheckResult> {
  if (owner) assertStrongPassword(owner.newPassword, [owner.username]);
  await copyVerified(dir, target, dataKey, chainBeside);
  if (!owner) return { owner: null };
  try {
    const copy = openKeyed(target, dataKey, { readonly: true });
    let found: ReturnType<typeof restoredOwner>;
    try {
      found = restoredOwner(copy, owner.username);
    } finally {
      copy.close();
    }
    if (found) assertStrongPassword(owner.newPassword, [owner.username, found.displayName]);
    return { owner: found };
  } catch (error) {
    rmSync(target, { force: true });
    throw error;
  }
}
