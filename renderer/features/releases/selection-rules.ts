// The review's starting point and what it cannot offer. Main decides where the review starts (the
// kinds of record and dates the request's authority covers: record.reviewDefaults); the rest is
// mirrored from main's rules for a friendly form (main decides): psychotherapy notes need their
// own authorization and never go with a client's own copy, a subpoena or a disclosure without
// authorization; addenda go with their notes.
import {
  RECORD_TYPE_LABELS,
  todayIso,
  type RecordType,
  type ReleaseRecord,
  type Selection,
} from '../../../preload/contract.ts';

const ALL = Object.keys(RECORD_TYPE_LABELS) as RecordType[];

const valid = (record: ReleaseRecord) => record.authorizations.filter((a) => a.state === 'valid');

export const ADDENDA_TRAVEL = 'Always go with their notes: an addendum is part of the note it corrects.';

export function initialSelection(record: ReleaseRecord): Selection {
  const d = record.reviewDefaults;
  if (d) return { recordTypes: d.recordTypes, from: d.from, to: d.to, includePart2: d.includePart2 };
  return { recordTypes: [], from: record.summary.receivedOn, to: todayIso(), includePart2: false };
}

/** Kinds of record this request cannot release, with the reason in words. */
export function unavailableTypes(record: ReleaseRecord): Partial<Record<RecordType, string>> {
  const d = record.details;
  const out: Partial<Record<RecordType, string>> = { addenda: ADDENDA_TRAVEL };
  const has = (type: 'hipaa' | 'psychotherapy_notes') => valid(record).filter((a) => a.type === type);
  switch (d.kind) {
    case 'access':
      out.psychotherapy_notes = 'Never part of a client’s own request (45 CFR 164.524(a)(1)(i)).';
      break;
    case 'emergency':
      out.psychotherapy_notes = 'Never part of a disclosure without authorization.';
      break;
    case 'legal_order':
      if (d.orderType === 'subpoena') out.psychotherapy_notes = 'Never under a subpoena.';
      else if (has('psychotherapy_notes').length === 0)
        out.psychotherapy_notes =
          'Needs the client’s psychotherapy-notes authorization, even under an order.';
      break;
    case 'third_party': {
      if (has('psychotherapy_notes').length === 0)
        out.psychotherapy_notes = 'Needs a valid psychotherapy-notes authorization on this request.';
      const covered = new Set(has('hipaa').flatMap((a) => a.recordTypes));
      for (const t of ALL)
        if (t !== 'psychotherapy_notes' && t !== 'addenda' && !covered.has(t))
          out[t] = 'Not covered by an authorization on file.';
      break;
    }
  }
  return out;
}
