// Who must have a second factor (the owner's setting), and what a person's sign-in needs next: the
// one rule every path into a session calls (sessions/auth-service.ts startSession).
import type { Kysely } from 'kysely';
import type { DB, UserRow } from '../../../db/schema.ts';
import { SecondFactorPolicy } from '../../../preload/contract/second-factor.ts';
import type { Role } from '../../../preload/contract/common.ts';
import { parseStored, UnreadableRecord, unreadableMessage } from '../stored-json.ts';
import { getFactor, readPolicy } from './queries.ts';

const PolicyValue = SecondFactorPolicy;

export async function currentPolicy(db: Kysely<DB>): Promise<SecondFactorPolicy> {
  const text = await readPolicy(db);
  if (text === undefined) return 'off';
  // An edited setting is refused rather than read as "off": nobody signs in past it unnoticed.
  return parseStored(
    PolicyValue,
    text,
    () =>
      new UnreadableRecord(
        { type: 'second-factor policy', id: null },
        unreadableMessage('second-factor policy', 'The owner can set it again in Settings.'),
      ),
  );
}

export const requiredFor = (policy: SecondFactorPolicy, role: Role): boolean =>
  policy === 'everyone' || (policy === 'owner-and-clinicians' && role !== 'front_desk');

/**
 * What a person's sign-in needs after the password (or recovery key, or one-time code): 'needed'
 * when they have a factor (the code is asked), 'enrol' when the policy requires one they do not
 * have, null when nothing more.
 */
export async function signInStep(db: Kysely<DB>, user: UserRow): Promise<'needed' | 'enrol' | null> {
  if (await getFactor(db, user.id)) return 'needed';
  let policy: SecondFactorPolicy;
  try {
    policy = await currentPolicy(db);
  } catch {
    // Fail closed: an unreadable policy requires a factor of everyone.
    policy = 'everyone';
  }
  return requiredFor(policy, user.role) ? 'enrol' : null;
}
