// amendmentsForRelease, the one rule for which amendments travel with a disclosure (45 CFR
// 164.526(c)(3), (d)(5)): accepted ones always; a denial with a statement of disagreement always
// (with the rebuttal); a denial without one only when the client asked; undecided ones never; only
// the records given, only this client's. Requests are written here through the room's own queries
// so the rule is tested alone; the workflow's tests drive the same rows through the channels.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../../db/schema.ts';
import { amendmentsForRelease, type AmendedRecord } from '../../../main/core/amendments/index.ts';
import { insertRequest, updateRequest } from '../../../main/core/amendments/queries.ts';
import { readDb } from '../../../main/core/context.ts';
import { adultClient } from '../../helpers/clients.ts';
import { makePractice, signedInStaff, type TestPractice } from '../../helpers/make-practice.ts';
import { signedNote } from '../../helpers/notes.ts';

const W = { owner: 'w1', a: 'w-a' };
let p: TestPractice;
let db: Kysely<DB>;
let clinician: { id: string };
let x: string;
let y: string;
let noteA: string;
let noteB: string;

beforeAll(async () => {
  p = await makePractice();
  clinician = await signedInStaff(p, 'clinician', 'Dr. Ada Amend', W.a);
  x = (await p.ok('clients.create', adultClient(clinician.id), W.a)).id;
  y = (await p.ok('clients.create', adultClient(clinician.id, { legalFirstName: 'Blake' }), W.a)).id;
  noteA = await signedNote(p, W.a, x, '2026-01-12', 'heron');
  noteB = await signedNote(p, W.a, x, '2026-01-19', 'kestrel');
  db = readDb(p.core.ctx);
});
afterAll(async () => {
  await p.close();
});

/** A request written straight through the room's queries, then moved to `decision`. */
async function request(
  clientId: string,
  records: AmendedRecord[],
  decision: Partial<Parameters<typeof updateRequest>[2]> = {},
  includeIfDenied = false,
): Promise<string> {
  const id = randomUUID();
  await insertRequest(
    db,
    {
      id,
      client_id: clientId,
      received_on: '2026-02-01',
      request_text: `Synthetic: please correct ${id.slice(0, 4)}.`,
      include_if_denied: includeIfDenied ? 1 : 0,
      due_on: '2026-04-02',
      status: 'open',
      created_by: clinician.id,
      created_at: new Date().toISOString(),
      updated_at: new Date().toISOString(),
    },
    records.map((r) => ({ item_kind: r.itemKind, record_id: r.recordId, label: r.itemKind })),
  );
  if (Object.keys(decision).length > 0) await updateRequest(db, id, decision);
  return id;
}

const accepted = {
  status: 'accepted' as const,
  decided_on: '2026-02-10',
  decided_by: '',
  decided_as: 'author' as const,
  amendment_text: 'Synthetic: the session was on a Tuesday, not a Monday.',
};
const denied = {
  status: 'denied' as const,
  decided_on: '2026-02-11',
  decided_by: '',
  decided_as: 'primary' as const,
  denial_basis: 'accurate_complete' as const,
  denial_explanation: 'Synthetic: the note records what was said in session.',
};

const note = (id: string): AmendedRecord => ({ itemKind: 'note', recordId: id });
const ids = (list: { requestId: string }[]) => list.map((a) => a.requestId);

describe('amendmentsForRelease', () => {
  it('carries an accepted amendment with the records it concerns, always', async () => {
    const id = await request(x, [note(noteA)], { ...accepted, decided_by: clinician.id });
    const found = await amendmentsForRelease(db, x, [note(noteA)]);
    expect(found).toContainEqual({
      requestId: id,
      concerns: [note(noteA)],
      receivedOn: '2026-02-01',
      requestText: expect.stringContaining('Synthetic: please correct') as string,
      outcome: 'accepted',
      decidedOn: '2026-02-10',
      decidedBy: 'Dr. Ada Amend',
      amendmentText: 'Synthetic: the session was on a Tuesday, not a Monday.',
      denialBasis: null,
      statement: null,
      rebuttal: null,
    });
  });

  it('never carries an undecided request', async () => {
    const id = await request(x, [note(noteB)]);
    expect(ids(await amendmentsForRelease(db, x, [note(noteB)]))).not.toContain(id);
  });

  it('leaves a denial without a statement behind unless the client asked for it', async () => {
    const quiet = await request(x, [note(noteB)], { ...denied, decided_by: clinician.id });
    const asked = await request(x, [note(noteB)], { ...denied, decided_by: clinician.id }, true);
    const found = await amendmentsForRelease(db, x, [note(noteB)]);
    expect(ids(found)).not.toContain(quiet);
    const withAsked = found.find((a) => a.requestId === asked);
    expect(withAsked).toMatchObject({
      outcome: 'denied',
      amendmentText: null,
      statement: null,
      rebuttal: null,
      denialBasis:
        'The record is accurate and complete. Synthetic: the note records what was said in session.',
    });
    // The client asks later (164.526(d)(1)(iii)): from then on it travels.
    await updateRequest(db, quiet, { include_if_denied: 1, include_asked_on: '2026-03-01' });
    expect(ids(await amendmentsForRelease(db, x, [note(noteB)]))).toContain(quiet);
  });

  it('carries a denial once a statement of disagreement is filed, later too, with the rebuttal', async () => {
    const id = await request(x, [note(noteA)], { ...denied, decided_by: clinician.id });
    expect(ids(await amendmentsForRelease(db, x, [note(noteA)]))).not.toContain(id);
    await updateRequest(db, id, {
      statement_text: 'Synthetic: I disagree; I never said that.',
      statement_filed_on: '2026-03-05',
      statement_recorded_by: clinician.id,
    });
    const withStatement = (await amendmentsForRelease(db, x, [note(noteA)])).find((a) => a.requestId === id);
    expect(withStatement?.statement).toEqual({
      text: 'Synthetic: I disagree; I never said that.',
      filedOn: '2026-03-05',
    });
    expect(withStatement?.rebuttal).toBeNull();
    await updateRequest(db, id, {
      rebuttal_text: 'Synthetic: the clinician stands by the note.',
      rebuttal_written_on: '2026-03-09',
      rebuttal_by: clinician.id,
    });
    const withRebuttal = (await amendmentsForRelease(db, x, [note(noteA)])).find((a) => a.requestId === id);
    expect(withRebuttal?.rebuttal).toEqual({
      text: 'Synthetic: the clinician stands by the note.',
      writtenOn: '2026-03-09',
    });
  });

  it('names only the given records it concerns, and nothing for records it does not concern', async () => {
    const both = await request(x, [note(noteA), note(noteB), { itemKind: 'intake', recordId: x }], {
      ...accepted,
      decided_by: clinician.id,
    });
    const onlyB = (await amendmentsForRelease(db, x, [note(noteB)])).find((a) => a.requestId === both);
    expect(onlyB?.concerns).toEqual([note(noteB)]);
    const intakeOnly = await amendmentsForRelease(db, x, [{ itemKind: 'intake', recordId: x }]);
    expect(intakeOnly.map((a) => a.requestId)).toEqual([both]);
    // Same id, another kind of record (the chart's demographics share the client's id): not concerned.
    expect(await amendmentsForRelease(db, x, [{ itemKind: 'demographics', recordId: x }])).toEqual([]);
    expect(await amendmentsForRelease(db, x, [{ itemKind: 'note', recordId: randomUUID() }])).toEqual([]);
    expect(await amendmentsForRelease(db, x, [])).toEqual([]);
  });

  it("never returns another client's amendments, even for the same record id", async () => {
    const theirs = await request(y, [note(noteA), { itemKind: 'demographics', recordId: y }], {
      ...accepted,
      decided_by: clinician.id,
    });
    expect(ids(await amendmentsForRelease(db, x, [note(noteA)]))).not.toContain(theirs);
    expect(ids(await amendmentsForRelease(db, x, [{ itemKind: 'demographics', recordId: y }]))).toEqual([]);
    expect(ids(await amendmentsForRelease(db, y, [{ itemKind: 'demographics', recordId: y }]))).toEqual([
      theirs,
    ]);
  });

  it('lists them oldest request first, each once however many of its records are given', async () => {
    const found = await amendmentsForRelease(db, x, [note(noteA), note(noteB), note(noteA)]);
    expect(new Set(ids(found)).size).toBe(found.length);
    const received = found.map((a) => a.receivedOn);
    expect([...received].sort()).toEqual(received);
    for (const a of found) expect(new Set(a.concerns.map((c) => c.recordId)).size).toBe(a.concerns.length);
  });

  it('answers for a release of more than 500 records (the query is chunked)', async () => {
    const many = [...Array.from({ length: 1200 }, () => note(randomUUID())), note(noteA)];
    const found = await amendmentsForRelease(db, x, many);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((a) => a.concerns.every((c) => c.recordId === noteA))).toBe(true);
  });
});
