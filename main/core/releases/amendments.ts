// The amendment material that travels with a release (45 CFR 164.526(c)(3), (d)(4)-(5)). Which
// material goes is decided by one rule, amendmentsForRelease in the amendments room; every path
// here asks it with the records it reads (records.ts): the preview and the approval in main, the
// export's check in main and the composition in the export worker, over its own connection.
// The material is frozen with the records it concerns: a record's approved hash covers its content
// and the material that goes with it, so an amendment decided (or a statement of disagreement or a
// rebuttal filed, or the client asking that a denial go along) after approval sends the request
// back to review, as a changed record does.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { AmendedItemKind } from '../../../preload/contract/amendments.ts';
import { amendmentsForRelease, type AmendmentAttachment } from '../amendments/index.ts';
import { canonicalJson, sha256Hex } from '../canonical-json.ts';
import { candidatesOf, type Candidate, type ChartRecords, type ItemRef } from './records.ts';

export type { AmendmentAttachment };

/** An attachment as a release carries it: with the released records it concerns, in words. */
export interface ReleaseAmendment extends AmendmentAttachment {
  about: {
    kind: ItemRef['kind'];
    id: string;
    label: string;
    part2: boolean;
    /** An addendum's note (the FHIR bundle links the note's document). */
    noteId: string | null;
  }[];
}

/** The chart's rows with the material the rule attaches to any of their records. */
export async function attachAmendments(db: Kysely<DB>, chart: ChartRecords): Promise<ChartRecords> {
  // A request to amend names the kinds of record the amendments room knows (diagnoses and plans
  // are corrected by a new version, not by an amendment request).
  const records = candidatesOf({ ...chart, amendments: [] }).flatMap((c) => {
    const itemKind = AmendedItemKind.safeParse(c.kind).data;
    return itemKind ? [{ itemKind, recordId: c.id }] : [];
  });
  return { ...chart, amendments: await amendmentsForRelease(db, chart.client.id, records) };
}

const keyOf = (kind: string, id: string): string => `${kind}:${id}`;

/**
 * What of an attachment is frozen with a record. Not the records it concerns (that list is narrowed
 * to the records asked about, which differ between preview and export) and not the display name of
 * who decided (a renamed account changes no record, as with a note's author).
 */
const attachmentDigest = (a: AmendmentAttachment): string =>
  sha256Hex(
    canonicalJson({
      v: 1,
      requestId: a.requestId,
      receivedOn: a.receivedOn,
      requestText: a.requestText,
      outcome: a.outcome,
      decidedOn: a.decidedOn,
      amendmentText: a.amendmentText,
      denialBasis: a.denialBasis,
      statement: a.statement,
      rebuttal: a.rebuttal,
    }),
  );

const MARK = '+amendments:';

/**
 * Each candidate's hash, extended with the material that goes with it: unchanged for a record
 * without any (so approvals made before amendments existed still hold), `<content>+amendments:<digest>`
 * for one with some.
 */
export function withAmendmentHashes(candidates: Candidate[], attachments: readonly AmendmentAttachment[]) {
  if (attachments.length === 0) return candidates;
  const digests = new Map<string, string[]>();
  for (const a of [...attachments].sort((x, y) => x.requestId.localeCompare(y.requestId))) {
    const d = attachmentDigest(a);
    for (const r of a.concerns) {
      const list = digests.get(keyOf(r.itemKind, r.recordId)) ?? [];
      list.push(d);
      digests.set(keyOf(r.itemKind, r.recordId), list);
    }
  }
  return candidates.map((c) => {
    const list = digests.get(keyOf(c.kind, c.id));
    return list ? { ...c, hash: `${c.hash}${MARK}${sha256Hex(list.join(','))}` } : c;
  });
}

/** A frozen or current hash split into the record's own content and its amendment material. */
function split(hash: string): { content: string; amendments: string } {
  const at = hash.indexOf(MARK);
  return at < 0
    ? { content: hash, amendments: '' }
    : { content: hash.slice(0, at), amendments: hash.slice(at + MARK.length) };
}

/**
 * Of the changed items (changedSince), those whose content is as approved but whose amendment
 * material is not: an amendment decided, a statement of disagreement or a rebuttal filed, or the
 * client's asking that a denial go along, since approval.
 */
export function amendedSince(changed: readonly ItemRef[], now: readonly Candidate[]): ItemRef[] {
  const current = new Map(now.map((c) => [keyOf(c.kind, c.id), c.hash]));
  return changed.filter((i) => {
    const hash = current.get(keyOf(i.kind, i.id));
    if (hash === undefined) return false;
    const was = split(i.hash);
    const is = split(hash);
    return was.content === is.content && was.amendments !== is.amendments;
  });
}

/**
 * The attachments that go with exactly these released records, each naming only the released
 * records it concerns (a record left out is not named in the package).
 */
export function releaseAmendments(
  attachments: readonly AmendmentAttachment[],
  released: readonly Candidate[],
): ReleaseAmendment[] {
  const byKey = new Map(released.map((c, at) => [keyOf(c.kind, c.id), { c, at }]));
  const out: ReleaseAmendment[] = [];
  for (const a of attachments) {
    // In the order the records print.
    const about = a.concerns
      .flatMap((r) => {
        const found = byKey.get(keyOf(r.itemKind, r.recordId));
        return found ? [found] : [];
      })
      .sort((x, y) => x.at - y.at)
      .map(({ c }) => ({ kind: c.kind, id: c.id, label: c.label, part2: c.part2, noteId: c.noteId }));
    if (about.length > 0) out.push({ ...a, about });
  }
  return out.sort(
    (x, y) => x.receivedOn.localeCompare(y.receivedOn) || x.requestId.localeCompare(y.requestId),
  );
}
