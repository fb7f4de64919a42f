// Destruction of a chart past retention (issue 19): what is left of its words in the decrypted
// database pages, the write-ahead log and the next backup; the tombstone, the certificate and the
// audit chain; the refusals (legal hold, before retention, wrong role, wrong chart number, open
// release, unanswered request to delete); the other channels that could still return the chart;
// and a restore of an older backup, which must not bring the chart back into use.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { adultClient, intake } from '../../helpers/clients.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { makePractice, OWNER, type TestPractice } from '../../helpers/make-practice.ts';
import { practiceWithBackupFolder, type Cleanups } from '../../helpers/backup-folder.ts';
import { signedNote } from '../../helpers/notes.ts';
import { accessRequest, pdfText } from '../../helpers/releases.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { SIDE_FILES } from '../../../main/core/backup/side-files.ts';
import { REGISTER_FILE } from '../../../main/core/retention/index.ts';
import { writeRegister } from '../../../main/core/retention/register.ts';
import { plainDatabasePages, plainWalPages, wordsIn } from './plain-pages.ts';

/** A clock that can jump years ahead without running every timer in between. */
class JumpClock extends FakeClock {
  offset = 0;
  override now(): number {
    return super.now() + this.offset;
  }
  jumpTo(iso: string): void {
    this.offset += Date.parse(iso) - this.now();
  }
}

/** Unusual, synthetic words planted in every kind of record of the chart. */
const WORDS = {
  first: 'Quillibrant',
  last: 'Zephyrnock',
  note: 'marrowglint',
  addendum: 'thistlevane',
  intake: 'corvanticka',
  recipient: 'Wobbletonian',
  draft: 'glimmerquod',
  hold: 'Brackenwhistle',
  diagnosis: 'Vesperlindt',
};
const ALL = Object.values(WORDS);

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setUp() {
  const clock = new JumpClock();
  const { p, folder } = await practiceWithBackupFolder(cleanups, { clock });
  const certs = tempDir('stillwater-certs-');
  cleanups.push(() => {
    certs.remove();
  });
  const me = (await p.ok('staff.list', {})).find((u) => u.role === 'owner')?.id ?? '';
  return { p, clock, folder, certs: certs.path, ownerId: me };
}

/** A chart with the planted words in its demographics, intake, notes, addendum, disclosure and a draft. */
async function plantedChart(p: TestPractice, ownerId: string, last = WORDS.last) {
  const client = await p.ok(
    'clients.create',
    adultClient(ownerId, { legalFirstName: WORDS.first, legalLastName: last }),
  );
  await p.ok('intake.save', intake(client.id, { presentingConcern: `Synthetic: ${WORDS.intake} worries.` }));
  const noteId = await signedNote(p, 'w1', client.id, '2026-01-12', WORDS.note);
  await p.ok('notes.addAddendum', { noteId, text: `Synthetic: ${WORDS.addendum} follow-up.` });
  await p.ok('disclosures.record', {
    clientId: client.id,
    disclosedOn: '2026-02-01',
    recipientName: `${WORDS.recipient} County Health (synthetic)`,
    description: 'Synthetic: attendance dates',
    purpose: 'Synthetic: required report',
    basis: 'required_by_law',
  });
  await p.ok('drafts.save', { key: `intake:${client.id}`, data: { note: `${WORDS.draft} typed` } });
  await p.ok('diagnoses.add', {
    clientId: client.id,
    code: 'Z63.8',
    description: `Synthetic: ${WORDS.diagnosis} family circumstance`,
    status: 'active',
    part2: false,
  });
  await p.ok('clients.setStatus', {
    clientId: client.id,
    status: 'discharged',
    effectiveDate: '2026-02-15',
    reason: 'Treatment completed',
  });
  return client;
}

/** Every page of the live database and its log, decrypted with the practice's key. */
function livePages(p: TestPractice) {
  const key = p.core.ctx.vault.copyDataKey();
  try {
    const file = p.core.ctx.vault.databaseFile;
    return { db: plainDatabasePages(file, key), wal: plainWalPages(`${file}-wal`, key) };
  } finally {
    key.fill(0);
  }
}

function backupPages(p: TestPractice, folder: string, name: string) {
  const key = p.core.ctx.vault.copyDataKey();
  try {
    return plainDatabasePages(join(folder, name, 'practice.db'), key);
  } finally {
    key.fill(0);
  }
}

async function auditText(p: TestPractice): Promise<string> {
  const rows = await sql<Record<string, unknown>>`SELECT * FROM audit_log`.execute(p.core.ctx.vault.db.db);
  return JSON.stringify(rows.rows);
}

describe('destroying a chart past retention', () => {
  it('leaves none of its words in the database pages, the log or the next backup; tombstone and audit chain verify', async () => {
    const { p, clock, folder, certs, ownerId } = await setUp();
    const client = await plantedChart(p, ownerId);
    const other = await p.ok(
      'clients.create',
      adultClient(ownerId, { legalFirstName: 'Keeper', legalLastName: 'Staysmith' }),
    );
    // Positive control: the scanner finds the words while the chart is there.
    const before = livePages(p);
    expect(wordsIn([...before.db, ...before.wal], ALL).sort()).toEqual(
      ALL.filter((w) => w !== WORDS.hold).sort(),
    );

    expect(await p.ok('notes.search', { query: WORDS.note })).toHaveLength(1);

    clock.jumpTo('2033-03-01T15:00:00.000Z');
    await p.signIn(OWNER.username, OWNER.password);
    const overview = await p.ok('retention.overview', {});
    const row = overview.charts.find((c) => c.clientId === client.id);
    expect(row).toMatchObject({
      lastVisitOn: '2026-01-12',
      retainUntil: '2033-01-12',
      basis: 'last-visit',
      blockers: [],
    });
    // Active and registered Mar 2, 2026: kept through Mar 2, 2033.
    expect(overview.charts.some((c) => c.clientId === other.id)).toBe(false);

    p.folder.next = certs;
    const tomb = await p.ok('retention.destroyChart', {
      clientId: client.id,
      confirmChartNumber: client.chartNumber,
      reason: 'Retention period ended; routine destruction',
    });
    if (!tomb) throw new Error('the certificate folder was chosen');
    expect(tomb).toMatchObject({
      clientId: client.id,
      chartNumber: client.chartNumber,
      lastVisitOn: '2026-01-12',
      retainUntil: '2033-01-12',
      approvedBy: OWNER.displayName,
    });

    // The live database and its log.
    const after = livePages(p);
    expect(after.wal).toEqual([]);
    expect(wordsIn(after.db, ALL)).toEqual([]);
    expect(wordsIn(after.db, ['Staysmith'])).toEqual(['Staysmith']);
    // The next backup.
    // A backup the sign-in started (before the destruction) finishes first; then the next one.
    p.folder.next = folder;
    await p.core.services.backup.whenIdle();
    const auditCount = (await p.ok('audit.list', { filter: {}, limit: 1 })).entries[0]?.seq ?? 0;
    await p.ok('backup.runNow', {});
    await p.core.services.backup.whenIdle();
    const gens = await p.ok('backup.listGenerations', {});
    const newest = gens.reduce((a, b) => (b.auditEntries > a.auditEntries ? b : a));
    expect(newest.auditEntries).toBeGreaterThanOrEqual(auditCount);
    expect(wordsIn(backupPages(p, folder, newest.name), ALL)).toEqual([]);

    // The permit that let the delete guards give way lived only inside the destruction.
    const permits = await sql<{ n: number }>`SELECT count(*) AS n FROM chart_purge_permits`.execute(
      p.core.ctx.vault.db.db,
    );
    expect(permits.rows[0]?.n).toBe(0);
    // The audit log names records by identifier only, and its chain still verifies.
    expect(wordsIn([Buffer.from(await auditText(p), 'latin1')], ALL)).toEqual([]);
    expect((await p.ok('audit.verify', {})).ok).toBe(true);

    // The tombstone stays; the certificate is a letter that names the chart, not the person.
    const again = await p.ok('retention.overview', {});
    expect(again.tombstones).toEqual([tomb]);
    expect(again.charts.some((c) => c.clientId === client.id)).toBe(false);
    const pdf = pdfText(join(certs, tomb.certificateFolder, 'destruction-certificate.pdf'));
    expect(pdf).toContain(client.chartNumber);
    expect(pdf).toContain('Retention period ended');
    expect(wordsIn([Buffer.from(pdf, 'latin1')], ALL)).toEqual([]);

    // No other channel returns the chart.
    expect((await p.fail('clients.get', { clientId: client.id })).code).toBe('NOT_FOUND');
    expect((await p.ok('clients.search', { query: WORDS.last, limit: 5 })).clients).toEqual([]);
    expect(await p.ok('notes.search', { query: WORDS.note })).toEqual([]);
    expect(await p.ok('releases.list', { clientId: client.id })).toEqual([]);
    expect((await p.fail('disclosures.accounting', { clientId: client.id, includeAll: true })).code).toBe(
      'NOT_FOUND',
    );
    expect(await p.ok('drafts.get', { key: `intake:${client.id}` })).toBeNull();
    expect((await p.fail('notes.timeline', { clientId: client.id })).code).toBe('NOT_FOUND');

    // After a restart, still gone, and the register does not destroy anything else.
    await p.core.shutdown();
    const next = p.restart();
    cleanups.push(() => next.core.shutdown());
    await next.signIn(OWNER.username, OWNER.password);
    expect((await next.fail('clients.get', { clientId: client.id })).code).toBe('NOT_FOUND');
    expect((await next.ok('clients.get', { clientId: other.id })).legalLastName).toBe('Staysmith');
    expect((await next.ok('audit.verify', {})).ok).toBe(true);
  }, 120_000);

  it('refuses under a legal hold, before the retention date, to other roles, with a wrong chart number, while a release or a request to delete is open', async () => {
    const { p, clock, certs, ownerId } = await setUp();
    const client = await plantedChart(p, ownerId);
    const clinician = await p.addStaff('clinician');
    const desk = await p.addStaff('front_desk');
    p.folder.next = certs;
    const destroy = { clientId: client.id, confirmChartNumber: client.chartNumber, reason: 'Routine' };

    // Before the retention date (kept through Jan 12, 2033).
    clock.jumpTo('2033-01-12T15:00:00.000Z');
    await p.signIn(OWNER.username, OWNER.password);
    expect(await p.fail('retention.destroyChart', destroy)).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('kept through Jan 12, 2033') as unknown,
    });
    clock.jumpTo('2033-01-13T15:00:00.000Z');
    await p.signIn(OWNER.username, OWNER.password);

    // Other roles, at the router and in main.
    await p.ok('auth.signIn', { username: clinician.username, password: clinician.password }, 'wc');
    await p.ok(
      'auth.changePassword',
      { currentPassword: clinician.password, newPassword: 'harbor-violet-quartz-62' },
      'wc',
    );
    expect((await p.fail('retention.destroyChart', destroy, 'wc')).code).toBe('FORBIDDEN');
    expect((await p.fail('retention.overview', {}, 'wc')).code).toBe('FORBIDDEN');
    expect((await p.fail('retention.placeHold', { clientId: client.id, reason: 'x' }, 'wc')).code).toBe(
      'FORBIDDEN',
    );
    await p.ok('auth.signIn', { username: desk.username, password: desk.password }, 'wd');
    await p.ok(
      'auth.changePassword',
      { currentPassword: desk.password, newPassword: 'lantern-maple-cobalt-48' },
      'wd',
    );
    expect((await p.fail('retention.destroyChart', destroy, 'wd')).code).toBe('FORBIDDEN');
    expect(
      (
        await p.fail(
          'retention.updateSettings',
          { clinicalYears: 6, minorYearsAfterMajority: 0, ageOfMajority: 18 },
          'wd',
        )
      ).code,
    ).toBe('FORBIDDEN');

    // The chart number must be typed exactly.
    expect((await p.fail('retention.destroyChart', { ...destroy, confirmChartNumber: '99999' })).code).toBe(
      'INVALID_INPUT',
    );

    // A legal hold blocks until it is lifted; its reason stays out of the audit log.
    const hold = await p.ok('retention.placeHold', {
      clientId: client.id,
      reason: `Subpoena in ${WORDS.hold} matter`,
    });
    expect((await p.fail('retention.placeHold', { clientId: client.id, reason: 'again' })).code).toBe(
      'CONFLICT',
    );
    expect(await p.fail('retention.destroyChart', destroy)).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('legal hold') as unknown,
    });
    expect(
      (await p.ok('retention.overview', {})).charts.find((c) => c.clientId === client.id)?.hold?.id,
    ).toBe(hold.id);
    expect(await auditText(p)).not.toContain(WORDS.hold);
    await p.ok('retention.liftHold', { holdId: hold.id, reason: 'Matter closed' });
    expect((await p.fail('retention.liftHold', { holdId: hold.id, reason: 'twice' })).code).toBe('NOT_FOUND');

    // An open release (a draft access request) blocks: it still has to be answered.
    const release = await p.ok('releases.create', accessRequest(client.id, '2026-02-20'));
    expect(await p.fail('retention.destroyChart', destroy)).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('release') as unknown,
    });
    await p.ok('releases.deny', {
      requestId: release.summary.id,
      ground: 'psychotherapy_notes',
      explanation: 'Synthetic denial.',
    });

    // The denial is HIPAA documentation: six years from the day it was made (now), so not yet.
    expect(await p.fail('retention.destroyChart', destroy)).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('kept through Jan 13, 2039') as unknown,
    });
    const row = (await p.ok('retention.overview', {})).charts.find((c) => c.clientId === client.id);
    expect(row).toBeUndefined();

    // Nothing was destroyed by any refusal.
    expect((await p.ok('clients.get', { clientId: client.id })).legalLastName).toBe(WORDS.last);
    expect((await p.ok('retention.overview', {})).tombstones).toEqual([]);
    expect(readdirSync(certs)).toEqual([]);
  }, 120_000);

  it('refuses while a request to delete is unanswered, and destroys once it is answered', async () => {
    const { p, clock, certs, ownerId } = await setUp();
    const client = await plantedChart(p, ownerId);
    const request = await p.ok('retention.recordDeletionRequest', {
      clientId: client.id,
      receivedOn: '2026-02-20',
      requestText: 'Synthetic: please delete everything about me.',
    });
    expect(request).toMatchObject({ dueOn: '2026-04-21', answeredAt: null });
    const due = await p.ok('due.list', {});
    expect(due.find((d) => d.id === request.id)).toMatchObject({ kind: 'deletion', clientId: client.id });

    clock.jumpTo('2033-03-01T15:00:00.000Z');
    await p.signIn(OWNER.username, OWNER.password);
    p.folder.next = certs;
    const destroy = { clientId: client.id, confirmChartNumber: client.chartNumber, reason: 'Routine' };
    expect(await p.fail('retention.destroyChart', destroy)).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('request to delete') as unknown,
    });
    const letter = await p.ok('retention.answerDeletionRequest', { requestId: request.id });
    expect(letter).not.toBeNull();
    const text = pdfText(join(certs, letter?.folder ?? '', 'deletion-request-answer.pdf'));
    expect(text).toContain('7 years after the last visit');
    expect(text).toContain('12 Sample Street');
    expect((await p.ok('due.list', {})).some((d) => d.id === request.id)).toBe(false);
    expect((await p.fail('retention.answerDeletionRequest', { requestId: request.id })).code).toBe(
      'CONFLICT',
    );
    await p.ok('retention.destroyChart', destroy);
    expect((await p.fail('retention.deletionRequests', { clientId: client.id })).code).toBe('NOT_FOUND');
  }, 120_000);
});

describe('the other client-rights rooms', () => {
  it('an open amendment request blocks; a decided one is kept six years, then leaves with the chart', async () => {
    const { p, clock, certs, ownerId } = await setUp();
    const client = await plantedChart(p, ownerId);
    const entry = (await p.ok('notes.timeline', { clientId: client.id })).find((e) => e.type === 'note');
    const noteId = entry?.type === 'note' ? entry.noteId : '';
    const amendment = await p.ok('amendments.create', {
      clientId: client.id,
      receivedOn: '2026-03-01',
      requestText: 'Synthetic: the Vexlumbrine date is wrong.',
      records: [{ itemKind: 'note', recordId: noteId }],
      includeIfDenied: false,
    });
    clock.jumpTo('2033-03-01T15:00:00.000Z');
    await p.signIn(OWNER.username, OWNER.password);
    p.folder.next = certs;
    const destroy = { clientId: client.id, confirmChartNumber: client.chartNumber, reason: 'Routine' };
    expect(await p.fail('retention.destroyChart', destroy)).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('awaits a decision') as unknown,
    });
    // Denied now (2033): the denial is HIPAA documentation for six years from today.
    await p.ok('amendments.deny', {
      requestId: amendment.id,
      basis: 'accurate_complete',
      explanation: 'Synthetic: the record is accurate.',
    });
    expect(await p.fail('retention.destroyChart', destroy)).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('kept through Mar 1, 2039') as unknown,
    });
    clock.jumpTo('2039-03-02T15:00:00.000Z');
    await p.signIn(OWNER.username, OWNER.password);
    await p.ok('retention.destroyChart', destroy);
    const pages = livePages(p);
    expect(wordsIn([...pages.db, ...pages.wal], [...ALL, 'Vexlumbrine'])).toEqual([]);
    expect((await p.ok('audit.verify', {})).ok).toBe(true);
  }, 120_000);
});

describe('restoring an older backup', () => {
  it('does not bring a destroyed chart back into use', async () => {
    const { p, clock, folder, certs, ownerId } = await setUp();
    const client = await plantedChart(p, ownerId);
    await p.ok('backup.runNow', {});
    const [old] = await p.ok('backup.listGenerations', {});
    clock.jumpTo('2033-03-01T15:00:00.000Z');
    await p.signIn(OWNER.username, OWNER.password);
    p.folder.next = certs;
    const tomb = await p.ok('retention.destroyChart', {
      clientId: client.id,
      confirmChartNumber: client.chartNumber,
      reason: 'Routine',
    });
    if (!tomb) throw new Error('the certificate folder was chosen');
    expect(existsSync(join(p.dir, 'destroyed-charts.json'))).toBe(true);
    // The register beside the database names no one.
    expect(readFileSync(join(p.dir, 'destroyed-charts.json'), 'latin1')).not.toContain(client.chartNumber);

    p.folder.next = folder;
    await p.ok('backup.restoreHere', {
      name: old?.name ?? '',
      confirmDate: (old?.createdAt ?? '').slice(0, 10),
    });
    await p.core.services.backup.whenIdle();
    expect((await p.fail('clients.get', { clientId: client.id })).code).toBe('NOT_FOUND');
    expect((await p.ok('clients.search', { query: WORDS.last, limit: 5 })).clients).toEqual([]);
    const overview = await p.ok('retention.overview', {});
    expect(overview.tombstones.map((t) => t.clientId)).toEqual([tomb.clientId]);
    expect(await auditText(p)).toContain('chart.destroyReapplied');
    expect((await p.ok('audit.verify', {})).ok).toBe(true);
    // The audit check that runs after an unlock reads the log for a moment; the log is truncated
    // as soon as it lets go (tried again every 2 s), and only then are the old pages overwritten.
    const left = () => {
      const pages = livePages(p);
      return wordsIn([...pages.db, ...pages.wal], ALL);
    };
    for (let i = 0; i < 20 && left().length > 0; i++) {
      await clock.advance(2_000);
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(left()).toEqual([]);
  }, 120_000);
});

describe('restoring an older backup on a new computer', () => {
  it('does not bring a destroyed chart back: the register beside the backups comes with the restore', async () => {
    const { p, clock, folder, certs, ownerId } = await setUp();
    const client = await plantedChart(p, ownerId);
    await p.ok('backup.runNow', {});
    const [old] = await p.ok('backup.listGenerations', {});
    clock.jumpTo('2033-03-01T15:00:00.000Z');
    await p.signIn(OWNER.username, OWNER.password);
    p.folder.next = certs;
    const tomb = await p.ok('retention.destroyChart', {
      clientId: client.id,
      confirmChartNumber: client.chartNumber,
      reason: 'Routine',
    });
    if (!tomb) throw new Error('the certificate folder was chosen');
    // Copied beside the backups at once, not only with the next backup (the computer may be lost first).
    expect(existsSync(join(folder, 'destroyed-charts.json'))).toBe(true);

    // The computer is lost before another backup: a new one restores the backup made before.
    const fresh = await makePractice({ setup: false, clock });
    cleanups.push(() => fresh.close());
    fresh.folder.next = join(folder, old?.name ?? '');
    await fresh.ok('backup.chooseRestoreFile', {});
    await fresh.ok('backup.restoreFirstRun', {
      recoveryKey: p.recoveryKey,
      username: OWNER.username,
      newPassword: 'harbor-quince-lantern-58',
    });
    expect((await fresh.fail('clients.get', { clientId: client.id })).code).toBe('NOT_FOUND');
    expect((await fresh.ok('clients.search', { query: WORDS.last, limit: 5 })).clients).toEqual([]);
    expect((await fresh.ok('retention.overview', {})).tombstones.map((t) => t.clientId)).toEqual([
      tomb.clientId,
    ]);
    expect(await auditText(fresh)).toContain('chart.destroyReapplied');
    expect((await fresh.ok('audit.verify', {})).ok).toBe(true);
  }, 120_000);

  it('names the same file as the retention room’s register', () => {
    expect(SIDE_FILES).toContain(REGISTER_FILE);
  });
});

describe('the destruction register', () => {
  it('orders nothing when this practice’s key does not open it (a file made outside Stillwater)', async () => {
    const { p, ownerId } = await setUp();
    const client = await plantedChart(p, ownerId);
    const forged = {
      client_id: client.id,
      chart_number: client.chartNumber,
      registered_on: '2026-03-02',
      last_visit_on: null,
      retention_until: '2026-03-02',
      rule: '{}',
      reason: 'forged',
      approved_by: ownerId,
      approved_by_name: 'Nobody',
      destroyed_at: '2026-03-02T15:00:00.000Z',
      certificate_folder: 'none',
      certificate_sha256: '0'.repeat(64),
    };
    writeRegister(p.dir, randomBytes(32), [forged]);
    await p.core.shutdown();
    const next = p.restart();
    cleanups.push(() => next.core.shutdown());
    await next.signIn(OWNER.username, OWNER.password);
    expect((await next.ok('clients.get', { clientId: client.id })).legalLastName).toBe(WORDS.last);
    expect((await next.ok('retention.overview', {})).tombstones).toEqual([]);
    // The forged file is kept under another name; a new register starts from the tombstones.
    expect(readdirSync(p.dir).some((n) => n.startsWith('destroyed-charts.unreadable-'))).toBe(true);
  }, 60_000);
});

describe('retention settings', () => {
  it('default to seven years, eighteen and six for HIPAA documentation, and refuse bad input', async () => {
    const { p } = await setUp();
    expect(await p.ok('retention.getSettings', {})).toEqual({
      clinicalYears: 7,
      minorYearsAfterMajority: 7,
      ageOfMajority: 18,
      hipaaYears: 6,
    });
    for (const bad of [
      { clinicalYears: 5, minorYearsAfterMajority: 7, ageOfMajority: 18 },
      { clinicalYears: '7', minorYearsAfterMajority: 7, ageOfMajority: 18 },
      { clinicalYears: 7.5, minorYearsAfterMajority: 7, ageOfMajority: 18 },
      { clinicalYears: 7, minorYearsAfterMajority: 7 },
      { clinicalYears: 7, minorYearsAfterMajority: 7, ageOfMajority: 17 },
      { clinicalYears: 7, minorYearsAfterMajority: 7, ageOfMajority: 18, hipaaYears: 3 },
    ])
      expect((await p.fail('retention.updateSettings', bad)).code).toBe('INVALID_INPUT');
    expect(
      await p.ok('retention.updateSettings', {
        clinicalYears: 10,
        minorYearsAfterMajority: 3,
        ageOfMajority: 21,
      }),
    ).toMatchObject({
      clinicalYears: 10,
      hipaaYears: 6,
    });
    for (const bad of [
      { clientId: 'nope', reason: 'x' },
      { clientId: '00000000-0000-4000-8000-000000000000', reason: '' },
      { clientId: '00000000-0000-4000-8000-000000000000', reason: 'x'.repeat(501) },
    ])
      expect((await p.fail('retention.placeHold', bad)).code).toBe('INVALID_INPUT');
    expect(
      (await p.fail('retention.placeHold', { clientId: '00000000-0000-4000-8000-000000000000', reason: 'x' }))
        .code,
    ).toBe('NOT_FOUND');
    expect(
      (
        await p.fail('retention.destroyChart', {
          clientId: '00000000-0000-4000-8000-000000000000',
          confirmChartNumber: '1',
          reason: 'x'.repeat(600),
        })
      ).code,
    ).toBe('INVALID_INPUT');
  }, 60_000);

  it('keeps a minor’s chart through the years after the age of majority', async () => {
    const { p, clock, ownerId } = await setUp();
    const minor = await p.ok(
      'clients.create',
      adultClient(ownerId, {
        legalFirstName: 'Tamsin',
        legalLastName: 'Youngfictus',
        dateOfBirth: '2012-05-01',
        guardians: [
          {
            name: 'Morgan Youngfictus',
            relation: 'Mother',
            phone: '(555) 010-3030',
            legalAuthority: 'parent',
          },
        ],
      }),
    );
    await p.ok('clients.setStatus', {
      clientId: minor.id,
      status: 'inactive',
      effectiveDate: '2026-02-15',
      reason: 'Moved',
    });
    // Registered 2026-03-02, no signed note: last visit + 7 = 2033; majority 2030 + 7 = 2037.
    clock.jumpTo('2034-01-01T15:00:00.000Z');
    await p.signIn(OWNER.username, OWNER.password);
    expect((await p.ok('retention.overview', {})).charts.some((c) => c.clientId === minor.id)).toBe(false);
    clock.jumpTo('2037-05-02T15:00:00.000Z');
    await p.signIn(OWNER.username, OWNER.password);
    expect((await p.ok('retention.overview', {})).charts.find((c) => c.clientId === minor.id)).toMatchObject({
      lastVisitOn: null,
      retainUntil: '2037-05-01',
      basis: 'majority',
    });
  }, 60_000);
});
