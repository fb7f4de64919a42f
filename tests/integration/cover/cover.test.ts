// Planned cover (issue 21) through the channels: who may arrange it, the window's bounds and bad
// input; what the coverer reads (demographics, signed progress notes) and never reads (psychotherapy
// notes, Part 2 records, intake, diagnoses, plans) through every channel returning the same data;
// writing and signing their own progress note; reads audited with the grant; the end by main's
// clock mid-session and early by the grantor; a restart; and the database edited directly.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKeyed } from '../../../db/connection.ts';
import { DATABASE_FILE } from '../../../main/core/vault/vault.ts';
import type { Cover } from '../../../preload/contract/cover.ts';
import { adultClient, intake } from '../../helpers/clients.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { FakeIdle } from '../../helpers/fake-idle.ts';
import { makePractice, OWNER, signedInStaff, type TestPractice } from '../../helpers/make-practice.ts';
import { dapNote, signedNote } from '../../helpers/notes.ts';

const START = Date.parse('2026-03-02T15:00:00Z');
const HOUR = 3_600_000;
const clock = new FakeClock(START);
const idle = new FakeIdle(clock);
let p: TestPractice;
type Staff = { id: string; username: string; password: string };
let absent: Staff; // Dr. Away: the clinician on leave
let coverer: Staff; // Dr. Cover
let third: Staff; // another clinician, neither
let desk: Staff;
const W = { owner: 'w1', absent: 'w-away', coverer: 'w-cover', third: 'w-third', desk: 'w-desk' };
let client: string; // Dr. Away's client
let otherClient: string; // Dr. Third's client
let diagnosisId: string;
const notes = { progress: '', psycho: '', part2: '' };

const iso = (ms: number) => new Date(ms).toISOString();

/** Keeps every window's session alive while the clock moves on (under the inactivity warning). */
async function later(ms: number): Promise<void> {
  for (let left = ms; left > 0; left -= 60_000) {
    await clock.advance(Math.min(60_000, left));
    idle.input();
    for (const w of Object.values(W)) await p.call('session.activity', {}, w);
  }
}

const grant = (extra: Record<string, unknown> = {}, w = W.owner) =>
  p.call(
    'cover.grantCover',
    {
      absentId: absent.id,
      covererId: coverer.id,
      startsAt: iso(clock.now()),
      endsAt: iso(clock.now() + 8 * HOUR),
      reason: 'Annual leave (synthetic)',
      ...extra,
    },
    w,
  );

async function auditOf(
  action: string,
): Promise<{ detail: Record<string, unknown>; target_id: string | null }[]> {
  const rows = await p.core.ctx.vault.db.db
    .selectFrom('audit_log')
    .select(['detail', 'target_id'])
    .where('action', '=', action)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    target_id: r.target_id,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
  }));
}

const searchIds = async (w: string) =>
  (await p.ok('clients.search', { query: '' }, w)).clients.map((c) => c.id);

beforeAll(async () => {
  p = await makePractice({ clock, idle });
  absent = await signedInStaff(p, 'clinician', 'Dr. Away Testcase', W.absent);
  coverer = await signedInStaff(p, 'clinician', 'Dr. Cover Testcase', W.coverer);
  third = await signedInStaff(p, 'clinician', 'Dr. Third Testcase', W.third);
  desk = await signedInStaff(p, 'front_desk', 'Dee Deskworth', W.desk);
  client = (await p.ok('clients.create', adultClient(absent.id, { legalFirstName: 'Marisol' }), W.absent)).id;
  otherClient = (await p.ok('clients.create', adultClient(third.id, { legalFirstName: 'Tobias' }), W.third))
    .id;
  await p.ok('intake.save', intake(client), W.absent);
  const list = await p.ok(
    'diagnoses.add',
    { clientId: client, code: 'F41.1', status: 'active', part2: false },
    W.absent,
  );
  diagnosisId = list.diagnoses[0]?.id ?? '';
  const addressed = { addressedDiagnosisIds: [diagnosisId] };
  notes.progress = await signedNote(p, W.absent, client, '2026-02-20', 'heronwood', addressed);
  notes.part2 = await signedNote(p, W.absent, client, '2026-02-21', 'kestrelmoor', {
    ...addressed,
    part2: true,
  });
  const { noteId } = await p.ok(
    'notes.saveDraft',
    {
      clientId: client,
      kind: 'psychotherapy',
      template: 'free',
      serviceDate: '2026-02-22',
      sections: { note: 'Synthetic process note: quillstone.', plan: 'Explore next time.' },
      part2: false,
    },
    W.absent,
  );
  await p.ok('notes.sign', { noteId }, W.absent);
  notes.psycho = noteId;
});
afterAll(async () => {
  await p.close();
});

describe('who may arrange cover', () => {
  it('refuses front desk, a clinician for a colleague, self-cover and front desk as coverer', async () => {
    expect((await grant({}, W.desk)).ok).toBe(false);
    const other = await grant({ absentId: third.id }, W.absent);
    expect(other.ok || other.error.code).toBe('FORBIDDEN');
    const self = await grant({ covererId: absent.id }, W.owner);
    expect(self.ok || self.error.code).toBe('INVALID_INPUT');
    const toDesk = await grant({ covererId: desk.id }, W.owner);
    expect(toDesk.ok || toDesk.error.code).toBe('INVALID_INPUT');
    expect(await auditOf('cover.grant')).toHaveLength(0);
  });

  it('refuses a window in the past, backwards or longer than 90 days, and bad input', async () => {
    const past = await grant({ startsAt: iso(clock.now() - 2 * HOUR) });
    expect(past.ok || past.error.message).toMatch(/past/);
    const backwards = await grant({ endsAt: iso(clock.now() - HOUR), startsAt: iso(clock.now()) });
    expect(backwards.ok || backwards.error.message).toMatch(/end after it starts/);
    const long = await grant({ endsAt: iso(clock.now() + 91 * 24 * HOUR) });
    expect(long.ok || long.error.message).toMatch(/90 days/);
    for (const bad of [
      { reason: 'x'.repeat(5000) },
      { reason: '' },
      { covererId: 42 },
      { endsAt: 'next tuesday' },
      { absentId: undefined },
      { extra: true },
    ]) {
      const r = await grant(bad);
      expect(r.ok || r.error.code).toBe('INVALID_INPUT');
    }
    expect(await auditOf('cover.grant')).toHaveLength(0);
  });

  it('lets a clinician arrange cover of their own caseload, and shows it to both and the owner', async () => {
    const r = await grant({ endsAt: iso(clock.now() + 2 * HOUR) }, W.absent);
    if (!r.ok) throw new Error(r.error.message);
    const cover: Cover = r.value;
    expect(cover).toMatchObject({ status: 'in_force', mayEnd: true, absent: { id: absent.id } });
    const forCoverer = (await p.ok('cover.listCovers', {}, W.coverer)).covers.find((c) => c.id === cover.id);
    expect(forCoverer).toMatchObject({
      status: 'in_force',
      mayEnd: false,
      coverer: { displayName: 'Dr. Cover Testcase' },
    });
    expect((await p.ok('cover.listCovers', {}, W.owner)).covers.map((c) => c.id)).toContain(cover.id);
    expect((await p.ok('cover.listCovers', {}, W.third)).covers).toHaveLength(0);
    // The coverer cannot end it; the grantor can, and it is audited.
    expect((await p.call('cover.endCover', { grantId: cover.id }, W.coverer)).ok).toBe(false);
    expect((await p.call('cover.endCover', { grantId: cover.id }, W.third)).ok).toBe(false);
    const ended = await p.ok('cover.endCover', { grantId: cover.id }, W.absent);
    expect(ended).toMatchObject({ status: 'ended', endedEarly: { by: { id: absent.id } } });
    expect((await auditOf('cover.end')).map((e) => e.target_id)).toEqual([cover.id]);
    expect((await p.call('clients.get', { clientId: client }, W.coverer)).ok).toBe(false);
  });
});

describe('under cover', () => {
  let grantId = '';
  beforeAll(async () => {
    const r = await grant({ endsAt: iso(clock.now() + 30 * 60_000) });
    if (!r.ok) throw new Error(r.error.message);
    grantId = r.value.id;
  });

  it('before: the coverer is refused the chart and does not find the client', async () => {
    // (this block's grant is in force; what "before" looks like is the third clinician's view)
    expect((await p.call('clients.get', { clientId: client }, W.third)).ok).toBe(false);
    expect(await searchIds(W.third)).not.toContain(client);
  });

  it('opens demographics and the client list, audited with the grant', async () => {
    const record = await p.ok('clients.get', { clientId: client }, W.coverer);
    expect(record.legalFirstName).toBe('Marisol');
    expect(await searchIds(W.coverer)).toContain(client);
    expect(await searchIds(W.coverer)).not.toContain(otherClient);
    const views = await auditOf('client.view');
    expect(views.at(-1)?.detail).toMatchObject({ coverGrantId: grantId });
    // Demographics are read, not changed.
    const upd = await p.call('clients.update', { ...adultClient(absent.id), clientId: client }, W.coverer);
    expect(upd.ok).toBe(false);
  });

  it('reads signed progress notes, never psychotherapy notes or Part 2 records (get, timeline, search)', async () => {
    const note = await p.ok('notes.get', { noteId: notes.progress }, W.coverer);
    expect(note.id).toBe(notes.progress);
    expect((await auditOf('note.view')).at(-1)?.detail).toMatchObject({ coverGrantId: grantId });
    for (const id of [notes.part2, notes.psycho]) {
      const r = await p.call('notes.get', { noteId: id }, W.coverer);
      expect(r.ok || r.error.code).toBe('NOT_FOUND');
    }
    const timeline = await p.ok('notes.timeline', { clientId: client }, W.coverer);
    const shown = timeline.flatMap((e) => (e.type === 'note' ? [e.noteId] : [e.type]));
    expect(shown).toEqual([notes.progress]);
    expect((await auditOf('client.timelineView')).at(-1)?.detail).toMatchObject({ coverGrantId: grantId });
    const hits = async (q: string) =>
      (await p.ok('notes.search', { query: q }, W.coverer)).map((h) => h.noteId);
    expect(await hits('heronwood')).toEqual([notes.progress]);
    expect(await hits('kestrelmoor')).toEqual([]);
    expect(await hits('quillstone')).toEqual([]);
  });

  it('refuses intake, diagnoses, treatment plans and the accounting', async () => {
    for (const [channel, input] of [
      ['intake.get', { clientId: client }],
      ['diagnoses.list', { clientId: client }],
      ['plans.ofClient', { clientId: client }],
    ] as const) {
      const r = await p.call(channel, input, W.coverer);
      expect(r.ok || r.error.code, channel).toBe('FORBIDDEN');
    }
  });

  it('writes and signs their own progress note, addressing the active diagnosis (not Part 2, not psychotherapy)', async () => {
    const options = await p.ok('notes.linkOptions', { clientId: client }, W.coverer);
    expect(options.diagnoses.map((d) => d.diagnosisId)).toEqual([diagnosisId]);
    expect(options.plan).toBeNull();
    const mine = await signedNote(p, W.coverer, client, '2026-03-02', 'larchfield', {
      addressedDiagnosisIds: [diagnosisId],
    });
    expect((await p.ok('notes.get', { noteId: mine }, W.absent)).author.id).toBe(coverer.id);
    const p2 = await p.call('notes.saveDraft', dapNote(client, { part2: true }), W.coverer);
    expect(p2.ok || p2.error.code).toBe('FORBIDDEN');
    const psy = await p.call(
      'notes.saveDraft',
      {
        clientId: client,
        kind: 'psychotherapy',
        template: 'free',
        serviceDate: '2026-03-02',
        sections: { note: 'x', plan: 'y' },
        part2: false,
      },
      W.coverer,
    );
    expect(psy.ok).toBe(false);
  });

  it('ends by main’s clock mid-session: every path refuses on the next call', async () => {
    // Still in force a minute before its end, on the same session.
    await later(28 * 60_000);
    expect((await p.call('clients.get', { clientId: client }, W.coverer)).ok).toBe(true);
    await later(2 * 60_000);
    expect((await p.call('clients.get', { clientId: client }, W.coverer)).ok).toBe(false);
    expect((await p.call('notes.get', { noteId: notes.progress }, W.coverer)).ok).toBe(false);
    expect((await p.call('notes.timeline', { clientId: client }, W.coverer)).ok).toBe(false);
    expect((await p.call('notes.linkOptions', { clientId: client }, W.coverer)).ok).toBe(false);
    expect(await searchIds(W.coverer)).not.toContain(client);
    expect((await p.ok('notes.search', { query: 'heronwood' }, W.coverer)).length).toBe(0);
    const c = (await p.ok('cover.listCovers', {}, W.owner)).covers.find((x) => x.id === grantId);
    expect(c).toMatchObject({ status: 'ended', endedEarly: null, mayEnd: false });
  });
});

describe('a cover arranged ahead', () => {
  it('opens nothing before its start, opens at its start, and never the absent clinician’s drafts', async () => {
    const { noteId: draft } = await p.ok(
      'notes.saveDraft',
      dapNote(client, {
        serviceDate: '2026-03-01',
        sections: { data: 'Synthetic: ashgrove.', assessment: 'a', plan: 'p' },
      }),
      W.absent,
    );
    const r = await grant({
      startsAt: iso(clock.now() + 10 * 60_000),
      endsAt: iso(clock.now() + 20 * 60_000),
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.status).toBe('upcoming');
    expect((await p.call('clients.get', { clientId: client }, W.coverer)).ok).toBe(false);
    expect(await searchIds(W.coverer)).not.toContain(client);
    await later(10 * 60_000);
    expect((await p.ok('clients.get', { clientId: client }, W.coverer)).id).toBe(client);
    const d = await p.call('notes.get', { noteId: draft }, W.coverer);
    expect(d.ok || d.error.code).toBe('NOT_FOUND');
    // The third clinician, who neither arranged nor holds it, cannot end it; the owner can.
    expect((await p.call('cover.endCover', { grantId: r.value.id }, W.third)).ok).toBe(false);
    await p.ok('cover.endCover', { grantId: r.value.id }, W.owner);
    expect((await p.call('clients.get', { clientId: client }, W.coverer)).ok).toBe(false);
    const again = await p.call('cover.endCover', { grantId: r.value.id }, W.owner);
    expect(again.ok || again.error.code).toBe('CONFLICT');
  });
});

describe('what main trusts in the database', () => {
  it('refuses an end date extended, an early end removed, or a grant deleted by SQL', async () => {
    const r = await grant({ endsAt: iso(clock.now() + HOUR) });
    if (!r.ok) throw new Error(r.error.message);
    await p.ok('cover.endCover', { grantId: r.value.id }, W.owner);
    const sqlite = openKeyed(join(p.dir, DATABASE_FILE), p.core.ctx.vault.copyDataKey());
    try {
      expect(() =>
        sqlite.prepare('UPDATE cover_grants SET ends_ms = ends_ms + 86400000 WHERE id = ?').run(r.value.id),
      ).toThrow(/never changed/);
      expect(() => sqlite.prepare('DELETE FROM cover_ends WHERE grant_id = ?').run(r.value.id)).toThrow(
        /never removed/,
      );
      expect(() => sqlite.prepare('DELETE FROM cover_grants WHERE id = ?').run(r.value.id)).toThrow(
        /never removed/,
      );
      // A grant written straight into the file past 90 days is refused by its CHECK.
      expect(() =>
        sqlite
          .prepare(
            `INSERT INTO cover_grants VALUES ('00000000-0000-4000-8000-000000000001', ?, ?, ?, 1, ${String(200 * 24 * HOUR)}, 'x', 'y')`,
          )
          .run(absent.id, coverer.id, absent.id),
      ).toThrow(/CHECK/);
    } finally {
      sqlite.close();
    }
    expect((await p.call('clients.get', { clientId: client }, W.coverer)).ok).toBe(false);
  });
});

describe('after a restart', () => {
  it('a cover in force stays in force, and ends at its time by the new core’s clock', async () => {
    const r = await grant({ endsAt: iso(clock.now() + 3 * HOUR) });
    if (!r.ok) throw new Error(r.error.message);
    p = p.restart();
    await p.signIn(OWNER.username, OWNER.password, W.owner);
    await p.signIn(coverer.username, coverer.password, W.coverer);
    expect((await p.ok('clients.get', { clientId: client }, W.coverer)).id).toBe(client);
    await clock.advance(3 * HOUR);
    await p.signIn(coverer.username, coverer.password, W.coverer);
    expect((await p.call('clients.get', { clientId: client }, W.coverer)).ok).toBe(false);
    expect(await searchIds(W.coverer)).not.toContain(client);
  });
});
