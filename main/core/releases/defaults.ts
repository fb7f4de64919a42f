// Where a review starts (minimum necessary, 45 CFR 164.502(b)): the kinds of record and the dates
// the request's authority covers, never more. A client's own copy reaches the whole record but
// psychotherapy notes (164.524(a)(1)(i)); a third party's, what its valid authorizations describe,
// within every period they name (the same rules selectionProblems applies to what is approved); an
// order or an emergency starts with nothing ticked, for the reviewer to choose. A request sent back
// to review starts from what was approved before, less what can no longer go.
import {
  RECORD_TYPE_LABELS,
  RecordType,
  type ReleaseDetails,
  type ReviewDefaults,
  type Selection,
  withAddenda,
} from '../../../preload/contract/releases.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { firstRecordOn } from './records.ts';
import {
  describeAuthorization,
  requestBasis,
  usableAuthorizations,
  type AuthorizationView,
  type RequestBasis,
} from './rules.ts';
import { usDate } from '../../../preload/contract/us-date.ts';

export interface DefaultsContext {
  details: ReleaseDetails;
  /** Every authorization and Part 2 consent on the request, whatever its state. */
  authorizations: readonly AuthorizationView[];
  /** What was approved before the request came back to review, if it did. */
  previous: Selection | null;
  today: string;
  /** The chart's first day on record (records.ts, firstRecordOn). */
  firstRecordOn: string;
}

const ALL = RecordType.options;
const NOT_PSYCHOTHERAPY = ALL.filter((t) => t !== 'psychotherapy_notes');

const latest = (dates: readonly string[], floor: string): string =>
  dates.reduce((a, b) => (b > a ? b : a), floor);
const earliest = (dates: readonly string[], ceiling: string): string =>
  dates.reduce((a, b) => (b < a ? b : a), ceiling);

/** Whether Part 2 records may go on this basis at all (the rest of the rule is in selectionProblems). */
function part2Allowed(basis: RequestBasis, details: ReleaseDetails, consent: boolean): boolean {
  switch (basis) {
    case 'access':
    case 'medical_emergency':
      return true;
    case 'directed_copy':
    case 'authorization':
      return consent;
    case 'court_order':
      return details.kind === 'legal_order' && details.meetsPart2Order;
    case 'subpoena':
    case 'duty_to_warn':
    case 'mandated_report':
      return false;
  }
}

const list = (types: readonly RecordType[]): string =>
  types.map((t) => RECORD_TYPE_LABELS[t].toLowerCase()).join(', ');

/** What the request's authority covers, as the selection it starts from. */
function fresh(c: DefaultsContext): ReviewDefaults & { allowed: readonly RecordType[] } {
  const basis = requestBasis(c.details);
  const usable = usableAuthorizations(c.authorizations, c.details, c.today);
  const ofType = (t: AuthorizationView['type']) => usable.filter((a) => a.type === t);
  const consent = ofType('part2').length > 0;
  const whole = { from: earliest([c.firstRecordOn], c.today), to: c.today };
  switch (basis) {
    case 'access':
    case 'directed_copy':
      return {
        recordTypes: withAddenda(NOT_PSYCHOTHERAPY),
        ...whole,
        includePart2: part2Allowed(basis, c.details, consent),
        allowed: NOT_PSYCHOTHERAPY,
        source:
          'A client’s copy reaches their whole record except psychotherapy notes (45 CFR 164.524(a)(1)): every kind of record, from the first on file to today.',
      };
    case 'authorization': {
      const hipaa = ofType('hipaa');
      const pn = ofType('psychotherapy_notes');
      const covered = new Set<RecordType>(hipaa.flatMap((a) => a.fields.recordTypes));
      covered.delete('psychotherapy_notes');
      if (pn.length > 0) covered.add('psychotherapy_notes');
      const types = withAddenda(ALL.filter((t) => covered.has(t)));
      // 164.508(c)(1)(i): within the period of every authorization relied on (selectionProblems).
      const relied = [...hipaa, ...(types.includes('psychotherapy_notes') ? pn : [])];
      const from = latest(
        relied.flatMap((a) => (a.fields.recordsFrom ? [a.fields.recordsFrom] : [])),
        whole.from,
      );
      const to = earliest(
        relied.flatMap((a) => (a.fields.recordsTo ? [a.fields.recordsTo] : [])),
        whole.to,
      );
      const includePart2 = consent;
      if (types.length === 0)
        return {
          recordTypes: [],
          ...whole,
          includePart2,
          allowed: [],
          source: 'No valid authorization on this request covers any kind of record.',
        };
      if (from > to)
        return {
          recordTypes: [],
          from: to,
          to,
          includePart2,
          allowed: types,
          source:
            'The authorizations on file describe periods that do not overlap: choose the records and the dates.',
        };
      return {
        recordTypes: types,
        from,
        to,
        includePart2,
        allowed: types,
        source: `What ${relied.map(describeAuthorization).join(' and ')} cover${relied.length === 1 ? 's' : ''}: ${list(types)}, from ${usDate(from)} to ${usDate(to)}.`,
      };
    }
    case 'court_order':
    case 'subpoena':
      return {
        recordTypes: [],
        ...whole,
        includePart2: false,
        allowed: ALL,
        source: 'An order reaches exactly what it names (45 CFR 164.512(e)): choose those records and dates.',
      };
    case 'duty_to_warn':
    case 'mandated_report':
    case 'medical_emergency':
      return {
        recordTypes: [],
        ...whole,
        includePart2: false,
        allowed: NOT_PSYCHOTHERAPY,
        source: 'Only what the recipient needs (45 CFR 164.512): choose those records and dates.',
      };
  }
}

export function reviewDefaults(c: DefaultsContext): ReviewDefaults {
  const { allowed, ...start } = fresh(c);
  if (!c.previous) return start;
  // Back for review: what was approved, less the kinds and dates that can no longer go.
  const kept = withAddenda(c.previous.recordTypes.filter((t) => allowed.includes(t)));
  const from = c.previous.from < start.from && start.recordTypes.length > 0 ? start.from : c.previous.from;
  const to = c.previous.to > start.to && start.recordTypes.length > 0 ? start.to : c.previous.to;
  if (kept.length === 0 || from > to) return start;
  const basis = requestBasis(c.details);
  const consent = usableAuthorizations(c.authorizations, c.details, c.today).some((a) => a.type === 'part2');
  return {
    recordTypes: kept,
    from,
    to,
    includePart2: c.previous.includePart2 && part2Allowed(basis, c.details, consent),
    source: 'What was approved before the request came back, less what can no longer go.',
  };
}

/** Where the review of this client's request starts, from the chart's first day on record. */
export async function defaultsFor(
  db: Kysely<DB>,
  clientId: string,
  c: Omit<DefaultsContext, 'firstRecordOn'>,
): Promise<ReviewDefaults> {
  return reviewDefaults({ ...c, firstRecordOn: await firstRecordOn(db, clientId) });
}
