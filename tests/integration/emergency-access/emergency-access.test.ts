// Emergency ("break-glass") access (issue 21): who may break the glass and why; the grant reads the
// chart and changes nothing (every channel that takes a client is walked); it ends by main's clock
// mid-session and after a restart; psychotherapy notes never open under it; Part 2 records only
// with the 42 CFR 2.51 reason, which lands in the accounting of disclosures; the owner and the
// assigned clinician see it until they acknowledge it; a grant edited in the database is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDb } from '../../../main/core/context.ts';
import { contract, type Channel } from '../../../preload/contract.ts';
import { adultClient, intake } from '../../helpers/clients.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { FakeIdle } from '../../helpers/fake-idle.ts';
import { makePractice, OWNER, signedInStaff, type TestPractice } from '../../helpers/make-practice.ts';
import { dapNote, signedNote } from '../../helpers/notes.ts';
import { thirdParty } from '../../helpers/releases.ts';

const W = { owner: 'w1', a: 'w-a', b: 'w-b', desk: 'w-desk' };
const clock = new FakeClock(Date.parse('2026-03-02T15:00:00Z'));
const idle = new FakeIdle(clock);
const MARK = 'glassword';
const READ_ONLY = 'Emergency access is read-only: nothing in this chart can be changed under it.';
let p: TestPractice;
let a: { id: string; username: string; password: string };
let b: { id: string; username: string; password: string };
/** X: clinician A's client (B is not on its team); a plain note, a Part 2 note, a psychotherapy note. */
let x = '';
const notes = { plain: '', part2: '', process: '' };
let diagnosisId = '';

/** Keeps every window's session alive while the clock moves on by `minutes`. */
async function later(minutes: number): Promise<void> {
  for (let i = 0; i < minutes; i += 1) {
    await clock.advance(60_000);
    idle.input();
    for (const w of Object.values(W)) await p.call('session.activity', {}, w);
  }
}

const breakGlass = (extra: Record<string, unknown> = {}, window = W.b) =>
  p.call(
    'emergency.open',
    {
      clientId: x,
      reason: 'danger',
      details: 'Synthetic: client called in crisis.',
      confirmed: true,
      ...extra,
    },
    window,
  );

const timelineNotes = async (window: string) =>
  (await p.ok('notes.timeline', { clientId: x }, window)).flatMap((e) =>
    e.type === 'note' ? [e.noteId] : [],
  );

beforeAll(async () => {
  p = await makePractice({ clock, idle });
  a = await signedInStaff(p, 'clinician', 'Dr. Ada Glasscase', W.a);
  b = await signedInStaff(p, 'clinician', 'Dr. Bo Breakwell', W.b);
  await signedInStaff(p, 'front_desk', 'Dee Glassdesk', W.desk);
  x = (await p.ok('clients.create', adultClient(a.id), W.desk)).id;
  await p.ok('intake.save', intake(x, { substanceUse: 'Synthetic: program', substanceUsePart2: true }), W.a);
  notes.plain = await signedNote(p, W.a, x, '2026-01-12', `${MARK} plainsession`);
  notes.part2 = await signedNote(p, W.a, x, '2026-01-19', `${MARK} substancesession`, { part2: true });
  notes.process = await signedNote(p, W.a, x, '2026-01-20', `${MARK} processsession`, {
    kind: 'psychotherapy',
    template: 'free',
    sections: { note: `Synthetic: ${MARK} processsession.`, plan: 'Synthetic: explore.' },
    serviceCode: undefined,
    riskLevel: undefined,
  });
  const diagnoses = await p.ok(
    'diagnoses.add',
    { clientId: x, code: 'F41.1', status: 'active', part2: false },
    W.a,
  );
  diagnosisId = diagnoses.diagnoses[0]?.id ?? '';
});
afterAll(async () => {
  await p.close();
});

describe('who may break the glass', () => {
  it('refuses front desk by role, whatever the reason', async () => {
    for (const reason of ['danger', 'covering', 'medical_emergency', 'other']) {
      const r = await breakGlass({ reason, recipientName: 'Dee', recipientFacility: 'Lantern Hill' }, W.desk);
      expect(r.ok ? 'ok' : r.error.code).toBe('FORBIDDEN');
    }
    expect((await p.call('emergency.status', { clientId: x }, W.desk)).ok).toBe(false);
  });

  it('tells someone on the care team they do not need it', async () => {
    const r = await breakGlass({}, W.a);
    expect(r.ok ? 'ok' : r.error.code).toBe('CONFLICT');
    expect(r.ok ? 'ok' : r.error.message).toContain('on this client’s care team');
  });

  it('refuses the owner except for a 2.51 medical emergency (the owner reads the rest already)', async () => {
    const r = await breakGlass({}, W.owner);
    expect(r.ok ? 'ok' : r.error.code).toBe('CONFLICT');
    expect(r.ok ? 'ok' : r.error.message).toContain('2.51');
  });

  it('requires words for "other" and the 2.51 particulars for a medical emergency', async () => {
    const other = await breakGlass({ reason: 'other', details: '  ' });
    expect(other.ok ? 'ok' : other.error.code).toBe('INVALID_INPUT');
    const medical = await breakGlass({ reason: 'medical_emergency' });
    expect(medical.ok ? 'ok' : JSON.stringify(medical.error)).toContain('recipientName');
    const unconfirmed = await breakGlass({ confirmed: false });
    expect(unconfirmed.ok ? 'ok' : unconfirmed.error.code).toBe('INVALID_INPUT');
    const huge = await breakGlass({ reason: 'other', details: 'x'.repeat(5000) });
    expect(huge.ok ? 'ok' : huge.error.code).toBe('INVALID_INPUT');
    const unknown = await breakGlass({ reason: 'curious' });
    expect(unknown.ok ? 'ok' : unknown.error.code).toBe('INVALID_INPUT');
    expect(await p.ok('emergency.status', { clientId: x }, W.b)).toEqual({
      grant: null,
      minutes: 60,
      endedAt: null,
    });
  });
});

describe('a grant for danger to self or others', () => {
  it('is refused before the glass is broken, then opens the chart read-only and audits every read', async () => {
    const before = await p.call('clients.get', { clientId: x }, W.b);
    expect(before.ok ? 'ok' : before.error.message).toContain('not on your caseload');
    const r = await breakGlass();
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ reason: 'danger', part2: false, remainingSeconds: 60 * 60 });
    expect(Date.parse(r.value.expiresAt) - clock.now()).toBe(60 * 60_000);
    // Breaking it again returns the grant in force, not a longer one.
    await later(1);
    const again = await breakGlass();
    expect(again.ok && again.value.id).toBe(r.value.id);

    expect((await p.ok('clients.get', { clientId: x }, W.b)).id).toBe(x);
    expect((await p.call('notes.get', { noteId: notes.plain }, W.b)).ok).toBe(true);
    const audit = await readDb(p.core.ctx)
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('actor_id', '=', b.id)
      .where('action', 'in', ['client.view', 'note.view', 'emergency.open'])
      .execute();
    expect(audit.map((e) => e.action).sort()).toEqual(['client.view', 'emergency.open', 'note.view']);
    for (const e of audit) expect(e.detail).toContain(r.value.id);
  });

  it('never shows a psychotherapy note, nor a Part 2 record, under a reason other than 2.51', async () => {
    expect((await p.call('notes.get', { noteId: notes.process }, W.b)).ok).toBe(false);
    expect((await p.call('notes.print', { noteId: notes.process }, W.b)).ok).toBe(false);
    expect((await p.call('notes.get', { noteId: notes.part2 }, W.b)).ok).toBe(false);
    expect(await timelineNotes(W.b)).toEqual([notes.plain]);
    const intakeRead = await p.ok('intake.get', { clientId: x }, W.b);
    expect(JSON.stringify(intakeRead)).not.toContain('Synthetic: program');
  });

  it('refuses every change on the client while reads work (every channel that takes a client)', async () => {
    const writes: Partial<Record<Channel, unknown>> = {
      'clients.update': { clientId: x, ...adultClient(a.id, { phone: '(555) 010-1212' }) },
      'clients.setStatus': {
        clientId: x,
        status: 'inactive',
        effectiveDate: '2026-03-02',
        reason: 'Synthetic',
      },
      'clients.setConfidentialCommunications': {
        clientId: x,
        communications: {
          address: { line1: '9 Lantern Way', city: 'Brookfield', region: 'OR', postalCode: '97000' },
          phone: '503-555-0144',
          noVoicemail: true,
          note: 'Text before calling.',
        },
      },
      'clients.addCareTeamMember': { clientId: x, userId: b.id },
      'clients.removeCareTeamMember': { clientId: x, userId: a.id },
      'intake.save': intake(x),
      'intake.complete': { clientId: x },
      'consents.record': {
        clientId: x,
        kind: 'treatment',
        givenOn: '2026-01-05',
        basis: 'client',
        signatures: [{ signerName: 'Avery Fictus', signerRole: 'client', signedOn: '2026-01-05' }],
      },
      'screenings.record': {
        clientId: x,
        instrument: 'gad7',
        administeredOn: '2026-01-05',
        items: [1, 1, 0, 0, 1, 0, 0],
        context: 'intake',
      },
      'notes.saveDraft': dapNote(x),
      'diagnoses.add': { clientId: x, code: 'F41.1', status: 'active', part2: false },
      'diagnoses.reorder': { clientId: x, order: [diagnosisId] },
      'releases.create': thirdParty(x),
      'disclosures.record': {
        clientId: x,
        disclosedOn: '2026-03-01',
        recipientName: 'Example County',
        description: 'Synthetic',
        purpose: 'Synthetic',
        basis: 'mandated_report',
      },
      'restrictions.record': {
        clientId: x,
        receivedOn: '2026-03-01',
        request: 'Synthetic: not to my health plan.',
        selfPay: false,
        scope: { recordTypes: ['progress_notes'], noteIds: [] },
        recipient: { kind: 'health_plan' },
        purposes: [],
      },
      'retention.placeHold': { clientId: x, reason: 'Synthetic subpoena' },
      'retention.recordDeletionRequest': {
        clientId: x,
        receivedOn: '2026-03-01',
        requestText: 'Synthetic: please delete my record.',
      },
      'suspensions.record': {
        clientId: x,
        recipientName: 'Example County',
        kind: 'oral',
        agency: 'Example County',
        official: 'Investigator Sample',
        statedOn: '2026-03-02',
      },
      'plans.createDraft': { clientId: x },
      'amendments.create': {
        clientId: x,
        receivedOn: '2026-03-01',
        requestText: 'Synthetic: please correct the date.',
        records: [{ itemKind: 'note', recordId: notes.plain }],
        includeIfDenied: false,
        notify: [],
      },
      'retention.destroyChart': { clientId: x, confirmChartNumber: 'SW-00001', reason: 'Routine' },
      'notes.addAddendum': { noteId: notes.plain, text: 'Synthetic: under the glass.' },
    };
    const reads: Partial<Record<Channel, unknown>> = {
      'clients.get': { clientId: x },
      'intake.get': { clientId: x },
      'notes.timeline': { clientId: x },
      'diagnoses.list': { clientId: x },
      'screenings.list': { clientId: x },
      'plans.ofClient': { clientId: x },
      'amendments.amended': { clientId: x },
      'amendments.ofRecord': { clientId: x, itemKind: 'note', recordId: notes.plain },
      'emergency.status': { clientId: x },
    };
    // Reads a clinician off the care team is not given even in an emergency (history, releases
    // and the registers are the care team's, the owner's or the front desk's work; search, links
    // for a new note and a paper copy of the chart are not reading it). Screenings, plans and the
    // amendments that are part of a record are read above.
    const notGranted = new Set<string>([
      'audit.clientHistory',
      'notes.linkOptions',
      'notes.search',
      'notes.printChartSummary',
      'releases.list',
      'disclosures.accounting',
      'restrictions.list',
      'retention.deletionRequests',
      'suspensions.list',
      'amendments.list',
      'amendments.records',
      'emergency.open',
    ]);
    // The walk: every channel whose input names a client is in one of the three tables.
    const withClient = Object.entries(contract)
      .filter(([, ch]) => {
        const shape: unknown = (ch.input as { shape?: unknown }).shape;
        return typeof shape === 'object' && shape !== null && 'clientId' in shape;
      })
      .map(([name]) => name);
    expect(withClient.length).toBeGreaterThan(30);
    for (const name of withClient)
      expect([name, name in writes || name in reads || notGranted.has(name)]).toEqual([name, true]);

    const countRows = async () =>
      (
        await readDb(p.core.ctx)
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    for (const [name, input] of Object.entries(writes)) {
      const r = await p.call(name as Channel, input as never, W.b);
      expect([name, r.ok ? 'ok' : r.error.code]).toEqual([name, 'FORBIDDEN']);
    }
    // The chart's own write paths say why.
    const update = await p.call('clients.update', writes['clients.update'] as never, W.b);
    expect(update.ok ? 'ok' : update.error.message).toBe(READ_ONLY);
    const diag = await p.call('diagnoses.add', writes['diagnoses.add'] as never, W.b);
    expect(diag.ok ? 'ok' : diag.error.message).toBe(READ_ONLY);
    const before = await countRows();
    for (const [name, input] of Object.entries(reads)) {
      const r = await p.call(name as Channel, input as never, W.b);
      expect([name, r.ok ? 'ok' : r.error.message]).toEqual([name, 'ok']);
    }
    expect(await countRows()).toBeGreaterThan(before);
    // Nothing was written on the chart: the phone number and the care team are as they were.
    const chart = await p.ok('clients.get', { clientId: x }, W.a);
    expect(JSON.stringify(chart)).not.toContain('010-1212');
    expect(await timelineNotes(W.a)).toHaveLength(3);
  });

  it('ends mid-session by main’s clock: the very next call is refused, no sign-out needed', async () => {
    const status = await p.ok('emergency.status', { clientId: x }, W.b);
    if (!status.grant) throw new Error('no grant');
    const left = Math.floor(status.grant.remainingSeconds / 60);
    await later(left - 1);
    expect((await p.call('clients.get', { clientId: x }, W.b)).ok).toBe(true);
    await later(1);
    const after = await p.call('clients.get', { clientId: x }, W.b);
    expect(after.ok ? 'ok' : after.error.message).toContain('not on your caseload');
    expect((await p.call('notes.get', { noteId: notes.plain }, W.b)).ok).toBe(false);
    // The chart can say that the access ended, and when (main's clock), rather than only refuse.
    expect(await p.ok('emergency.status', { clientId: x }, W.b)).toEqual({
      grant: null,
      minutes: 60,
      endedAt: status.grant.expiresAt,
    });
  });
});

describe('a 42 CFR 2.51 medical emergency', () => {
  it('opens Part 2 records (never psychotherapy notes) and records a disclosure in the accounting', async () => {
    const r = await breakGlass({
      reason: 'medical_emergency',
      details: 'Synthetic: overdose, unresponsive at the ER',
      recipientName: 'Dr. Bo Breakwell',
      recipientFacility: 'Example General ER',
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.part2).toBe(true);
    expect((await p.call('notes.get', { noteId: notes.part2 }, W.b)).ok).toBe(true);
    expect((await p.call('notes.get', { noteId: notes.process }, W.b)).ok).toBe(false);
    expect((await timelineNotes(W.b)).sort()).toEqual([notes.plain, notes.part2].sort());
    const accounting = await p.ok('disclosures.accounting', { clientId: x, includeAll: true }, W.owner);
    const entry = accounting.entries.find((e) => e.basis === 'emergency');
    expect(entry).toMatchObject({
      recipientName: 'Dr. Bo Breakwell',
      recipientAddress: 'Example General ER',
      recordedBy: 'Dr. Bo Breakwell',
    });
    expect(entry?.purpose).toContain('overdose');
    expect(entry?.purpose).toContain('2.51');
  });
});

describe('the home-screen flag', () => {
  it('shows each break-glass event to the owner and the assigned clinician until each acknowledges', async () => {
    const ownerList = await p.ok('emergency.listUnacknowledged', {}, W.owner);
    const aList = await p.ok('emergency.listUnacknowledged', {}, W.a);
    expect(ownerList.events).toHaveLength(2);
    expect(aList.events.map((e) => e.id)).toEqual(ownerList.events.map((e) => e.id));
    expect(aList.events[0]).toMatchObject({
      byName: 'Dr. Bo Breakwell',
      reason: 'medical_emergency',
      active: true,
    });
    // Not the person who broke the glass, not front desk.
    expect((await p.ok('emergency.listUnacknowledged', {}, W.b)).events).toEqual([]);
    expect((await p.call('emergency.listUnacknowledged', {}, W.desk)).ok).toBe(false);
    // B cannot acknowledge for A; A acknowledges one, the owner still sees both.
    const first = ownerList.events[0]?.id ?? '';
    const byB = await p.call('emergency.acknowledge', { grantId: first }, W.b);
    expect(byB.ok ? 'ok' : byB.error.code).toBe('NOT_FOUND');
    expect(await p.ok('emergency.acknowledge', { grantId: first }, W.a)).toBeNull();
    expect((await p.ok('emergency.listUnacknowledged', {}, W.a)).events).toHaveLength(1);
    expect((await p.ok('emergency.listUnacknowledged', {}, W.owner)).events).toHaveLength(2);
    const acks = await readDb(p.core.ctx)
      .selectFrom('audit_log')
      .select(['actor_id', 'target_id'])
      .where('action', '=', 'emergency.acknowledge')
      .execute();
    expect(acks).toEqual([{ actor_id: a.id, target_id: x }]);
  });
});

describe('after a restart, and the database edited directly', () => {
  it('keeps the grant to its end and the flags until acknowledged', async () => {
    const status = await p.ok('emergency.status', { clientId: x }, W.b);
    if (!status.grant) throw new Error('no grant');
    await p.core.shutdown();
    p = p.restart();
    await p.signIn(b.username, b.password, W.b);
    await p.signIn(a.username, a.password, W.a);
    expect((await p.call('clients.get', { clientId: x }, W.b)).ok).toBe(true);
    expect((await p.ok('emergency.listUnacknowledged', {}, W.a)).events).toHaveLength(1);
    await clock.advance(Date.parse(status.grant.expiresAt) - clock.now());
    await p.signIn(b.username, b.password, W.b);
    expect((await p.call('clients.get', { clientId: x }, W.b)).ok).toBe(false);
    await p.signIn(OWNER.username, OWNER.password, W.owner);
    await p.signIn(a.username, a.password, W.a);
    expect((await p.ok('emergency.listUnacknowledged', {}, W.owner)).events).toHaveLength(2);
  });

  it('refuses a grant row changed or removed in the database: its end is its stored start and minutes', () => {
    const sqlite = p.core.ctx.vault.db.sqlite;
    expect(() => sqlite.prepare('UPDATE emergency_grants SET duration_minutes = 240').run()).toThrow(
      /never changed/,
    );
    expect(() => sqlite.prepare("UPDATE emergency_grants SET reason = 'medical_emergency'").run()).toThrow(
      /never changed/,
    );
    expect(() =>
      sqlite.prepare("UPDATE emergency_grants SET started_at = '2099-01-01T00:00:00.000Z'").run(),
    ).toThrow(/never changed/);
    expect(() => sqlite.prepare('DELETE FROM emergency_acknowledgements').run()).toThrow(/never deleted/);
    expect(() => sqlite.prepare('DELETE FROM emergency_grants').run()).toThrow(/never deleted/);
    expect(() =>
      sqlite
        .prepare(
          "INSERT INTO emergency_grants (id, client_id, user_id, reason, started_at, duration_minutes) VALUES ('g', ?, ?, 'danger', '2026-03-02T16:00:00.000Z', 100000)",
        )
        .run(x, b.id),
    ).toThrow(/CHECK/);
  });
});

describe('the practice setting', () => {
  it('is the owner’s, within 15 to 240 minutes, and applies to the next grant', async () => {
    expect(await p.ok('emergency.getSettings', {}, W.owner)).toEqual({ minutes: 60 });
    for (const minutes of [14, 241, 30.5]) {
      const r = await p.call('emergency.setSettings', { minutes }, W.owner);
      expect(r.ok ? 'ok' : r.error.code).toBe('INVALID_INPUT');
    }
    expect((await p.call('emergency.setSettings', { minutes: 15 }, W.a)).ok).toBe(false);
    expect(await p.ok('emergency.setSettings', { minutes: 15 }, W.owner)).toEqual({ minutes: 15 });
    const r = await breakGlass({ reason: 'covering', details: undefined });
    if (!r.ok) throw new Error(r.error.message);
    expect(Date.parse(r.value.expiresAt) - clock.now()).toBe(15 * 60_000);
  });
});

describe('the owner acting as a clinician', () => {
  it('reads Part 2 records of a chart off their care team only under a 2.51 grant, and still changes nothing Part 2', async () => {
    expect((await p.call('notes.get', { noteId: notes.part2 }, W.owner)).ok).toBe(false);
    const r = await breakGlass(
      {
        reason: 'medical_emergency',
        details: 'Synthetic: seizure in the waiting room',
        recipientName: 'Dr. Imogen Testwell',
        recipientFacility: 'Lantern Hill',
      },
      W.owner,
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.part2).toBe(true);
    expect((await p.call('notes.get', { noteId: notes.part2 }, W.owner)).ok).toBe(true);
    expect((await p.call('notes.get', { noteId: notes.process }, W.owner)).ok).toBe(false);
    // The grant reads; a Part 2 change by the owner off the care team is refused as before.
    const part2Dx = await p.call(
      'diagnoses.add',
      { clientId: x, code: 'F10.20', status: 'active', part2: true },
      W.owner,
    );
    expect(part2Dx.ok ? 'ok' : part2Dx.error.message).toContain('only to the client’s care team');
  });
});

describe('finding the chart to break the glass', () => {
  const W_C = 'w-c';
  const W_DESK = 'w-desk-2';
  let c: { id: string; username: string; password: string };
  let chart: { chartNumber: string; dateOfBirth: string };
  beforeAll(async () => {
    c = await signedInStaff(p, 'clinician', 'Dr. Cy Findwell', W_C);
    await signedInStaff(p, 'front_desk', 'Dee Findesk', W_DESK);
    const record = await p.ok('clients.get', { clientId: x }, W.a);
    chart = { chartNumber: record.chartNumber, dateOfBirth: record.dateOfBirth };
  });

  it('needs the chart number and the date of birth together, and a miss does not say which was wrong', async () => {
    const found = await p.ok('emergency.find', chart, W_C);
    expect(found).toMatchObject({ clientId: x, chartNumber: chart.chartNumber, alreadyOpen: false });
    // Lower case and spaces are forgiven; the number is the same.
    const typed = await p.ok(
      'emergency.find',
      { ...chart, chartNumber: ` ${chart.chartNumber.toLowerCase()} ` },
      W_C,
    );
    expect(typed.clientId).toBe(x);
    const wrongBirth = await p.call('emergency.find', { ...chart, dateOfBirth: '1901-01-01' }, W_C);
    const wrongChart = await p.call('emergency.find', { ...chart, chartNumber: 'SW-99999' }, W_C);
    expect(wrongBirth.ok ? 'ok' : wrongBirth.error).toMatchObject({ code: 'NOT_FOUND' });
    expect(wrongChart.ok ? 'ok' : wrongChart.error.message).toBe(
      wrongBirth.ok ? 'ok' : wrongBirth.error.message,
    );
    // Each find is audited with the client it named; each miss as a denied access.
    const audit = await readDb(p.core.ctx)
      .selectFrom('audit_log')
      .select(['action', 'target_id'])
      .where('actor_id', '=', c.id)
      .where('action', 'in', ['emergency.find', 'access.denied'])
      .orderBy('seq')
      .execute();
    expect(audit).toEqual([
      { action: 'emergency.find', target_id: x },
      { action: 'emergency.find', target_id: x },
      { action: 'access.denied', target_id: null },
      { action: 'access.denied', target_id: null },
    ]);
  });

  it('tells the care team and the owner that they can open the chart already', async () => {
    expect((await p.ok('emergency.find', chart, W.a)).alreadyOpen).toBe(true);
    expect((await p.ok('emergency.find', chart, W.owner)).alreadyOpen).toBe(true);
  });

  it('refuses front desk, a chart number in the wrong form, and a missing date of birth', async () => {
    const desk = await p.call('emergency.find', chart, W_DESK);
    expect(desk.ok ? 'ok' : desk.error.code).toBe('FORBIDDEN');
    for (const input of [
      { ...chart, chartNumber: 'SW-00001; DROP TABLE clients' },
      { ...chart, chartNumber: 'x'.repeat(10_000) },
      { chartNumber: chart.chartNumber },
      { ...chart, dateOfBirth: 19900101 },
      { ...chart, extra: true },
    ]) {
      const r = await p.call('emergency.find', input as never, W_C);
      expect(r.ok ? 'ok' : r.error.code).toBe('INVALID_INPUT');
    }
  });

  it('under the grant, search and the release workflow give no more than the chart does', async () => {
    const r = await p.call(
      'emergency.open',
      { clientId: x, reason: 'danger', details: 'Synthetic: crisis call.', confirmed: true },
      W_C,
    );
    if (!r.ok) throw new Error(r.error.message);
    // Search across the caseload never lists a chart the caller reaches only by emergency access.
    const everywhere = await p.ok('notes.search', { query: MARK }, W_C);
    expect(everywhere.map((h) => h.noteId)).not.toContain(notes.process);
    expect(everywhere.map((h) => h.noteId)).not.toContain(notes.part2);
    const inChart = await p.call('notes.search', { query: MARK, clientId: x }, W_C);
    const hits = inChart.ok ? inChart.value.map((h) => h.noteId) : [];
    expect(hits).not.toContain(notes.process);
    expect(hits).not.toContain(notes.part2);
    const clients = await p.ok('clients.search', { query: '' }, W_C);
    expect(clients.clients.map((k) => k.id)).not.toContain(x);
    // A release request on the chart, made by its clinician: the emergency reader can neither
    // preview what would leave nor read its letters.
    const request = await p.ok('releases.create', thirdParty(x), W.a);
    for (const [name, input] of [
      ['releases.get', { requestId: request.summary.id }],
      ['releases.preview', { requestId: request.summary.id }],
      ['releases.denialLetter', { requestId: request.summary.id }],
    ] as const) {
      const res = await p.call(name, input, W_C);
      expect([name, res.ok ? 'ok' : res.error.code]).toEqual([name, 'FORBIDDEN']);
    }
  });
});
