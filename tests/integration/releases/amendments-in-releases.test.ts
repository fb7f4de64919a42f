// Amendments travel with every later release of the records they concern (45 CFR 164.526(c)(3),
// (d)(4)-(5)): in the reviewer's preview, in what the approval freezes, in the PDF and in the FHIR
// bundle (R4 schema checked on every export by make-practice), for a client's own copy as for a
// third party. Accepted: the amendment goes; denied with a statement of disagreement: the request,
// denial, statement and rebuttal go; denied without one: only once the client asked; other records
// of the client carry nothing. An amendment decided after approval sends the request back to review
// with its reason, also after a restart and also when it lands while the export worker is reading.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AmendedRecord } from '../../../main/core/amendments/index.ts';
import { insertRequest, updateRequest } from '../../../main/core/amendments/queries.ts';
import { readDb } from '../../../main/core/context.ts';
import type { ExportStage } from '../../../main/core/releases/index.ts';
import type { ReleasePreview, Selection } from '../../../preload/contract/releases.ts';
import { adultClient, intake } from '../../helpers/clients.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { makePractice, OWNER, signedInStaff, type TestPractice } from '../../helpers/make-practice.ts';
import { signedNote } from '../../helpers/notes.ts';
import { packageText } from '../../helpers/package-check.ts';
import { accessRequest, hipaaAuthorization, part2Consent, thirdParty } from '../../helpers/releases.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const clock = new FakeClock(Date.parse('2026-03-02T15:00:00Z'));
const out = tempDir('stillwater-amend-release-');
const W = { clin: 'w-clin', desk: 'w-desk', owner: 'w-owner' };
// Words that appear in one place only, to find each part again in what left.
const WORD = {
  accepted: 'Larkspurvale',
  acceptedAsk: 'Oriolebend',
  deniedAsk: 'Quincemoor',
  denialWhy: 'Saltmarrow',
  statement: 'Heronwick',
  rebuttal: 'Gorsefield',
  quietAsk: 'Tansyholt',
  quietWhy: 'Umberlea',
  lateAsk: 'Vetchcombe',
  lateText: 'Wealdmere',
};
let p: TestPractice;
/** The practice as first built: closing it removes its folder (after a restart, p is a new core over it). */
let first: TestPractice;
let clin: { id: string; username: string; password: string };
let desk: { id: string; username: string; password: string };
let clientId: string;
/** Amended (accepted), denied with a statement and rebuttal, denied quietly, and one never amended. */
const note = { accepted: '', disputed: '', quiet: '', plain: '', late: '' };

const NOTES: Selection = {
  recordTypes: ['progress_notes'],
  from: '2026-01-01',
  to: '2026-02-28',
  includePart2: false,
};

const db = () => readDb(p.core.ctx);
/** What a test does at a stage of the export (the 'writing' stage: main has checked, the worker has not read). */
let atStage: (stage: ExportStage) => void = () => undefined;
const asNote = (id: string): AmendedRecord => ({ itemKind: 'note', recordId: id });

/**
 * A written request to amend these records, received and then decided. Written through the
 * amendments room's own queries (as its own tests do): this file tests what releases do with the
 * rule's answer, not the amendment workflow.
 */
async function amendment(
  records: AmendedRecord[],
  ask: string,
  decision:
    | { outcome: 'accepted'; text: string }
    | { outcome: 'denied'; why: string; includeIfDenied?: boolean }
    | { outcome: 'open' },
): Promise<string> {
  const id = randomUUID();
  const at = new Date(clock.now()).toISOString();
  await insertRequest(
    db(),
    {
      id,
      client_id: clientId,
      received_on: '2026-02-21',
      request_text: `Synthetic: please correct what the note says about ${ask}.`,
      include_if_denied: decision.outcome === 'denied' && decision.includeIfDenied ? 1 : 0,
      due_on: '2026-04-22',
      status: 'open',
      created_by: desk.id,
      created_at: at,
      updated_at: at,
    },
    records.map((r) => ({ item_kind: r.itemKind, record_id: r.recordId, label: 'Progress note' })),
  );
  if (decision.outcome === 'accepted')
    await updateRequest(db(), id, {
      status: 'accepted',
      decided_on: '2026-02-25',
      decided_by: clin.id,
      decided_as: 'author',
      amendment_text: `Synthetic: amended, ${decision.text} is right.`,
    });
  if (decision.outcome === 'denied')
    await updateRequest(db(), id, {
      status: 'denied',
      decided_on: '2026-02-26',
      decided_by: clin.id,
      decided_as: 'author',
      denial_basis: 'accurate_complete',
      denial_explanation: `Synthetic: ${decision.why} is what was said.`,
    });
  return id;
}

async function fileStatement(requestId: string, text: string) {
  await updateRequest(db(), requestId, {
    statement_text: `Synthetic: I disagree, ${text}.`,
    statement_filed_on: '2026-02-27',
    statement_recorded_by: desk.id,
  });
}

async function writeRebuttal(requestId: string, text: string) {
  await updateRequest(db(), requestId, {
    rebuttal_text: `Synthetic: the practice stands by it, ${text}.`,
    rebuttal_written_on: '2026-02-28',
    rebuttal_by: clin.id,
  });
}

beforeAll(async () => {
  p = await makePractice({
    clock,
    testSeams: {
      onExportStage: (stage) => {
        atStage(stage);
      },
    },
  });
  first = p;
  p.folder.next = out.path;
  await p.signIn(OWNER.username, OWNER.password, W.owner);
  clin = await signedInStaff(p, 'clinician', 'Dr. Ada Amendwell', W.clin);
  desk = await signedInStaff(p, 'front_desk', 'Dee Deskworth', W.desk);
  clientId = (await p.ok('clients.create', adultClient(clin.id), W.desk)).id;
  await p.ok('intake.save', intake(clientId), W.clin);
  note.accepted = await signedNote(p, W.clin, clientId, '2026-01-12', 'Alderbrook');
  note.disputed = await signedNote(p, W.clin, clientId, '2026-01-19', 'Birchcombe');
  note.quiet = await signedNote(p, W.clin, clientId, '2026-01-26', 'Cedarholm');
  note.plain = await signedNote(p, W.clin, clientId, '2026-02-02', 'Dunmarsh');
  note.late = await signedNote(p, W.clin, clientId, '2026-02-09', 'Elmstead');
  await amendment([asNote(note.accepted)], WORD.acceptedAsk, { outcome: 'accepted', text: WORD.accepted });
  const disputed = await amendment([asNote(note.disputed)], WORD.deniedAsk, {
    outcome: 'denied',
    why: WORD.denialWhy,
  });
  await fileStatement(disputed, WORD.statement);
  await writeRebuttal(disputed, WORD.rebuttal);
  // Still open: an undecided request never travels.
  await amendment([asNote(note.plain)], 'Ivyreach', { outcome: 'open' });
});
afterAll(async () => {
  if (p !== first) await p.core.shutdown();
  await first.close();
  out.remove();
});

const between = (from: string, to: string): Selection => ({ ...NOTES, from, to });

/** A third-party request, authorized and ready for review. */
async function thirdPartyRequest(): Promise<string> {
  const r = await p.ok('releases.create', thirdParty(clientId), W.desk);
  await p.ok(
    'releases.addAuthorization',
    hipaaAuthorization(r.summary.id, { recordTypes: ['progress_notes', 'addenda'] }),
    W.desk,
  );
  return (await p.ok('releases.authorize', { requestId: r.summary.id }, W.desk)).summary.id;
}

async function accessCopy(): Promise<string> {
  const r = await p.ok('releases.create', accessRequest(clientId), W.desk);
  return (await p.ok('releases.authorize', { requestId: r.summary.id }, W.desk)).summary.id;
}

async function exported(requestId: string) {
  const pkg = await p.ok('releases.export', { requestId }, W.desk);
  if (!pkg) throw new Error('export cancelled');
  const dir = join(out.path, pkg.packageName);
  return { dir, text: packageText(dir).replace(/\s+/g, ' '), bundle: bundleOf(dir) };
}

interface Doc {
  resourceType: string;
  id: string;
  type?: { coding?: { system: string; code: string }[] };
  author?: { reference?: string; display?: string }[];
  relatesTo?: { code: string; target: { reference: string } }[];
  context?: { related?: { reference: string }[] };
  meta?: { security?: { code: string }[] };
}
function bundleOf(dir: string): Doc[] {
  const raw = JSON.parse(readFileSync(join(dir, 'records.fhir.json'), 'utf8')) as {
    entry: { resource: Doc }[];
  };
  return raw.entry.map((e) => e.resource);
}
const ofKind = (docs: Doc[], code: string) =>
  docs.filter((d) =>
    d.type?.coding?.some((c) => c.system === 'urn:stillwater:amendment-document' && c.code === code),
  );
const refTo = (id: string) => `urn:uuid:${id}`;
const previewText = (v: ReleasePreview) => JSON.stringify(v.document).replace(/\s+/g, ' ');

describe('an accepted amendment goes with the record', () => {
  it('in the preview (its own section, the list, the notes), the PDF and the FHIR bundle, linked to the note', async () => {
    const id = await thirdPartyRequest();
    const selection = between('2026-01-10', '2026-01-13');
    const preview = await p.ok('releases.preview', { requestId: id, selection }, W.clin);
    expect(preview.amendments).toEqual([
      {
        about: ['Progress note of 2026-01-12'],
        receivedOn: '2026-02-21',
        outcome: 'accepted',
        summary: 'Accepted on Feb 25, 2026: the amendment goes with the record.',
      },
    ]);
    expect(preview.document.sections.map((s) => s.heading)).toContain('Amendments and disagreements');
    expect(previewText(preview)).toContain(`amended, ${WORD.accepted} is right`);
    expect(previewText(preview)).toContain(WORD.acceptedAsk);
    expect(preview.notes.join(' ')).toMatch(/1 amendment request by the client goes with these records/);

    await p.ok('releases.approve', { requestId: id, selection }, W.clin);
    const approved = await p.ok('releases.preview', { requestId: id }, W.clin);
    expect(approved.amendments).toEqual(preview.amendments);

    const { text, bundle } = await exported(id);
    expect(text).toContain('Amendments and disagreements');
    expect(text).toContain(`amended, ${WORD.accepted} is right`);
    expect(text).toContain(WORD.acceptedAsk);
    expect(text).toContain('ACCEPTED ON FEB 25, 2026 BY DR. ADA AMENDWELL');
    // The cover sheet says it is there.
    expect(text).toMatch(/1 request by the client to amend these records/);
    const [amended] = ofKind(bundle, 'amendment');
    const [asked] = ofKind(bundle, 'request');
    expect(amended?.relatesTo).toEqual([{ code: 'appends', target: { reference: refTo(note.accepted) } }]);
    expect(amended?.context?.related?.map((r) => r.reference)).toEqual([
      refTo(asked?.id ?? ''),
      refTo(note.accepted),
    ]);
    expect(asked?.author?.[0]?.reference).toBe(refTo(clientId));
    expect(ofKind(bundle, 'denial')).toHaveLength(0);
  });

  it('also in the client’s own copy (an access request)', async () => {
    const id = await accessCopy();
    const selection = between('2026-01-10', '2026-01-13');
    const preview = await p.ok('releases.preview', { requestId: id, selection }, W.clin);
    expect(preview.amendments).toHaveLength(1);
    await p.ok('releases.approve', { requestId: id, selection }, W.clin);
    const { text, bundle } = await exported(id);
    expect(text).toContain(`amended, ${WORD.accepted} is right`);
    expect(ofKind(bundle, 'amendment')).toHaveLength(1);
  });
});

describe('a denial with a statement of disagreement', () => {
  it('sends the request, the denial, the statement and the rebuttal, each told apart in the bundle', async () => {
    const id = await thirdPartyRequest();
    const selection = between('2026-01-18', '2026-01-20');
    const preview = await p.ok('releases.preview', { requestId: id, selection }, W.clin);
    expect(preview.amendments[0]?.summary).toBe(
      'Denied on Feb 26, 2026: the request and the denial go with the record. With the client’s statement of disagreement. With the practice’s rebuttal.',
    );
    await p.ok('releases.approve', { requestId: id, selection }, W.clin);
    const { text, bundle } = await exported(id);
    for (const w of [WORD.deniedAsk, WORD.denialWhy, WORD.statement, WORD.rebuttal])
      expect(text).toContain(w);
    expect(text).toContain('The record is accurate and complete.');
    // The disclosure log (the accounting, 164.528) says what went with the note.
    const log = await p.ok('disclosures.accounting', { clientId, includeAll: true }, W.clin);
    expect(log.entries.map((e) => e.description)).toContain(
      'Progress notes (1) from 2026-01-18 to 2026-01-20, with 1 amendment request and the practice’s decision',
    );
    expect(text).toContain('STATEMENT OF DISAGREEMENT, FILED FEB 27, 2026');
    expect(text).toContain('REBUTTAL TO THE STATEMENT, WRITTEN FEB 28, 2026');
    const [denial] = ofKind(bundle, 'denial');
    const [statement] = ofKind(bundle, 'statement');
    const [rebuttal] = ofKind(bundle, 'rebuttal');
    // The client's statement is the client's (authored by the Patient); the rebuttal answers it.
    expect(statement?.author).toEqual([{ reference: refTo(clientId) }]);
    expect(statement?.relatesTo).toEqual([
      { code: 'appends', target: { reference: refTo(denial?.id ?? '') } },
    ]);
    expect(rebuttal?.author).toBeUndefined();
    expect(rebuttal?.relatesTo).toEqual([
      { code: 'appends', target: { reference: refTo(statement?.id ?? '') } },
    ]);
    for (const d of [denial, statement, rebuttal])
      expect(d?.context?.related?.map((r) => r.reference)).toContain(refTo(note.disputed));
    expect(ofKind(bundle, 'amendment')).toHaveLength(0);
  });
});

describe('a denial without a statement', () => {
  let quiet: string;
  it('does not go unless the client asked', async () => {
    quiet = await amendment([asNote(note.quiet)], WORD.quietAsk, { outcome: 'denied', why: WORD.quietWhy });
    const id = await thirdPartyRequest();
    const selection = between('2026-01-25', '2026-01-27');
    const preview = await p.ok('releases.preview', { requestId: id, selection }, W.clin);
    expect(preview.amendments).toEqual([]);
    await p.ok('releases.approve', { requestId: id, selection }, W.clin);
    const { text, bundle } = await exported(id);
    expect(text).toContain('Cedarholm');
    expect(text).not.toContain(WORD.quietAsk);
    expect(text).not.toContain(WORD.quietWhy);
    expect(text).not.toContain('Amendments and disagreements');
    expect(ofKind(bundle, 'request')).toHaveLength(0);
  });

  it('goes, request and denial, once the client asked', async () => {
    await updateRequest(db(), quiet, { include_if_denied: 1, include_asked_on: '2026-03-01' });
    const id = await thirdPartyRequest();
    const selection = between('2026-01-25', '2026-01-27');
    const preview = await p.ok('releases.preview', { requestId: id, selection }, W.clin);
    expect(preview.amendments[0]?.summary).toMatch(
      /No statement was filed; the client asked that they go\.$/,
    );
    await p.ok('releases.approve', { requestId: id, selection }, W.clin);
    const { text, bundle } = await exported(id);
    expect(text).toContain(WORD.quietAsk);
    expect(text).toContain(WORD.quietWhy);
    expect(text).toContain('None was filed. The client asked that the request and the denial go');
    expect(ofKind(bundle, 'request')).toHaveLength(1);
    expect(ofKind(bundle, 'denial')).toHaveLength(1);
    expect(ofKind(bundle, 'statement')).toHaveLength(0);
  });
});

describe('other records of the same client', () => {
  it('carry nothing: no section, no list, no resources (an open request on one of them included)', async () => {
    const id = await thirdPartyRequest();
    const selection = between('2026-02-01', '2026-02-03');
    const preview = await p.ok('releases.preview', { requestId: id, selection }, W.clin);
    expect(preview.amendments).toEqual([]);
    expect(preview.notes.join(' ')).not.toMatch(/amendment request/);
    await p.ok('releases.approve', { requestId: id, selection }, W.clin);
    const { text, bundle } = await exported(id);
    expect(text).toContain('Dunmarsh');
    for (const w of [WORD.accepted, WORD.acceptedAsk, WORD.deniedAsk, WORD.statement, 'Ivyreach'])
      expect(text).not.toContain(w);
    expect(text).not.toContain('Amendments and disagreements');
    expect(
      bundle.filter((d) => d.type?.coding?.some((c) => c.system === 'urn:stillwater:amendment-document')),
    ).toEqual([]);
  });
});

describe('an amendment decided after approval', () => {
  const selection = between('2026-02-08', '2026-02-10');
  const REASON =
    /^Since approval, an amendment decision, a statement of disagreement or a rebuttal was recorded about 1 approved record \(Progress note of 2026-02-09\); it must go with that record \(45 CFR 164\.526\)\. Nothing was exported: the request is back with the reviewer/;

  it('is caught at export: the request goes back to review with the reason, and the next approval sends it', async () => {
    const id = await thirdPartyRequest();
    await p.ok('releases.approve', { requestId: id, selection }, W.clin);
    const asked = await amendment([asNote(note.late)], WORD.lateAsk, { outcome: 'open' });
    // Undecided: nothing changes.
    expect((await p.ok('releases.preview', { requestId: id }, W.clin)).notes.join(' ')).not.toMatch(
      /since approval/i,
    );
    await updateRequest(db(), asked, {
      status: 'accepted',
      decided_on: '2026-03-02',
      decided_by: clin.id,
      decided_as: 'author',
      amendment_text: `Synthetic: amended, ${WORD.lateText} is right.`,
    });
    const shown = await p.ok('releases.preview', { requestId: id }, W.clin);
    expect(shown.notes.join(' ')).toMatch(
      /Since approval, an amendment decision, a statement of disagreement or a rebuttal was recorded about 1 approved record: it must go with it \(45 CFR 164\.526\), so export will send the request back to review\./,
    );
    expect(shown.amendments.map((x) => x.about)).toContainEqual(['Progress note of 2026-02-09']);
    const e = await p.fail('releases.export', { requestId: id }, W.desk);
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(REASON);
    const back = await p.ok('releases.get', { requestId: id }, W.clin);
    expect(back.summary.status).toBe('authorized');
    expect(back.reviewNote).toBe(e.message);
    expect(back.exports).toHaveLength(0);
    await p.ok('releases.approve', { requestId: id, selection }, W.clin);
    const { text } = await exported(id);
    expect(text).toContain(`amended, ${WORD.lateText} is right`);
  });

  it('a statement of disagreement and a rebuttal filed after approval are caught the same way, after a restart too', async () => {
    const later = await signedNote(p, W.clin, clientId, '2026-02-16', 'Foxglade');
    const asked = await amendment([asNote(later)], 'Juniperlow', { outcome: 'denied', why: 'Kelpmoor' });
    const id = await thirdPartyRequest();
    const sel = between('2026-02-15', '2026-02-17');
    // Denied quietly: nothing goes, and the approval freezes that.
    expect((await p.ok('releases.preview', { requestId: id, selection: sel }, W.clin)).amendments).toEqual(
      [],
    );
    await p.ok('releases.approve', { requestId: id, selection: sel }, W.clin);
    await fileStatement(asked, 'Lindenhurst');
    // The app restarts: the approval and its frozen hashes are in the database, not in memory.
    await p.core.shutdown();
    p = p.restart();
    p.folder.next = out.path;
    await p.signIn(OWNER.username, OWNER.password);
    await p.signIn(OWNER.username, OWNER.password, W.owner);
    await p.signIn(desk.username, desk.password, W.desk);
    await p.signIn(clin.username, clin.password, W.clin);
    const e = await p.fail('releases.export', { requestId: id }, W.desk);
    expect(e.message).toMatch(/recorded about 1 approved record \(Progress note of 2026-02-16\)/);
    await p.ok('releases.approve', { requestId: id, selection: sel }, W.clin);
    await writeRebuttal(asked, 'Marramcove');
    const again = await p.fail('releases.export', { requestId: id }, W.desk);
    expect(again.message).toMatch(/recorded about 1 approved record \(Progress note of 2026-02-16\)/);
    await p.ok('releases.approve', { requestId: id, selection: sel }, W.clin);
    const { text } = await exported(id);
    for (const w of ['Juniperlow', 'Kelpmoor', 'Lindenhurst', 'Marramcove']) expect(text).toContain(w);
  });
});

describe('an amendment decided while the export is being written', () => {
  it('is caught by the export worker as it reads the records: nothing is written, the reason is the amendment', async () => {
    const racing = await signedNote(p, W.clin, clientId, '2026-02-23', 'Nettlebank');
    const asked = await amendment([asNote(racing)], 'Oxlipdale', { outcome: 'open' });
    const id = await thirdPartyRequest();
    const sel = between('2026-02-22', '2026-02-24');
    await p.ok('releases.approve', { requestId: id, selection: sel }, W.clin);
    // Decided after main's check, before the worker composes over its own connection.
    atStage = (stage) => {
      if (stage !== 'writing') return;
      p.core.ctx.vault.db.sqlite
        .prepare(
          "UPDATE amendment_requests SET status = 'accepted', decided_on = '2026-03-02', decided_by = ?, decided_as = 'author', amendment_text = 'Synthetic: amended, Pipersfold is right.' WHERE id = ?",
        )
        .run(clin.id, asked);
    };
    try {
      const e = await p.fail('releases.export', { requestId: id }, W.desk);
      expect(e.message).toMatch(/recorded about 1 approved record \(Progress note of 2026-02-23\)/);
    } finally {
      atStage = () => undefined;
    }
    expect((await p.ok('releases.get', { requestId: id }, W.clin)).exports).toHaveLength(0);
    await p.ok('releases.approve', { requestId: id, selection: sel }, W.clin);
    expect((await exported(id)).text).toContain('Pipersfold');
  });
});

describe('what an amendment names and links', () => {
  it('names only the released records it concerns, never one left out', async () => {
    const inRange = await signedNote(p, W.clin, clientId, '2026-02-12', 'Quarrytown');
    const outside = await signedNote(p, W.clin, clientId, '2025-11-20', 'Rushwick');
    await amendment([asNote(inRange), asNote(outside)], 'Sedgeford', {
      outcome: 'accepted',
      text: 'Thornbury',
    });
    const id = await thirdPartyRequest();
    const sel = between('2026-02-11', '2026-02-13');
    const preview = await p.ok('releases.preview', { requestId: id, selection: sel }, W.clin);
    expect(preview.amendments.map((a) => a.about)).toEqual([['Progress note of 2026-02-12']]);
    await p.ok('releases.approve', { requestId: id, selection: sel }, W.clin);
    const { text, bundle } = await exported(id);
    expect(text).toContain('Thornbury');
    expect(text).not.toContain('2025-11-20');
    expect(text).not.toContain('Rushwick');
    const related = ofKind(bundle, 'amendment').flatMap((d) => d.context?.related ?? []);
    expect(related.map((r) => r.reference)).not.toContain(refTo(outside));
  });

  it('links the intake, an assessment and the identification to their own resources in the client’s copy', async () => {
    const phq = await p.ok(
      'screenings.record',
      {
        clientId,
        instrument: 'phq9',
        administeredOn: '2026-01-05',
        items: [1, 1, 0, 0, 1, 0, 0, 0, 0],
        context: 'intake',
      },
      W.clin,
    );
    await amendment(
      [
        { itemKind: 'intake', recordId: clientId },
        { itemKind: 'screening', recordId: phq.id },
        { itemKind: 'demographics', recordId: clientId },
      ],
      'Umbercliff',
      { outcome: 'accepted', text: 'Vervainhurst' },
    );
    const id = await accessCopy();
    const sel: Selection = {
      recordTypes: ['demographics', 'intake', 'screenings'],
      from: '2026-01-01',
      to: '2026-03-02',
      includePart2: false,
    };
    await p.ok('releases.approve', { requestId: id, selection: sel }, W.clin);
    const { text, bundle } = await exported(id);
    expect(text).toContain('Vervainhurst');
    expect(text).toContain('About: Identification and contact; Intake assessment; PHQ-9 of 2026-01-05');
    const [amended] = ofKind(bundle, 'amendment');
    const intakeDoc = bundle.find(
      (d) =>
        d.resourceType === 'DocumentReference' &&
        d.id !== amended?.id &&
        JSON.stringify(d.type).includes('Intake assessment'),
    );
    expect(amended?.context?.related?.map((r) => r.reference)).toEqual(
      expect.arrayContaining([refTo(clientId), refTo(phq.id), refTo(intakeDoc?.id ?? 'missing')]),
    );
    // Only the intake is a document: the amendment appends to it alone.
    expect(amended?.relatesTo).toEqual([
      { code: 'appends', target: { reference: refTo(intakeDoc?.id ?? '') } },
    ]);
  });

  it('about an addendum goes with its note, linked to the note’s document', async () => {
    const n = await signedNote(p, W.clin, clientId, '2026-02-20', 'Ashcombe');
    const withAddendum = await p.ok(
      'notes.addAddendum',
      { noteId: n, text: 'Synthetic: Bellhaven, added later.' },
      W.clin,
    );
    const addendumId = withAddendum.addenda[0]?.id ?? '';
    await amendment([{ itemKind: 'addendum', recordId: addendumId }], 'Coldharbour', {
      outcome: 'accepted',
      text: 'Dewpond',
    });
    const id = await thirdPartyRequest();
    const sel = between('2026-02-19', '2026-02-21');
    const preview = await p.ok('releases.preview', { requestId: id, selection: sel }, W.clin);
    expect(preview.amendments[0]?.about[0]).toMatch(/^Addendum of .* to the progress note of 2026-02-20$/);
    await p.ok('releases.approve', { requestId: id, selection: sel }, W.clin);
    const { text, bundle } = await exported(id);
    expect(text).toContain('Dewpond');
    expect(ofKind(bundle, 'amendment')[0]?.relatesTo).toEqual([
      { code: 'appends', target: { reference: refTo(n) } },
    ]);
  });

  it('about a Part 2 record is Part 2 itself: labelled in the bundle, bannered in the PDF, not shown to a reader outside the care team', async () => {
    const p2 = await signedNote(p, W.clin, clientId, '2026-01-28', 'Wychelm', { part2: true });
    await amendment([asNote(p2)], 'Yarrowdene', { outcome: 'accepted', text: 'Zephyrholt' });
    const r = await p.ok('releases.create', thirdParty(clientId), W.desk);
    await p.ok(
      'releases.addAuthorization',
      hipaaAuthorization(r.summary.id, { recordTypes: ['progress_notes', 'addenda'] }),
      W.desk,
    );
    await p.ok('releases.addAuthorization', part2Consent(r.summary.id), W.desk);
    const id = (await p.ok('releases.authorize', { requestId: r.summary.id }, W.desk)).summary.id;
    const sel: Selection = { ...between('2026-01-27', '2026-01-29'), includePart2: true };
    const preview = await p.ok('releases.preview', { requestId: id, selection: sel }, W.clin);
    expect(preview.document.sections.find((x) => x.heading === 'Amendments and disagreements')?.part2).toBe(
      true,
    );
    await p.ok('releases.approve', { requestId: id, selection: sel }, W.clin);
    // The owner is not on this client's care team: Part 2 records, and what is said about them, stay hidden.
    const owners = await p.ok('releases.preview', { requestId: id }, W.owner);
    expect(owners.amendments).toEqual([]);
    expect(JSON.stringify(owners)).not.toContain('Zephyrholt');
    expect(JSON.stringify(owners)).not.toContain('Yarrowdene');
    const { text, bundle } = await exported(id);
    expect(text).toContain('Zephyrholt');
    // The note's banner and the amendment section's.
    expect(text.split('42 CFR PART 2 RECORD: SUBSTANCE-USE INFORMATION').length - 1).toBe(2);
    for (const d of [...ofKind(bundle, 'request'), ...ofKind(bundle, 'amendment')])
      expect(d.meta?.security?.map((x) => x.code)).toEqual(['42CFRPart2']);
  });
});

describe('through the amendment workflow’s own channels', () => {
  it('recorded at the desk, denied by the author, a statement filed and rebutted: the next release carries all four', async () => {
    const n = await signedNote(p, W.clin, clientId, '2026-02-25', 'Quillmere');
    const made = await p.ok(
      'amendments.create',
      {
        clientId,
        receivedOn: '2026-03-01',
        requestText: 'Synthetic: the note should say Rookhaven, not Quillmere.',
        records: [{ itemKind: 'note', recordId: n }],
        includeIfDenied: false,
      },
      W.desk,
    );
    await p.ok(
      'amendments.deny',
      {
        requestId: made.id,
        basis: 'accurate_complete',
        explanation: 'Synthetic: Sablewood is what was said.',
      },
      W.clin,
    );
    await p.ok(
      'amendments.recordStatement',
      { requestId: made.id, text: 'Synthetic: I disagree (Tidemarsh).', filedOn: '2026-03-02' },
      W.desk,
    );
    await p.ok(
      'amendments.recordRebuttal',
      {
        requestId: made.id,
        text: 'Synthetic: the practice stands by it (Umberwell).',
        writtenOn: '2026-03-02',
      },
      W.clin,
    );
    const id = await thirdPartyRequest();
    const sel = between('2026-02-24', '2026-02-26');
    await p.ok('releases.approve', { requestId: id, selection: sel }, W.clin);
    const { text, bundle } = await exported(id);
    for (const w of ['Rookhaven', 'Sablewood', 'Tidemarsh', 'Umberwell']) expect(text).toContain(w);
    expect(ofKind(bundle, 'statement')).toHaveLength(1);
    expect(ofKind(bundle, 'rebuttal')).toHaveLength(1);
  });
});

describe('who sees it', () => {
  it('front desk may not preview (nor read the amendment there); a clinician off the care team may not either', async () => {
    const id = await thirdPartyRequest();
    const selection = between('2026-01-10', '2026-01-13');
    expect((await p.fail('releases.preview', { requestId: id, selection }, W.desk)).code).toBe('FORBIDDEN');
    await signedInStaff(p, 'clinician', 'Dr. Otto Offteam', 'w-other');
    const e = await p.fail('releases.preview', { requestId: id, selection }, 'w-other');
    expect(JSON.stringify(e)).not.toContain(WORD.accepted);
  });
});
