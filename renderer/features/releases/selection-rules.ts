// The review's starting point and what it cannot offer, mirrored from main's rules for a friendly
// form (main decides): a third party's selection starts from what its valid authorizations cover,
// within their period; psychotherapy notes need their own authorization and never go with a
// client's own copy, a subpoena or a disclosure without authorization.
import {
  RECORD_TYPE_LABELS,
  todayIso,
  type RecordType,
  type ReleaseRecord,
  type Selection,
} from '../../../preload/contract.ts';
import { addDays } from '../../lib/calendar-date.ts';

const USUAL: RecordType[] = ['progress_notes', 'screenings'];
const ALL = Object.keys(RECORD_TYPE_LABELS) as RecordType[];

const valid = (record: ReleaseRecord) => record.authorizations.filter((a) => a.state === 'valid');

export function initialSelection(record: ReleaseRecord): Selection {
  if (record.selection) {
    // Back for review: what was approved, less what can no longer go (a revoked authorization's kinds).
    const unavailable = unavailableTypes(record);
    const kept = record.selection.recordTypes.filter((t) => unavailable[t] === undefined);
    if (kept.length > 0) return { ...record.selection, recordTypes: kept };
  }
  const fallback = { from: addDays(record.summary.receivedOn, -365), to: todayIso() };
  if (record.summary.kind !== 'third_party' || record.selection)
    return { recordTypes: USUAL, ...fallback, includePart2: false };
  const auths = valid(record).filter((a) => a.type !== 'part2');
  const types = [...new Set(auths.flatMap((a) => a.recordTypes))];
  const froms = auths.map((a) => a.recordsFrom).filter((d): d is string => d !== null);
  const tos = auths.map((a) => a.recordsTo).filter((d): d is string => d !== null);
  const from = froms.length > 0 ? (froms.sort().at(-1) ?? fallback.from) : fallback.from;
  const to = tos.length > 0 ? (tos.sort()[0] ?? fallback.to) : fallback.to;
  return {
    recordTypes: types.length > 0 ? types : USUAL,
    from,
    to: to < from ? fallback.to : to,
    includePart2: false,
  };
}

/** Kinds of record this request cannot release, with the reason in words. */
export function unavailableTypes(record: ReleaseRecord): Partial<Record<RecordType, string>> {
  const d = record.details;
  const out: Partial<Record<RecordType, string>> = {};
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
        if (t !== 'psychotherapy_notes' && !covered.has(t))
          out[t] = 'Not covered by an authorization on file.';
      break;
    }
  }
  return out;
}
