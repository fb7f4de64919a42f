// Issue 21: the owner rotates the data key. The database is re-encrypted under a fresh key (the old
// key no longer opens the file), every remaining person signs in with the password they had (real
// Argon2id), the recovery key is the new one or the kept one, a departed person's slot cannot be
// brought back, backups made before keep their own recovery key, and only the owner, alone, may.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openKeyed } from '../../../db/connection.ts';
import { DATABASE_FILE } from '../../../main/core/vault/vault.ts';
import { KEYRING_FILE } from '../../../main/core/vault/keyring-file.ts';
import { adultClient } from '../../helpers/clients.ts';
import { practiceWithBackupFolder } from '../../helpers/backup-folder.ts';
import { makePractice, OWNER, type TestPractice } from '../../helpers/make-practice.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const PLANTED = 'Quillon Rotaway-Fenwick';
const CLIN_PASSWORD = 'rotate-fjord-amber-91';
const DESK_PASSWORD = 'rotate-maple-cinder-44';

interface Staffed {
  p: TestPractice;
  keys: Buffer[];
  clin: { id: string; username: string };
  desk: { id: string; username: string };
  gone: { id: string; username: string; password: string };
  folder: string;
  ownerId: string;
  clientId: string;
}

/** A practice with a clinician and a front desk (own passwords), a departed clinician and a client. */
async function staffed(): Promise<Staffed> {
  const keys: Buffer[] = [];
  const { p, folder } = await practiceWithBackupFolder(cleanups, {
    testSeams: { onDataKeyHeld: (key) => keys.push(Buffer.from(key)) },
  });
  const ownerId = (await p.ok('app.status', {})).session?.user.id ?? '';
  const clin = await p.addStaff('clinician', 'Dr. Ada Rotation');
  const desk = await p.addStaff('front_desk', 'Bo Frontdesk');
  const gone = await p.addStaff('clinician', 'Dr. Cy Departed');
  for (const [who, next] of [
    [clin, CLIN_PASSWORD],
    [desk, DESK_PASSWORD],
  ] as const) {
    await p.signIn(who.username, who.password, `w-${who.username}`);
    await p.ok(
      'auth.changePassword',
      { currentPassword: who.password, newPassword: next },
      `w-${who.username}`,
    );
    await p.ok('auth.signOut', {}, `w-${who.username}`);
  }
  const client = await p.ok(
    'clients.create',
    adultClient(clin.id, { legalFirstName: 'Quillon', legalLastName: 'Rotaway-Fenwick' }),
  );
  return { p, keys, clin, desk, gone, folder, ownerId, clientId: client.id };
}

const opensWith = (file: string, key: Buffer): boolean => {
  try {
    openKeyed(file, key, { readonly: true }).close();
    return true;
  } catch {
    return false;
  }
};

const rotatedEntries = async (p: TestPractice, windowId = 'w1') =>
  (await p.ok('audit.list', { filter: { action: 'vault.dataKeyRotated' }, limit: 10 }, windowId)).entries;

describe('rotating the data key', () => {
  it('re-encrypts the file, keeps every remaining password, issues a new recovery key and retires the old one', async () => {
    const s = await staffed();
    const { p } = s;
    const file = join(p.dir, DATABASE_FILE);
    const oldKey = s.keys.at(-1) ?? Buffer.alloc(0);
    expect(opensWith(file, oldKey)).toBe(true);
    // The keyring as it was while the departed clinician still had a slot.
    const beforeDeparture = readFileSync(join(p.dir, KEYRING_FILE));
    await p.ok('staff.deactivate', { userId: s.gone.id });

    const recoveryKey = (await p.ok('vault.rotateDataKey', { newRecoveryKey: true })).recoveryKey ?? '';
    expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){12}[0-9A-Z]{4}$/);
    expect(recoveryKey).not.toBe(p.recoveryKey);
    // The owner kept working: the chart is there.
    expect((await p.ok('clients.get', { clientId: s.clientId })).legalLastName).toBe('Rotaway-Fenwick');

    const newKey = s.keys.at(-1) ?? Buffer.alloc(0);
    expect(newKey.equals(oldKey)).toBe(false);
    await p.ok('auth.signOut', {});
    await p.core.services.backup.whenIdle();
    // The file's bytes: the old key opens nothing, the new one everything, no name in clear.
    expect(opensWith(file, oldKey)).toBe(false);
    expect(opensWith(file, newKey)).toBe(true);
    expect(readFileSync(file).includes(Buffer.from(PLANTED, 'utf8'))).toBe(false);
    expect(readdirSync(p.dir).filter((n) => n.endsWith('.rekeyed'))).toEqual([]);

    // After a restart, each remaining person signs in with the password they had.
    const q = p.restart();
    cleanups.push(() => q.close());
    await q.signIn(OWNER.username, OWNER.password, 'w-owner');
    await q.signIn(s.clin.username, CLIN_PASSWORD, 'w-clin');
    await q.signIn(s.desk.username, DESK_PASSWORD, 'w-desk');
    expect(
      (await q.fail('auth.signIn', { username: s.gone.username, password: s.gone.password }, 'w-gone')).code,
    ).toBe('INVALID_CREDENTIALS');
    // One entry, by the owner, with no secret in it; the chain verifies.
    const entries = await rotatedEntries(q, 'w-owner');
    expect(entries).toHaveLength(1);
    expect(entries[0]?.actorId).toBe(s.ownerId);
    const detail = JSON.parse(String(entries[0]?.detail)) as Record<string, unknown>;
    expect(detail).toEqual({ newRecoveryKey: true, slotsRewrapped: 3, oneTimeCodesRewrapped: 0 });
    expect(JSON.stringify(entries)).not.toContain(recoveryKey.slice(0, 9));
    expect(await q.ok('audit.verify', {}, 'w-owner')).toMatchObject({ ok: true, problem: null });
    expect((await q.ok('audit.status', {}, 'w-owner')).alarm).toBeNull();
    for (const w of ['w-owner', 'w-clin', 'w-desk']) await q.ok('auth.signOut', {}, w);

    // The old recovery key opens nothing any more; the new one does.
    const old = await q.fail('auth.recover', {
      recoveryKey: p.recoveryKey,
      username: OWNER.username,
      newPassword: 'harbor-quince-lantern-58',
    });
    expect(old.code).toBe('INVALID_CREDENTIALS');
    await q.ok('auth.recover', {
      recoveryKey,
      username: OWNER.username,
      newPassword: 'harbor-quince-lantern-58',
    });
    await q.ok('auth.signOut', {});

    // Someone puts back the keyring from before: the departed clinician's slot opens only the old
    // key, which no longer opens the database; nobody gets in that way.
    writeFileSync(join(p.dir, KEYRING_FILE), beforeDeparture);
    const back = await q.fail('auth.signIn', { username: s.gone.username, password: s.gone.password });
    expect(['WRONG_KEY', 'INVALID_CREDENTIALS']).toContain(back.code);
    expect(q.core.ctx.vault.isOpen).toBe(false);
  });

  it('keeps the current recovery key when the owner types it, and refuses a wrong one without changing anything', async () => {
    const s = await staffed();
    const { p } = s;
    const file = join(p.dir, DATABASE_FILE);
    const oldKey = s.keys.at(-1) ?? Buffer.alloc(0);
    const wrong = await p.fail('vault.rotateDataKey', {
      newRecoveryKey: false,
      recoveryKey: 'ABCD-ABCD-ABCD-ABCD-ABCD-ABCD-ABCD-ABCD-ABCD-ABCD-ABCD-ABCD-ABCD',
    });
    expect(wrong.code).toBe('INVALID_INPUT');
    const missing = await p.fail('vault.rotateDataKey', { newRecoveryKey: false });
    expect(missing.code).toBe('INVALID_INPUT');
    expect(missing.fields?.[0]?.path).toBe('recoveryKey');
    expect(await rotatedEntries(p)).toHaveLength(0);
    expect(p.core.ctx.vault.isOpen).toBe(true);

    // A one-time sign-in code outstanding at the rotation is re-wrapped too.
    const { code } = await p.ok('backup.issueSignInCode', { userId: s.desk.id });
    const kept = await p.ok('vault.rotateDataKey', {
      newRecoveryKey: false,
      recoveryKey: p.recoveryKey.toLowerCase(),
    });
    expect(kept.recoveryKey).toBeNull();
    await p.ok('auth.signOut', {});
    expect(opensWith(file, oldKey)).toBe(false);
    await p.ok('auth.recover', {
      recoveryKey: p.recoveryKey,
      username: OWNER.username,
      newPassword: 'harbor-quince-lantern-58',
    });
    await p.ok('auth.signOut', {});
    await p.signIn(s.clin.username, CLIN_PASSWORD, 'w-clin');
    const redeemed = await p.ok(
      'backup.redeemSignInCode',
      { username: s.desk.username, code, newPassword: 'thistle-copper-meadow-93' },
      'w-desk',
    );
    expect(redeemed.user.id).toBe(s.desk.id);
  });

  it('is the owner’s alone, only while nobody else is signed in, and checks its input', async () => {
    const s = await staffed();
    const { p } = s;
    await p.signIn(s.clin.username, CLIN_PASSWORD, 'w-clin');
    expect((await p.fail('vault.rotateDataKey', { newRecoveryKey: true }, 'w-clin')).code).toBe('FORBIDDEN');
    // Someone else is signed in: the owner is told to have them sign out first.
    const busy = await p.fail('vault.rotateDataKey', { newRecoveryKey: true });
    expect(busy.code).toBe('CONFLICT');
    expect(busy.message).toMatch(/sign out/);
    await p.ok('auth.signOut', {}, 'w-clin');
    await p.signIn(s.desk.username, DESK_PASSWORD, 'w-desk');
    expect((await p.fail('vault.rotateDataKey', { newRecoveryKey: true }, 'w-desk')).code).toBe('FORBIDDEN');
    await p.ok('auth.signOut', {}, 'w-desk');
    for (const bad of [
      {},
      { newRecoveryKey: 'yes' },
      { newRecoveryKey: null },
      { newRecoveryKey: false, recoveryKey: 'x'.repeat(10_000) },
      { newRecoveryKey: false, recoveryKey: 42 },
      { newRecoveryKey: true, extra: 1 },
    ]) {
      expect((await p.fail('vault.rotateDataKey', bad)).code).toBe('INVALID_INPUT');
    }
    expect((await p.fail('vault.rotateDataKey', { newRecoveryKey: true }, 'w-nobody')).code).toBe(
      'NOT_SIGNED_IN',
    );
    expect(await rotatedEntries(p)).toHaveLength(0);
  });

  it('refuses while a slot made before key pairs remains, naming whose, and changes nothing', async () => {
    const s = await staffed();
    const { p } = s;
    const path = join(p.dir, KEYRING_FILE);
    const data = JSON.parse(readFileSync(path, 'utf8')) as { slots: Record<string, unknown>[] };
    for (const slot of data.slots) {
      if (slot.username === s.desk.username) {
        delete slot.publicKey;
        delete slot.sealed;
      }
    }
    writeFileSync(path, JSON.stringify(data));
    const e = await p.fail('vault.rotateDataKey', { newRecoveryKey: true });
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toContain(s.desk.username);
    expect(await rotatedEntries(p)).toHaveLength(0);
  });

  it('leaves a backup made before it restorable with the recovery key of its day, and says so here', async () => {
    const s = await staffed();
    const { p, folder } = s;
    await p.ok('backup.runNow', {});
    await p.core.services.backup.whenIdle();
    const [gen] = await p.ok('backup.listGenerations', {});
    expect(gen).toBeDefined();
    const recoveryKey = (await p.ok('vault.rotateDataKey', { newRecoveryKey: true })).recoveryKey ?? '';
    // On this computer the old generation belongs to the old key: the restore says what to do.
    const here = await p.fail('backup.restoreHere', {
      name: gen?.name ?? '',
      confirmDate: (gen?.createdAt ?? '').slice(0, 10),
    });
    expect(here.code, here.message).toBe('WRONG_KEY');
    expect(here.message).toMatch(/recovery key/);

    // On a new computer: the new recovery key does not open it, the one of its day does.
    const fresh = await makePractice({ setup: false });
    cleanups.push(() => fresh.close());
    fresh.folder.next = join(folder, gen?.name ?? '');
    await fresh.ok('backup.chooseRestoreFile', {});
    const withNew = await fresh.fail('backup.restoreFirstRun', {
      recoveryKey,
      username: OWNER.username,
      newPassword: 'harbor-quince-lantern-58',
    });
    expect(withNew.code).toBe('INVALID_CREDENTIALS');
    await fresh.ok('backup.restoreFirstRun', {
      recoveryKey: p.recoveryKey,
      username: OWNER.username,
      newPassword: 'harbor-quince-lantern-58',
    });
    expect((await fresh.ok('clients.get', { clientId: s.clientId })).legalLastName).toBe('Rotaway-Fenwick');

    // A backup made after the rotation restores here with the new key.
    await p.ok('backup.runNow', {});
    await p.core.services.backup.whenIdle();
    const after = (await p.ok('backup.listGenerations', {})).find((g) => g.name !== gen?.name);
    expect(after).toBeDefined();
    await p.ok('backup.restoreHere', {
      name: after?.name ?? '',
      confirmDate: (after?.createdAt ?? '').slice(0, 10),
    });
    expect((await p.ok('clients.get', { clientId: s.clientId })).legalLastName).toBe('Rotaway-Fenwick');
  });
});
