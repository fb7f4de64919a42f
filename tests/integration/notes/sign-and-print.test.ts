// Signing checks the service code as a biller would (issue 18): a mismatch is refused unless the
// request confirms that very code and length, and the confirmation is recorded. Printing a note or
// a chart summary is allowed exactly when reading it is, and every print is audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDb } from '../../../main/core/context.ts';
import type { Channel } from '../../../preload/contract.ts';
import { adultClient } from '../../helpers/clients.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { makePractice, signedInStaff, type TestPractice } from '../../helpers/make-practice.ts';
import { dapNote, signedNote } from '../../helpers/notes.ts';

const W = { owner: 'w1', a: 'w-a', b: 'w-b', sup: 'w-sup', desk: 'w-desk' };
const clock = new FakeClock(Date.parse('2026-03-02T15:00:00Z'));
let p: TestPractice;
let a: { id: string; username: string; password: string };
let sup: { id: string };
let x: string;
const notes = { plain: '', part2: '', process: '', draft: '', supervised: '' };

const auditOf = (action: string, targetId: string) =>
  readDb(p.core.ctx)
    .selectFrom('audit_log')
    .select(['action', 'actor_id', 'target_type', 'target_id', 'detail'])
    .where('action', '=', action)
    .where('target_id', '=', targetId)
    .execute();

beforeAll(async () => {
  p = await makePractice({ clock });
  a = await signedInStaff(p, 'clinician', 'Dr. Ada Billwell', W.a);
  await signedInStaff(p, 'clinician', 'Dr. Bo Offteam', W.b);
  sup = await signedInStaff(p, 'clinician', 'Dr. Sol Supervise', W.sup);
  await signedInStaff(p, 'front_desk', 'Dee Frontline', W.desk);
  x = (await p.ok('clients.create', adultClient(a.id), W.desk)).id;
  notes.plain = await signedNote(p, W.a, x, '2026-01-12', 'plainprint');
  notes.part2 = await signedNote(p, W.a, x, '2026-01-19', 'substanceprint', { part2: true });
  notes.process = await signedNote(p, W.a, x, '2026-01-20', 'processprint', {
    kind: 'psychotherapy',
    template: 'free',
    sections: { note: 'Synthetic: processprint.', plan: 'Synthetic: explore.' },
    serviceCode: undefined,
    riskLevel: undefined,
  });
  notes.draft = (await p.ok('notes.saveDraft', dapNote(x, { serviceDate: '2026-02-02' }), W.a)).noteId;
  await p.ok('staff.setSupervisor', { superviseeId: a.id, supervisorId: sup.id }, W.owner);
  notes.supervised = await signedNote(p, W.a, x, '2026-02-09', 'supervisedprint');
});
afterAll(async () => {
  await p.close();
});

describe('signing checks the service code against the session', () => {
  it('refuses a 90834 note of a 53-minute session, and leaves it a draft', async () => {
    const { noteId } = await p.ok('notes.saveDraft', dapNote(x, { endTime: '10:53' }), W.a);
    const refused = await p.fail('notes.sign', { noteId }, W.a);
    expect(refused).toEqual({
      code: 'CONFLICT',
      message: 'The service code does not fit this session. Confirm it to sign anyway.',
      fields: [
        {
          path: 'serviceCode',
          message: '90834 is for 38 to 52 minutes; this session lasted 53 minutes, which is billed as 90837.',
        },
      ],
    });
    expect((await p.ok('notes.get', { noteId }, W.a)).status).toBe('draft');
    expect(await auditOf('note.sign', noteId)).toEqual([]);
  });

  it('signs a confirmed mismatch and records what the signer confirmed', async () => {
    const { noteId } = await p.ok('notes.saveDraft', dapNote(x, { endTime: '10:53' }), W.a);
    const signed = await p.ok(
      'notes.sign',
      { noteId, confirmedMismatch: { serviceCode: '90834', durationMinutes: 53 } },
      W.a,
    );
    expect(signed.status).toBe('signed');
    const [entry] = await auditOf('note.sign', noteId);
    expect(JSON.parse(entry?.detail ?? '{}')).toMatchObject({
      serviceCodeMismatchConfirmed: { reason: 'too-long', serviceCode: '90834', durationMinutes: 53 },
    });
  });

  it('does not accept a confirmation of another code or another length', async () => {
    const { noteId } = await p.ok('notes.saveDraft', dapNote(x, { endTime: '10:53' }), W.a);
    for (const confirmedMismatch of [
      { serviceCode: '90837', durationMinutes: 53 },
      { serviceCode: '90834', durationMinutes: 45 },
      { serviceCode: '90834', durationMinutes: null },
    ]) {
      expect((await p.fail('notes.sign', { noteId, confirmedMismatch }, W.a)).code).toBe('CONFLICT');
    }
    // Confirmed at 53 minutes, then the draft changed to 60: the old confirmation no longer counts.
    await p.ok('notes.saveDraft', dapNote(x, { noteId, endTime: '11:00' }), W.a);
    const stale = await p.fail(
      'notes.sign',
      { noteId, confirmedMismatch: { serviceCode: '90834', durationMinutes: 53 } },
      W.a,
    );
    expect(stale.fields?.[0]?.message).toContain('lasted 60 minutes');
    expect((await p.ok('notes.get', { noteId }, W.a)).status).toBe('draft');
  });

  it('signs a fitting code without asking, and records no mismatch', async () => {
    const { noteId } = await p.ok(
      'notes.saveDraft',
      dapNote(x, { endTime: '10:53', serviceCode: '90837' }),
      W.a,
    );
    await p.ok('notes.sign', { noteId }, W.a);
    const [entry] = await auditOf('note.sign', noteId);
    expect(JSON.parse(entry?.detail ?? '{}')).not.toHaveProperty('serviceCodeMismatchConfirmed');
  });

  it('asks about an intake code on a chart that already has a signed session before it', async () => {
    const later = await p.ok(
      'notes.saveDraft',
      dapNote(x, { serviceCode: '90791', serviceDate: '2026-02-20' }),
      W.a,
    );
    expect((await p.fail('notes.sign', { noteId: later.noteId }, W.a)).fields?.[0]?.message).toBe(
      '90791 is an intake code, but this client already has a signed session note before this one.',
    );
    // The chart's first session takes 90791 whatever its length.
    const y = (await p.ok('clients.create', adultClient(a.id, { legalFirstName: 'Newly' }), W.desk)).id;
    const first = await p.ok(
      'notes.saveDraft',
      dapNote(y, { serviceCode: '90791', endTime: '11:20', serviceDate: '2026-02-20' }),
      W.a,
    );
    expect((await p.ok('notes.sign', { noteId: first.noteId }, W.a)).status).toBe('signed');
  });

  it('refuses a malformed confirmation before anything is checked', async () => {
    const { noteId } = await p.ok('notes.saveDraft', dapNote(x, { endTime: '10:53' }), W.a);
    for (const confirmedMismatch of [
      true,
      'yes',
      { serviceCode: 90834, durationMinutes: 53 },
      { serviceCode: '90834' },
      { serviceCode: '9'.repeat(5000), durationMinutes: 53 },
      { serviceCode: '90834', durationMinutes: 53, signer: 'someone else' },
      { serviceCode: '90834', durationMinutes: 1e9 },
    ]) {
      expect((await p.fail('notes.sign', { noteId, confirmedMismatch }, W.a)).code).toBe('INVALID_INPUT');
    }
    expect((await p.ok('notes.get', { noteId }, W.a)).status).toBe('draft');
  });
});

describe('printing a note', () => {
  const readers = ['owner', 'a', 'b', 'sup', 'desk'] as const;
  const cases = ['plain', 'part2', 'process', 'draft', 'supervised'] as const;

  it.each(cases)('is allowed exactly when notes.get is, for every role: the %s note', async (which) => {
    const noteId = notes[which];
    for (const reader of readers) {
      const read = await p.call('notes.get', { noteId }, W[reader]);
      const printed = await p.call('notes.print', { noteId }, W[reader]);
      expect({ reader, ok: printed.ok }).toEqual({ reader, ok: read.ok });
      if (read.ok && printed.ok) expect(printed.value).toEqual(read.value);
      if (!read.ok && !printed.ok) expect(printed.error).toEqual(read.error);
    }
  });

  it('allows the author, the team and the co-signing supervisor, and nobody else', async () => {
    const allowed = async (noteId: string) => {
      const out: string[] = [];
      for (const reader of readers)
        if ((await p.call('notes.print', { noteId }, W[reader])).ok) out.push(reader);
      return out;
    };
    // The owner is not on this client's care team but reads its charts as the practice's clinician
    // of record; Part 2 notes only on the care team, psychotherapy notes and drafts by the author.
    expect(await allowed(notes.plain)).toEqual(['owner', 'a']);
    expect(await allowed(notes.part2)).toEqual(['a']);
    expect(await allowed(notes.process)).toEqual(['a']);
    expect(await allowed(notes.draft)).toEqual(['a']);
    expect(await allowed(notes.supervised)).toEqual(['owner', 'a', 'sup']);
  });

  it('audits each print as a print, and each refusal as a denial', async () => {
    const before = (await auditOf('note.print', notes.plain)).length;
    await p.ok('notes.print', { noteId: notes.plain }, W.a);
    await p.ok('notes.print', { noteId: notes.plain }, W.a);
    const prints = await auditOf('note.print', notes.plain);
    expect(prints.length - before).toBe(2);
    expect(prints.at(-1)).toMatchObject({ actor_id: a.id, target_type: 'note' });
    expect(JSON.parse(prints.at(-1)?.detail ?? '{}')).toEqual({ clientId: x });
    const deniedBefore = (await auditOf('access.denied', notes.process)).length;
    expect((await p.fail('notes.print', { noteId: notes.process }, W.owner)).code).toBe('NOT_FOUND');
    expect((await auditOf('access.denied', notes.process)).length).toBe(deniedBefore + 1);
    // A print is not also counted as a view.
    const views = (await auditOf('note.view', notes.plain)).length;
    await p.ok('notes.print', { noteId: notes.plain }, W.a);
    expect((await auditOf('note.view', notes.plain)).length).toBe(views);
  });
});

describe('printing a chart summary', () => {
  it('gives each role what clients.get and notes.timeline give it, audited as one print', async () => {
    for (const reader of ['owner', 'a', 'b', 'sup', 'desk'] as const) {
      const chart = await p.call('clients.get', { clientId: x }, W[reader]);
      const timeline = await p.call('notes.timeline', { clientId: x }, W[reader]);
      const before = (await auditOf('chart.print', x)).length;
      const printed = await p.call('notes.printChartSummary', { clientId: x }, W[reader]);
      expect({ reader, ok: printed.ok }).toEqual({ reader, ok: chart.ok && timeline.ok });
      if (printed.ok && chart.ok && timeline.ok) {
        expect(printed.value).toEqual({ client: chart.value, timeline: timeline.value });
        expect((await auditOf('chart.print', x)).length).toBe(before + 1);
      } else {
        expect((await auditOf('chart.print', x)).length).toBe(before);
      }
    }
  });

  it('shows front desk that sessions took place, never a note', async () => {
    const { timeline } = await p.ok('notes.printChartSummary', { clientId: x }, W.desk);
    expect(timeline.length).toBeGreaterThan(0);
    expect(timeline.every((e) => e.type === 'session')).toBe(true);
  });

  it('refuses a clinician off the care team, and audits the refusal', async () => {
    const denied = (await auditOf('access.denied', x)).length;
    expect((await p.fail('notes.printChartSummary', { clientId: x }, W.b)).code).toBe('FORBIDDEN');
    expect((await auditOf('access.denied', x)).length).toBe(denied + 1);
  });
});

describe('an expired session', () => {
  it('prints nothing and signs nothing once the inactivity lock has ended it', async () => {
    const { noteId } = await p.ok('notes.saveDraft', dapNote(x, { endTime: '10:53' }), W.a);
    const prints = (await auditOf('note.print', notes.plain)).length;
    await clock.advance(30 * 60_000);
    const calls: [Channel, unknown][] = [
      ['notes.print', { noteId: notes.plain }],
      ['notes.printChartSummary', { clientId: x }],
      ['notes.sign', { noteId, confirmedMismatch: { serviceCode: '90834', durationMinutes: 53 } }],
    ];
    for (const [channel, input] of calls) expect((await p.fail(channel, input, W.a)).code).toBe('LOCKED');
    await p.signIn(a.username, a.password, W.a);
    expect((await auditOf('note.print', notes.plain)).length).toBe(prints);
    expect((await p.ok('notes.get', { noteId }, W.a)).status).toBe('draft');
  });
});
