// Where a review starts, and addenda with their notes, on a real encrypted practice through the
// router. The review is pre-selected from what the request's authority covers (the authorization's
// kinds of record and period; a client's whole record but psychotherapy notes; nothing for an
// order), and main still refuses what the authorization does not cover when it is sent anyway. A
// note leaves with every signed addendum to it, in the preview, the approval and the export,
// whatever was ticked; an addendum never leaves without its note; one signed after approval, or
// left out of an approval on disk, stops the export.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReleasePreview, Selection } from '../../../preload/contract/releases.ts';
import { adultClient, intake } from '../../helpers/clients.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { makePractice, signedInStaff, type TestPractice } from '../../helpers/make-practice.ts';
import { signedNote } from '../../helpers/notes.ts';
import {
  accessRequest,
  courtOrder,
  hipaaAuthorization,
  pdfText,
  thirdParty,
} from '../../helpers/releases.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const clock = new FakeClock(Date.parse('2026-03-02T15:00:00Z'));
const W = { a: 'w-a', b: 'w-b', desk: 'w-desk' };
const out = tempDir('stillwater-defaults-');
const WORD = {
  january: 'Juniperquay',
  february: 'Fennelbrook',
  december: 'Dunmarrow',
  addendum: 'Addendwhistle',
  oldAddendum: 'Oldcorrigend',
  later: 'Latesorrel',
  intake: 'Intakeplume',
};
/** An authorization that covers progress notes and the intake of January to March 2026, and nothing else. */
const NOTES_AND_INTAKE = {
  recordTypes: ['progress_notes' as const, 'intake' as const],
  recordsFrom: '2026-01-01',
  recordsTo: '2026-03-31',
  description: 'Progress notes and the intake assessment, January to March 2026',
};

let p: TestPractice;
let clientId = '';
let january = '';

const text = (preview: ReleasePreview): string => JSON.stringify(preview.document);

async function thirdPartyRequest(auth: Parameters<typeof hipaaAuthorization>[1] = NOTES_AND_INTAKE) {
  const created = await p.ok('releases.create', thirdParty(clientId), W.desk);
  await p.ok('releases.addAuthorization', hipaaAuthorization(created.summary.id, auth), W.desk);
  return p.ok('releases.authorize', { requestId: created.summary.id }, W.desk);
}

beforeAll(async () => {
  p = await makePractice({ clock });
  p.folder.next = out.path;
  await signedInStaff(p, 'clinician', 'Dr. Ada Defaults', W.a).then(async (a) => {
    await signedInStaff(p, 'front_desk', 'Dee Defaults', W.desk);
    clientId = (await p.ok('clients.create', adultClient(a.id), W.desk)).id;
  });
  await p.ok(
    'intake.save',
    intake(clientId, { presentingConcern: `Synthetic: ${WORD.intake} worries.` }),
    W.a,
  );
  january = await signedNote(p, W.a, clientId, '2026-01-12', WORD.january);
  await signedNote(p, W.a, clientId, '2026-02-09', WORD.february);
  const december = await signedNote(p, W.a, clientId, '2025-12-01', WORD.december);
  await p.ok('notes.addAddendum', { noteId: january, text: `Synthetic: ${WORD.addendum} correction.` }, W.a);
  await p.ok(
    'notes.addAddendum',
    { noteId: december, text: `Synthetic: ${WORD.oldAddendum} correction.` },
    W.a,
  );
}, 120_000);
afterAll(async () => {
  await p.close();
  out.remove();
});

describe('review defaults follow the request’s authority', () => {
  it('a third party’s: the kinds of record and the period its authorization covers, addenda with the notes', async () => {
    const r = await thirdPartyRequest();
    expect(r.reviewDefaults).toMatchObject({
      recordTypes: ['intake', 'progress_notes', 'addenda'],
      from: '2026-01-01',
      // The authorization reaches to 31 March; nothing is on record after today.
      to: '2026-03-02',
      includePart2: false,
    });
    expect(r.reviewDefaults?.source).toMatch(/authorization signed by Avery Fictus on 2026-02-20/);
    // The period in words, the US way.
    expect(r.reviewDefaults?.source).toMatch(/, from Jan 1, 2026 to Mar 2, 2026\.$/);
  });

  it('the defaults preview and approve as they are: the intake, the notes in the period and their addendum', async () => {
    const r = await thirdPartyRequest();
    const d = r.reviewDefaults;
    if (!d) throw new Error('no defaults');
    const selection: Selection = {
      recordTypes: d.recordTypes,
      from: d.from,
      to: d.to,
      includePart2: d.includePart2,
    };
    const preview = await p.ok('releases.preview', { requestId: r.summary.id, selection }, W.a);
    for (const word of [WORD.january, WORD.february, WORD.addendum, WORD.intake])
      expect(text(preview)).toContain(word);
    for (const word of [WORD.december, WORD.oldAddendum]) expect(text(preview)).not.toContain(word);
    const approved = await p.ok('releases.approve', { requestId: r.summary.id, selection }, W.a);
    expect(approved.approval?.records).toEqual([
      { label: 'Intake assessment', count: 1 },
      { label: 'Intake: substance use', count: 1 },
      { label: 'Notes', count: 2 },
      { label: 'Addenda', count: 1 },
    ]);
    expect(approved.reviewDefaults).toBeNull();
  });

  it('a client’s own copy: every kind of record but psychotherapy notes, from the first on record to today', async () => {
    const created = await p.ok('releases.create', accessRequest(clientId), W.desk);
    const r = await p.ok('releases.authorize', { requestId: created.summary.id }, W.desk);
    expect(r.reviewDefaults).toMatchObject({
      recordTypes: [
        'demographics',
        'intake',
        'consents',
        'screenings',
        'diagnoses',
        'treatment_plans',
        'progress_notes',
        'addenda',
      ],
      from: '2025-12-01',
      to: '2026-03-02',
      // 42 CFR 2.23: the client's own Part 2 records need no consent.
      includePart2: true,
    });
  });

  it('a court order: nothing ticked, for the reviewer to choose exactly what it names', async () => {
    const created = await p.ok('releases.create', courtOrder(clientId), W.desk);
    const r = await p.ok('releases.authorize', { requestId: created.summary.id }, W.desk);
    expect(r.reviewDefaults?.recordTypes).toEqual([]);
    expect(r.reviewDefaults?.includePart2).toBe(false);
  });

  it('no defaults before the request is authorized, and none once decided', async () => {
    const created = await p.ok('releases.create', thirdParty(clientId), W.desk);
    expect(created.reviewDefaults).toBeNull();
  });
});

describe('what the authorization does not cover is refused in main, whatever the screen sends', () => {
  it.each<[string, Partial<Selection>, RegExp]>([
    [
      'a kind of record it does not name',
      { recordTypes: ['progress_notes', 'screenings'] },
      /does not cover Assessments/,
    ],
    ['dates before its period', { from: '2025-11-01' }, /choose dates within that period/],
    ['dates after its period', { to: '2026-04-30' }, /choose dates within that period/],
    ['psychotherapy notes', { recordTypes: ['psychotherapy_notes'] }, /authorization of their own/],
    ['addenda without their notes', { recordTypes: ['addenda'] }, /Addenda go with their notes/],
  ])('%s: preview and approval are refused, nothing is approved', async (_why, change, message) => {
    const r = await thirdPartyRequest();
    const selection = {
      recordTypes: ['progress_notes' as const],
      from: '2026-01-01',
      to: '2026-02-28',
      includePart2: false,
      ...change,
    };
    for (const channel of ['releases.preview', 'releases.approve'] as const) {
      const e = await p.fail(channel, { requestId: r.summary.id, selection }, W.a);
      expect(e.code).toBe('CONFLICT');
      expect(e.message).toMatch(message);
    }
    expect((await p.ok('releases.get', { requestId: r.summary.id }, W.a)).summary.status).toBe('authorized');
  });

  it('malformed selections are refused before any rule runs', async () => {
    const r = await thirdPartyRequest();
    for (const selection of [
      { recordTypes: [], from: '2026-01-01', to: '2026-02-28', includePart2: false },
      { recordTypes: ['everything'], from: '2026-01-01', to: '2026-02-28', includePart2: false },
      { recordTypes: ['progress_notes'], from: '2026-02-28', to: '2026-01-01', includePart2: false },
      { recordTypes: ['progress_notes'], from: 'x'.repeat(5000), to: '2026-01-01', includePart2: false },
      { recordTypes: ['progress_notes'], from: '2026-01-01', to: '2026-02-28' },
    ]) {
      expect((await p.fail('releases.approve', { requestId: r.summary.id, selection }, W.a)).code).toBe(
        'INVALID_INPUT',
      );
    }
  });
});

describe('addenda travel with their notes', () => {
  const NOTES_ONLY: Selection = {
    recordTypes: ['progress_notes'],
    from: '2026-01-01',
    to: '2026-02-28',
    includePart2: false,
  };

  it('a note chosen without ticking addenda still carries its addendum, on an authorization that names only notes', async () => {
    const r = await thirdPartyRequest({ ...NOTES_AND_INTAKE, recordTypes: ['progress_notes'] });
    const preview = await p.ok('releases.preview', { requestId: r.summary.id, selection: NOTES_ONLY }, W.a);
    expect(text(preview)).toContain(WORD.addendum);
    expect(preview.notes.join(' ')).toMatch(/Each note goes with every addendum signed to it \(1 here\)/);
    const approved = await p.ok('releases.approve', { requestId: r.summary.id, selection: NOTES_ONLY }, W.a);
    expect(approved.approval?.records).toContainEqual({ label: 'Addenda', count: 1 });
    // The frozen selection says so too (the cover sheet lists it).
    expect(approved.selection?.recordTypes).toEqual(['progress_notes', 'addenda']);
  });

  it('an addendum never leaves without its note: a note outside the dates keeps its addendum home', async () => {
    const r = await thirdPartyRequest({ ...NOTES_AND_INTAKE, recordsFrom: undefined, recordsTo: undefined });
    const preview = await p.ok(
      'releases.preview',
      { requestId: r.summary.id, selection: { ...NOTES_ONLY, recordTypes: ['progress_notes', 'addenda'] } },
      W.a,
    );
    expect(text(preview)).not.toContain(WORD.oldAddendum);
    expect(text(preview)).not.toContain(WORD.december);
  });

  it('an addendum signed after approval stops the export, and the next approval carries it', async () => {
    const later = await signedNote(p, W.a, clientId, '2026-02-16', WORD.later);
    const r = await thirdPartyRequest();
    const selection = { ...NOTES_ONLY, from: '2026-02-16', to: '2026-02-16' };
    await p.ok('releases.approve', { requestId: r.summary.id, selection }, W.a);
    await p.ok('notes.addAddendum', { noteId: later, text: `Synthetic: ${WORD.later}fix amended.` }, W.a);
    const refused = await p.fail('releases.export', { requestId: r.summary.id }, W.desk);
    expect(refused.message).toMatch(
      /^1 addendum was signed to an approved note since approval \(Addendum of 2026-03-02 to the progress note of 2026-02-16\); a note leaves only with its addenda\. Nothing was exported/,
    );
    const back = await p.ok('releases.get', { requestId: r.summary.id }, W.a);
    expect(back.summary.status).toBe('authorized');
    expect(back.exports).toEqual([]);
    // Back for review, it starts from what was approved; approved again, the addendum goes.
    expect(back.reviewDefaults).toMatchObject({ from: '2026-02-16', to: '2026-02-16' });
    const again = await p.ok('releases.approve', { requestId: r.summary.id, selection }, W.a);
    expect(again.approval?.records).toContainEqual({ label: 'Addenda', count: 1 });
    const pkg = await p.ok('releases.export', { requestId: r.summary.id }, W.desk);
    if (!pkg) throw new Error('export cancelled');
    const pdf = pdfText(join(out.path, pkg.packageName, 'records.pdf'));
    expect(pdf).toContain(`${WORD.later}fix`);
  });

  it('an approval that left a note’s addendum out (an older version, or edited on disk) does not export the note without it', async () => {
    const r = await thirdPartyRequest();
    await p.ok('releases.approve', { requestId: r.summary.id, selection: NOTES_ONLY }, W.a);
    // Someone with the database open removes the addendum from the frozen approval.
    const sqlite = p.core.ctx.vault.db.sqlite;
    const trigger = sqlite
      .prepare("SELECT sql FROM sqlite_master WHERE name = 'release_approval_items_no_delete'")
      .get() as { sql: string };
    sqlite.exec('DROP TRIGGER release_approval_items_no_delete');
    sqlite
      .prepare(
        "DELETE FROM release_approval_items WHERE item_kind = 'addendum' AND approval_id = (SELECT approval_id FROM release_requests WHERE id = ?)",
      )
      .run(r.summary.id);
    sqlite.exec(trigger.sql);
    const refused = await p.fail('releases.export', { requestId: r.summary.id }, W.desk);
    // Both notes' addenda (January's, and the one signed on 16 February's above).
    expect(refused.message).toMatch(/^2 addenda were signed to an approved note since approval/);
    expect((await p.ok('releases.get', { requestId: r.summary.id }, W.a)).exports).toEqual([]);
  });
});
