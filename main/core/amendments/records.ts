// The chart's records a client may ask to amend, as the signed-in person may see them, with each
// record's author (who may decide, 164.526 and issue 19). Only the designated record set is offered
// (45 CFR 164.501): a psychotherapy note is not part of it, so it is never named here; a request
// about one is a request about information outside the set (see service.ts).
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { AmendableRecord, AmendedItemKind } from '../../../preload/contract/amendments.ts';
import { INSTRUMENTS } from '../../../preload/contract/screening.ts';
import { usDate } from '../../../preload/contract/us-date.ts';
import { mayReadNote, type ChartAccess } from '../access/index.ts';
import { getIntake, listConsents, screeningRows } from '../clients/index.ts';
import { clientAddenda, signedNotesPage } from '../notes/index.ts';
import type { Session } from '../sessions/index.ts';
import { staffLabels } from '../staff/index.ts';

export interface ChartRecord extends AmendableRecord {
  /** Who wrote it (null: demographics, written by many). */
  authorId: string | null;
}

const CONSENT_WORDS: Record<string, string> = {
  treatment: 'Consent to treatment',
  privacy_notice: 'Acknowledgment of the privacy notice',
  telehealth: 'Consent to telehealth',
  communications: 'Consent to communications',
};

const key = (kind: AmendedItemKind, id: string) => `${kind}\u0000${id}`;

/** Every signed note of the client, service date order (paged through the notes door). */
async function allSignedNotes(db: Kysely<DB>, clientId: string) {
  const out = [];
  let after: { date: string; seq: number } | null = null;
  for (;;) {
    const page = await signedNotesPage(db, clientId, {
      kinds: ['progress'],
      from: '0000-01-01',
      to: '9999-12-31',
      after,
      limit: 500,
    });
    out.push(...page);
    const last = page.at(-1);
    if (!last || page.length < 500) return out;
    after = { date: last.service_date, seq: last.seq };
  }
}

/**
 * The records of the designated record set on this chart that this person may name: everyone the
 * identification and the sessions (front desk sees that a session took place, never its content);
 * the clinical team the intake, consents, screenings, notes they may read and their addenda.
 */
export async function chartRecords(
  db: Kysely<DB>,
  session: Session,
  access: ChartAccess,
): Promise<ChartRecord[]> {
  const clientId = access.client.id;
  const out: ChartRecord[] = [
    {
      itemKind: 'demographics',
      recordId: clientId,
      label: 'Identification and contact information',
      date: null,
      authorId: null,
    },
  ];
  if (access.clinical) {
    const intake = await getIntake(db, clientId);
    if (intake) {
      const author = intake.completed_by ?? intake.updated_by;
      const date = (intake.completed_at ?? intake.updated_at).slice(0, 10);
      out.push({
        itemKind: 'intake',
        recordId: clientId,
        label: 'Intake assessment',
        date,
        authorId: author,
      });
      if (intake.substance_use && (intake.substance_use_part2 !== 1 || access.part2))
        out.push({
          itemKind: 'substance_use',
          recordId: clientId,
          label: 'Intake: substance use',
          date,
          authorId: author,
        });
    }
    for (const c of await listConsents(db, clientId))
      out.push({
        itemKind: 'consent',
        recordId: c.id,
        label: `${CONSENT_WORDS[c.kind] ?? 'Consent'} of ${usDate(c.given_on)}`,
        date: c.given_on,
        authorId: c.recorded_by,
      });
    for (const s of await screeningRows(db, clientId))
      out.push({
        itemKind: 'screening',
        recordId: s.id,
        label: `${INSTRUMENTS[s.instrument].name} of ${usDate(s.administered_on)}`,
        date: s.administered_on,
        authorId: s.administered_by,
      });
  }
  const notes = await allSignedNotes(db, clientId);
  const addenda = access.clinical ? await clientAddenda(db, clientId) : [];
  const people = await staffLabels(db, [
    ...notes.map((n) => n.author_id),
    ...addenda.map((a) => a.author_id),
  ]);
  const readable = new Set<string>();
  for (const n of notes) {
    const author = people.get(n.author_id);
    // Front desk: that a session took place is theirs to see; the clinical team: the notes they may read.
    if (access.clinical && !mayReadNote(session, n, access, author?.active === 1)) continue;
    readable.add(n.id);
    out.push({
      itemKind: 'note',
      recordId: n.id,
      label: `${access.clinical ? 'Progress note' : 'Session note'} of ${usDate(n.service_date)} (${author?.display_name ?? 'unknown author'})`,
      date: n.service_date,
      authorId: n.author_id,
    });
  }
  const noteDates = new Map(notes.map((n) => [n.id, n.service_date]));
  for (const a of addenda) {
    if (!readable.has(a.note_id)) continue;
    out.push({
      itemKind: 'addendum',
      recordId: a.id,
      label: `Addendum of ${usDate(a.signed_at.slice(0, 10))} to the progress note of ${usDate(noteDates.get(a.note_id) ?? '')}`,
      date: a.signed_at.slice(0, 10),
      authorId: a.author_id,
    });
  }
  return out;
}

/** The named records, each found among those this person may name; undefined for one that is not. */
export function resolveNamed(
  records: readonly ChartRecord[],
  named: readonly { itemKind: AmendedItemKind; recordId: string }[],
): (ChartRecord | undefined)[] {
  const byKey = new Map(records.map((r) => [key(r.itemKind, r.recordId), r]));
  return named.map((n) => byKey.get(key(n.itemKind, n.recordId)));
}
