// A data-key rotation killed (SIGKILL, a real child process) at each of its stages: at the next
// start the practice opens with everyone's password and the recovery key, consistently on the old
// key (killed before the re-keyed file was in place) or the new one (after), the audit chain
// verifies with no alarm, the rotation is in the log exactly when it happened, and nothing is left.
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RotateStage } from '../../../main/core/vault/index.ts';
import { KEYRING_FILE } from '../../../main/core/vault/keyring-file.ts';
import { keytarKeychain } from '../../../main/core/vault/keychain.ts';
import { adultClient } from '../../helpers/clients.ts';
import { secretServiceAvailable } from '../../helpers/keychain.ts';
import { runUntilKilled } from '../../helpers/kill.ts';
import { makePractice, OWNER, type TestPractice } from '../../helpers/make-practice.ts';

const hasService = await secretServiceAvailable();
const keychainService = `Stillwater-test-${randomUUID()}`;
const CHILD = fileURLToPath(new URL('./rotate-key-crash-child.ts', import.meta.url));
const CLIN_PASSWORD = 'crash-fjord-amber-91';
const W = { owner: 'w-owner', clin: 'w-clin' };

let p: TestPractice;
let first: TestPractice;
let clin: { id: string; username: string };
let clientId: string;
let recoveryKey: string;

beforeAll(async () => {
  if (!hasService) return;
  p = await makePractice({ keychain: keytarKeychain(keychainService) });
  first = p;
  recoveryKey = p.recoveryKey;
  await p.signIn(OWNER.username, OWNER.password, W.owner);
  const added = await p.addStaff('clinician', 'Dr. Ada Crashkey');
  clin = added;
  await p.signIn(added.username, added.password, W.clin);
  await p.ok('auth.changePassword', { currentPassword: added.password, newPassword: CLIN_PASSWORD }, W.clin);
  clientId = (await p.ok('clients.create', adultClient(added.id), W.clin)).id;
});

afterAll(async () => {
  if (!hasService) return;
  if (p !== first) await p.core.shutdown();
  await first.close();
});

async function crashAt(stage: RotateStage, keep: string | null): Promise<void> {
  await p.core.shutdown();
  const { signal, stderr } = await runUntilKilled(CHILD, {
    STILLWATER_CRASH_JOB: JSON.stringify({
      dataDir: p.dir,
      keychainService,
      username: OWNER.username,
      password: OWNER.password,
      stage,
      recoveryKey: keep,
    }),
  });
  expect(signal, stderr).toBe('SIGKILL');
  p = p.restart();
}

/** Everyone signs in with their password, the chain verifies without an alarm, nothing is left over. */
async function everyoneIn(): Promise<number> {
  await p.signIn(OWNER.username, OWNER.password, W.owner);
  await p.signIn(clin.username, CLIN_PASSWORD, W.clin);
  expect((await p.ok('clients.get', { clientId }, W.clin)).id).toBe(clientId);
  expect(await p.ok('audit.verify', {}, W.owner)).toMatchObject({ ok: true, problem: null });
  expect((await p.ok('audit.status', {}, W.owner)).alarm).toBeNull();
  expect(readdirSync(p.dir).filter((n) => n.includes('.rekeyed'))).toEqual([]);
  expect(
    (JSON.parse(readFileSync(join(p.dir, KEYRING_FILE), 'utf8')) as { rotation: unknown }).rotation,
  ).toBeNull();
  const { entries } = await p.ok(
    'audit.list',
    { filter: { action: 'vault.dataKeyRotated' }, limit: 50 },
    W.owner,
  );
  return entries.length;
}

describe.skipIf(!hasService)('a data-key rotation killed part way', () => {
  const salt = (): string =>
    (JSON.parse(readFileSync(join(p.dir, KEYRING_FILE), 'utf8')) as { databaseSalt: string }).databaseSalt;

  it.each([
    ['copied', 'old'],
    ['prepared', 'old'],
    ['renamed', 'new'],
    ['committed', 'new'],
  ] as const)('killed once %s: the %s key opens everything, consistently', async (stage, which) => {
    const rotated = which === 'new';
    const before = salt();
    const count = await everyoneIn();
    for (const w of Object.values(W)) await p.ok('auth.signOut', {}, w);
    await crashAt(stage, recoveryKey);
    expect(await everyoneIn()).toBe(rotated ? count + 1 : count);
    expect(salt() !== before).toBe(rotated);
    // The kept recovery key opens the recovery slot of whichever key is in place.
    await p.ok('setup.confirmRecoveryKey', { recoveryKey }, W.owner);
    for (const w of Object.values(W)) await p.ok('auth.signOut', {}, w);
  });

  it('killed after the rename with a new recovery key never shown: passwords work, the owner is asked for a new recovery key', async () => {
    await crashAt('renamed', null);
    await everyoneIn();
    const status = await p.ok('app.status', {}, W.owner);
    expect(status.session?.recoveryKeyUnconfirmed).toBe(true);
    // The old recovery key went with the old data key; the owner makes a new one.
    expect((await p.fail('setup.confirmRecoveryKey', { recoveryKey }, W.owner)).code).toBe('INVALID_INPUT');
    const made = await p.ok('vault.rotateRecoveryKey', {}, W.owner);
    recoveryKey = made.recoveryKey;
    for (const w of Object.values(W)) await p.ok('auth.signOut', {}, w);
    await p.ok('auth.recover', {
      recoveryKey,
      username: OWNER.username,
      newPassword: 'harbor-quince-lantern-58',
    });
  });
});
