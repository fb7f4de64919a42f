// The records a release may carry, read from the chart: by a selection (to preview and approve)
// or by the exact items an approval froze (to export). Each record becomes a candidate with what
// the rules need (its kind of record, date, Part 2, whether it is care the minor controls, who
// wrote a psychotherapy note) and a content hash; export compares that hash with the approved one.
import type { Kysely } from 'kysely';
import type { ClientRow, DB, IntakeRow, NoteRow, ScreeningRow } from '../../../db/schema.ts';
import { INSTRUMENTS } from '../../../preload/contract/screening.ts';
import type { TreatmentPlan } from '../../../preload/contract/plans.ts';
import { noteLayout, type NoteLayout } from '../../../preload/contract/notes.ts';
import type { RecordType, Selection } from '../../../preload/contract/releases.ts';
import {
  type Episode,
  getClient,
  getIntake,
  isConfidentialCare,
  listConsents,
  listEpisodes,
  screeningRows,
} from '../clients/index.ts';
import {
  addendumHash,
  clientAddenda,
  sectionLabels,
  signedNoteIntact,
  signedNotesByIds,
  signedNotesPage,
} from '../notes/index.ts';
import { staffLabels, staffNames } from '../staff/index.ts';
import {
  attachAmendments,
  releaseAmendments,
  withAmendmentHashes,
  type AmendmentAttachment,
  type ReleaseAmendment,
} from './amendments.ts';
import { clinicalCandidates, readDiagnoses, readPlans, type ReleaseDiagnosis } from './clinical-records.ts';
import {
  consentHash,
  demographicsHash,
  intakeHash,
  screeningHash,
  substanceUseHash,
} from './record-hashes.ts';

export { parseItems, parseRisk } from './record-hashes.ts';

export const ITEM_KINDS = [
  'demographics',
  'intake',
  'substance_use',
  'consent',
  'screening',
  'note',
  'addendum',
  'diagnosis',
  'treatment_plan',
] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** One record as an approval freezes it. */
export interface ItemRef {
  kind: ItemKind;
  id: string;
  hash: string;
}

export type ConsentWithSignatures = Awaited<ReturnType<typeof listConsents>>[number];
/** `layout`: the note's section labels from its own template version (notes' sectionLabels). */
export type ReleaseNote = NoteRow & { authorName: string; authorActive: boolean; layout: NoteLayout };
export interface ReleaseAddendum {
  id: string;
  note_id: string;
  author_id: string;
  text: string;
  signed_at: string;
  content_hash: string;
  authorName: string;
}

/** The rows read for a release (before the rules decide which of them leave). */
export interface ChartRecords {
  client: ClientRow;
  intake: IntakeRow | null;
  consents: ConsentWithSignatures[];
  screenings: ScreeningRow[];
  notes: ReleaseNote[];
  addenda: ReleaseAddendum[];
  /** The client's diagnoses as they stand, each with its history (clinical-records.ts). */
  diagnoses: ReleaseDiagnosis[];
  /** Signed treatment plan versions, current and superseded; drafts never. */
  plans: TreatmentPlan[];
  episodes: Episode[];
  /** Whether "Identification and contact" is among the records. */
  demographics: boolean;
  /** What the amendment rule attaches to any of these records (amendments.ts, 164.526). */
  amendments: AmendmentAttachment[];
}

export interface Candidate extends ItemRef {
  recordType: RecordType;
  /** The day the record is about (its period check); null for records that are not dated. */
  date: string | null;
  part2: boolean;
  /** Care the minor lawfully controls (LEGAL.md, minors): never released on a guardian's authority. */
  confidential: boolean;
  psychotherapy: boolean;
  author: { id: string; name: string; active: boolean } | null;
  /** An addendum's note. */
  noteId: string | null;
  /** In words, for the reviewer ("Progress note of 2026-01-12"). */
  label: string;
}

const dayOf = (iso: string): string => iso.slice(0, 10);

/** Every record in these rows as a candidate, notes before their addenda. */
export function candidatesOf(r: ChartRecords): Candidate[] {
  const out: Candidate[] = [];
  const eps = r.episodes;
  const base = { part2: false, confidential: false, psychotherapy: false, author: null, noteId: null };
  if (r.demographics) {
    out.push({
      ...base,
      kind: 'demographics',
      id: r.client.id,
      hash: demographicsHash(r.client),
      recordType: 'demographics',
      date: null,
      label: 'Identification and contact',
    });
  }
  if (r.intake) {
    const date = dayOf(r.intake.completed_at ?? r.intake.updated_at);
    const confidential = isConfidentialCare(eps, { episodeId: null, date });
    out.push({
      ...base,
      kind: 'intake',
      id: r.intake.client_id,
      hash: intakeHash(r.intake),
      recordType: 'intake',
      date,
      confidential,
      label: 'Intake assessment',
    });
    if (r.intake.substance_use) {
      out.push({
        ...base,
        kind: 'substance_use',
        id: r.intake.client_id,
        hash: substanceUseHash(r.intake),
        recordType: 'intake',
        date,
        part2: r.intake.substance_use_part2 === 1,
        confidential,
        label: 'Intake: substance use',
      });
    }
  }
  for (const c of r.consents) {
    out.push({
      ...base,
      kind: 'consent',
      id: c.id,
      hash: consentHash(c),
      recordType: 'consents',
      date: c.given_on,
      confidential: isConfidentialCare(eps, {
        episodeId: c.kind === 'treatment' ? c.id : null,
        date: c.given_on,
      }),
      label: `Consent of ${c.given_on}`,
    });
  }
  for (const s of r.screenings) {
    out.push({
      ...base,
      kind: 'screening',
      id: s.id,
      hash: screeningHash(s),
      recordType: 'screenings',
      date: s.administered_on,
      confidential: isConfidentialCare(eps, { episodeId: s.episode_id, date: s.administered_on }),
      label: `${INSTRUMENTS[s.instrument].name} of ${s.administered_on}`,
    });
  }
  const noteClass = new Map<string, Candidate>();
  for (const n of r.notes) {
    const psychotherapy = n.kind === 'psychotherapy';
    const c: Candidate = {
      kind: 'note',
      id: n.id,
      hash: n.content_hash ?? '',
      recordType: psychotherapy ? 'psychotherapy_notes' : 'progress_notes',
      date: n.service_date,
      part2: n.part2 === 1,
      confidential: isConfidentialCare(eps, { episodeId: n.episode_id, date: n.service_date }),
      psychotherapy,
      author: { id: n.author_id, name: n.authorName, active: n.authorActive },
      noteId: null,
      label: `${psychotherapy ? 'Psychotherapy note' : 'Progress note'} of ${n.service_date}`,
    };
    noteClass.set(n.id, c);
    out.push(c);
  }
  for (const a of r.addenda) {
    const note = noteClass.get(a.note_id);
    if (!note) continue;
    out.push({
      kind: 'addendum',
      id: a.id,
      hash: a.content_hash,
      recordType: 'addenda',
      date: note.date,
      // An addendum is part of its note: the same Part 2, minor and psychotherapy-note rules.
      part2: note.part2,
      confidential: note.confidential,
      psychotherapy: note.psychotherapy,
      author: note.author,
      noteId: a.note_id,
      label: `Addendum of ${dayOf(a.signed_at)} to the ${note.label.toLowerCase()}`,
    });
  }
  out.push(...clinicalCandidates(r.diagnoses, r.plans, eps));
  // 164.526(c)(3), (d)(4)-(5): the material that goes with a record is frozen with it.
  return withAmendmentHashes(out, r.amendments);
}

/**
 * An addendum is part of the note it amends (DESIGN.md section 4: corrections are addenda): a note
 * leaves with every signed addendum to it, and an addendum never leaves without its note. The one
 * rule, for the preview and the approval (plan.ts) and for the export (changedSince): the addenda
 * among these candidates that go with these notes.
 */
export function addendaWith(noteIds: ReadonlySet<string>, candidates: readonly Candidate[]): Candidate[] {
  return candidates.filter((c) => c.kind === 'addendum' && c.noteId !== null && noteIds.has(c.noteId));
}

/** Notes and addenda whose stored signed hashes no longer recompute: changed after signing or co-signing. */
export function integrityFailures(r: ChartRecords): string[] {
  const failed = new Set<string>();
  for (const n of r.notes) if (!signedNoteIntact(n)) failed.add(n.id);
  for (const a of r.addenda) if (addendumHash(a) !== a.content_hash) failed.add(a.note_id);
  return [...failed];
}

/** Rows read per step; the event loop gets a turn between steps, so other calls do not wait behind a big chart. */
const CHUNK = 250;
const yieldTurn = () =>
  new Promise<void>((resolve) => {
    setImmediate(resolve);
  });

/** The notes with their author's name and whether the author's account is active (one query). */
async function withAuthors(db: Kysely<DB>, notes: NoteRow[]): Promise<ReleaseNote[]> {
  const authors = await staffLabels(
    db,
    notes.map((n) => n.author_id),
  );
  const layouts = await sectionLabels(db, notes);
  return notes.map((n) => {
    const a = authors.get(n.author_id);
    const layout = layouts.get(n.id) ?? noteLayout(n);
    return { ...n, authorName: a?.display_name ?? '', authorActive: a?.active === 1, layout };
  });
}

async function notesInRange(
  db: Kysely<DB>,
  clientId: string,
  s: Selection,
  kinds: ('progress' | 'psychotherapy')[],
): Promise<ReleaseNote[]> {
  const out: NoteRow[] = [];
  let after: { date: string; seq: number } | null = null;
  for (;;) {
    const rows = await signedNotesPage(db, clientId, { kinds, from: s.from, to: s.to, after, limit: CHUNK });
    out.push(...rows);
    const last = rows.at(-1);
    if (!last || rows.length < CHUNK) return withAuthors(db, out);
    after = { date: last.service_date, seq: last.seq };
    await yieldTurn();
  }
}

async function notesById(db: Kysely<DB>, clientId: string, ids: string[]): Promise<ReleaseNote[]> {
  const out: NoteRow[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    out.push(...(await signedNotesByIds(db, clientId, ids.slice(i, i + CHUNK))));
    await yieldTurn();
  }
  const notes = await withAuthors(db, out);
  return notes.sort((a, b) => a.service_date.localeCompare(b.service_date) || a.seq - b.seq);
}

async function addendaOf(db: Kysely<DB>, clientId: string, noteIds: Set<string>): Promise<ReleaseAddendum[]> {
  if (noteIds.size === 0) return [];
  const rows = (await clientAddenda(db, clientId)).filter((a) => noteIds.has(a.note_id));
  const names = await staffNames(
    db,
    rows.map((a) => a.author_id),
  );
  return rows.map((a) => ({ ...a, authorName: names.get(a.author_id) ?? '' }));
}

async function chartBase(db: Kysely<DB>, clientId: string) {
  const client = await getClient(db, clientId);
  // The request names an existing client (a foreign key): a missing one is a fault, not a user error.
  if (!client) throw new Error('release: the request names no client');
  return { client, episodes: await listEpisodes(db, clientId) };
}

async function intakeOf(db: Kysely<DB>, clientId: string): Promise<IntakeRow | null> {
  return (await getIntake(db, clientId)) ?? null;
}

/** Every record of the kinds and dates a selection names (the rules then decide which leave). */
export async function readForSelection(
  db: Kysely<DB>,
  clientId: string,
  s: Selection,
): Promise<ChartRecords> {
  const types = new Set(s.recordTypes);
  const kinds: ('progress' | 'psychotherapy')[] = [];
  if (types.has('progress_notes')) kinds.push('progress');
  if (types.has('psychotherapy_notes')) kinds.push('psychotherapy');
  const notes = kinds.length === 0 ? [] : await notesInRange(db, clientId, s, kinds);
  const within = (d: string) => d >= s.from && d <= s.to;
  return attachAmendments(db, {
    ...(await chartBase(db, clientId)),
    demographics: types.has('demographics'),
    intake: types.has('intake') ? await intakeOf(db, clientId) : null,
    consents: types.has('consents') ? await listConsents(db, clientId) : [],
    screenings: types.has('screenings')
      ? (await screeningRows(db, clientId)).filter((x) => within(x.administered_on))
      : [],
    notes,
    // Every note read brings its addenda, whatever was ticked: the rules decide (addendaWith).
    addenda: await addendaOf(db, clientId, new Set(notes.map((n) => n.id))),
    diagnoses: types.has('diagnoses') ? await readDiagnoses(db, clientId) : [],
    plans: types.has('treatment_plans') ? await readPlans(db, clientId, { period: s }) : [],
    amendments: [],
  });
}

/** Exactly the records an approval froze, as they are now (export compares their hashes). */
export async function readItems(
  db: Kysely<DB>,
  clientId: string,
  items: readonly ItemRef[],
): Promise<ChartRecords> {
  const ids = (kind: ItemKind) => new Set(items.filter((i) => i.kind === kind).map((i) => i.id));
  const noteIds = ids('note');
  const consentIds = ids('consent');
  const screeningIds = ids('screening');
  const diagnosisIds = ids('diagnosis');
  const planIds = ids('treatment_plan');
  const wantsIntake = items.some((i) => i.kind === 'intake' || i.kind === 'substance_use');
  const notes = await notesById(db, clientId, [...noteIds]);
  return attachAmendments(db, {
    ...(await chartBase(db, clientId)),
    demographics: items.some((i) => i.kind === 'demographics'),
    intake: wantsIntake ? await intakeOf(db, clientId) : null,
    consents:
      consentIds.size === 0 ? [] : (await listConsents(db, clientId)).filter((c) => consentIds.has(c.id)),
    screenings:
      screeningIds.size === 0
        ? []
        : (await screeningRows(db, clientId)).filter((x) => screeningIds.has(x.id)),
    notes,
    // Every addendum of the approved notes as the chart holds it now, approved or signed since:
    // changedSince finds one the approval did not freeze.
    addenda: await addendaOf(db, clientId, noteIds),
    // As they stand now: a diagnosis changed or a plan revised since approval no longer hashes the same.
    diagnoses: diagnosisIds.size === 0 ? [] : await readDiagnoses(db, clientId, diagnosisIds),
    plans: planIds.size === 0 ? [] : await readPlans(db, clientId, { ids: planIds }),
    amendments: [],
  });
}

const keyOf = (i: { kind: string; id: string }): string => `${i.kind}:${i.id}`;

/**
 * The frozen items that are missing now or whose content differs from what was approved, and the
 * addenda signed since to an approved note: the note may not leave without them (addendaWith).
 */
export function changedSince(approved: readonly ItemRef[], now: readonly Candidate[]): ItemRef[] {
  const current = new Map(now.map((c) => [keyOf(c), c.hash]));
  const changed = approved.filter((i) => current.get(keyOf(i)) !== i.hash);
  const frozen = new Set(approved.map(keyOf));
  const notes = new Set(approved.filter((i) => i.kind === 'note').map((i) => i.id));
  const added = addendaWith(notes, now).filter((a) => !frozen.has(keyOf(a)));
  return [...changed, ...added.map(({ kind, id, hash }) => ({ kind, id, hash }))];
}

/** The chart's first day on record (its earliest dated record, or the day it was opened). */
export async function firstRecordOn(db: Kysely<DB>, clientId: string): Promise<string> {
  const { client } = await chartBase(db, clientId);
  const [note] = await signedNotesPage(db, clientId, {
    kinds: ['progress', 'psychotherapy'],
    from: '0000-01-01',
    to: '9999-12-31',
    after: null,
    limit: 1,
  });
  const intake = await intakeOf(db, clientId);
  const dates = [
    dayOf(client.created_at),
    ...(note ? [note.service_date] : []),
    ...(intake ? [dayOf(intake.completed_at ?? intake.updated_at)] : []),
    ...(await screeningRows(db, clientId)).map((x) => x.administered_on),
    ...(await listConsents(db, clientId)).map((c) => c.given_on),
  ];
  return dates.reduce((a, b) => (b < a ? b : a));
}

/** What a document and a FHIR bundle are made from: exactly the records that leave. */
export interface ReleaseRecords {
  client: ClientRow;
  /** "Identification and contact" leaves. */
  demographics: boolean;
  /** The intake (all but its substance-use section), when it leaves. */
  intake: IntakeRow | null;
  /** The intake's substance-use section, when it leaves (Part 2 per record). */
  substanceUse: { text: string; part2: boolean } | null;
  consents: ConsentWithSignatures[];
  screenings: ScreeningRow[];
  notes: (ReleaseNote & { addenda: { id: string; author: string; signedAt: string; text: string }[] })[];
  diagnoses: ReleaseDiagnosis[];
  plans: TreatmentPlan[];
  /** The amendment material that goes with these records (164.526(c)(3), (d)(4)-(5)). */
  amendments: ReleaseAmendment[];
}

export function releaseRecords(r: ChartRecords, items: readonly ItemRef[]): ReleaseRecords {
  const has = new Set(items.map((i) => `${i.kind}:${i.id}`));
  const clientId = r.client.id;
  const addenda = new Map<string, { id: string; author: string; signedAt: string; text: string }[]>();
  for (const a of r.addenda) {
    if (!has.has(`addendum:${a.id}`)) continue;
    const list = addenda.get(a.note_id) ?? [];
    list.push({ id: a.id, author: a.authorName, signedAt: a.signed_at, text: a.text });
    addenda.set(a.note_id, list);
  }
  const intake = r.intake;
  return {
    client: r.client,
    demographics: has.has(`demographics:${clientId}`),
    intake: intake && has.has(`intake:${clientId}`) ? intake : null,
    substanceUse:
      intake?.substance_use && has.has(`substance_use:${clientId}`)
        ? { text: intake.substance_use, part2: intake.substance_use_part2 === 1 }
        : null,
    consents: r.consents.filter((c) => has.has(`consent:${c.id}`)),
    screenings: r.screenings.filter((s) => has.has(`screening:${s.id}`)),
    notes: r.notes
      .filter((n) => has.has(`note:${n.id}`))
      .map((n) => ({ ...n, addenda: addenda.get(n.id) ?? [] })),
    diagnoses: r.diagnoses.filter((d) => has.has(`diagnosis:${d.diagnosis.id}`)),
    plans: r.plans.filter((p) => has.has(`treatment_plan:${p.id}`)),
    amendments:
      r.amendments.length === 0
        ? []
        : releaseAmendments(
            r.amendments,
            candidatesOf(r).filter((c) => has.has(`${c.kind}:${c.id}`)),
          ),
  };
}
