// The rules of an agreed restriction (45 CFR 164.522(a)), as pure functions: which releases it
// binds (recipient and purpose), which records it covers (kinds, dates of service, notes), what a
// termination leaves of it, and the exceptions it never blocks (emergency treatment, 164.512).
import type { ReleaseDetails } from '../../../preload/contract/releases.ts';
import {
  RECORD_TYPE_LABELS,
  type PurposeCategory,
  type RecordType,
} from '../../../preload/contract/releases.ts';
import {
  RESTRICTED_PURPOSE_LABELS,
  type RestrictedPurpose,
  type RestrictionRecipient,
  type RestrictionScope,
  type TerminationHow,
} from '../../../preload/contract/restrictions.ts';
import { usDate } from '../../../preload/contract/us-date.ts';

/** A stored restriction as the rules read it. */
export interface RestrictionView {
  id: string;
  receivedOn: string;
  selfPay: boolean;
  scope: RestrictionScope;
  recipient: RestrictionRecipient;
  purposes: RestrictedPurpose[];
  status: 'requested' | 'agreed' | 'declined' | 'terminated';
  decidedOn: string | null;
  terminatedOn: string | null;
  terminatedHow: TerminationHow | null;
}

/** What the rules need of a record a release may carry (a release candidate). */
export interface RestrictableRecord {
  kind: string;
  id: string;
  recordType: RecordType;
  /** Its day of service; null for records that are not dated (identification and contact). */
  date: string | null;
  /** An addendum's note: it is covered exactly when its note is. */
  noteId: string | null;
  /** In words, for the reviewer ("Progress note of 2026-01-12"). */
  label: string;
}

/** What the restrictions do to one release: records withheld, and restrictions set aside by law. */
export interface RestrictionCheck {
  /** `kind:id` of each record withheld, with the group it is counted in and the reason. */
  withheld: ReadonlyMap<string, { group: string; reason: string }>;
  /** Restrictions this release is not bound by (emergency treatment, 164.512), with the records they cover. */
  overridden: { restrictionId: string; keys: ReadonlySet<string>; note: string }[];
}

export const NO_RESTRICTIONS: RestrictionCheck = { withheld: new Map(), overridden: [] };

/** Names compared as people write them: case, accents, punctuation and spacing do not matter. */
const plainName = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * Why a release is not bound by restrictions at all (null: it is). 164.522(a)(1)(iii)-(v): an
 * agreed restriction does not stop emergency treatment, nor a disclosure under 164.512 (required by
 * law, judicial proceedings, abuse reports, a serious threat).
 */
export function exception(d: ReleaseDetails): string | null {
  switch (d.kind) {
    case 'access':
    case 'third_party':
      return null;
    case 'legal_order':
      return d.orderType === 'court_order'
        ? 'a court order (45 CFR 164.512(e)), which a restriction does not prevent (164.522(a)(1)(v))'
        : 'a subpoena in a judicial proceeding (45 CFR 164.512(e)), which a restriction does not prevent (164.522(a)(1)(v))';
    case 'emergency':
      switch (d.situation) {
        case 'medical_emergency':
          return 'emergency treatment by the provider named here (45 CFR 164.522(a)(1)(iii)); the practice asks that provider not to use or disclose it further';
        case 'duty_to_warn':
          return 'a disclosure to avert a serious and imminent threat (45 CFR 164.512(j)), which a restriction does not prevent (164.522(a)(1)(v))';
        case 'mandated_report':
          return 'a report required by law (45 CFR 164.512(a)-(c)), which a restriction does not prevent (164.522(a)(1)(v))';
      }
  }
}

interface Party {
  recipient: string;
  healthPlan: boolean | undefined;
  purpose: PurposeCategory | undefined;
}

/** The release's recipient and purpose as a restriction reads them; null: the client's own copy. */
function partyOf(d: ReleaseDetails): Party | null {
  switch (d.kind) {
    // 164.524: the client's access, and a copy the client directs to someone, are the client's own
    // right; a restriction limits what the practice discloses on its own account.
    case 'access':
      return null;
    case 'third_party':
      return { recipient: d.recipient.name, healthPlan: d.recipientIsHealthPlan, purpose: d.purposeCategory };
    case 'legal_order':
    case 'emergency':
      return { recipient: d.recipient.name, healthPlan: false, purpose: undefined };
  }
}

/**
 * Whether the restriction binds a release to this party, and what the request leaves unsaid (its
 * recipient or purpose category, on requests taken before issue 19): unknown counts as bound.
 */
function binds(r: RestrictionView, p: Party): { bound: boolean; unknown: string[] } {
  const unknown: string[] = [];
  let recipient: boolean;
  switch (r.recipient.kind) {
    case 'anyone':
      recipient = true;
      break;
    case 'named':
      recipient = plainName(r.recipient.name) === plainName(p.recipient);
      break;
    case 'health_plan': {
      const named = r.recipient.name !== undefined && plainName(r.recipient.name) === plainName(p.recipient);
      if (!named && p.healthPlan === undefined) unknown.push('whether the recipient is a health plan');
      recipient = named || p.healthPlan !== false;
      break;
    }
  }
  if (!recipient) return { bound: false, unknown: [] };
  if (r.purposes.length === 0) return { bound: true, unknown };
  if (p.purpose === undefined) {
    unknown.push('what the records are for');
    return { bound: true, unknown };
  }
  return { bound: p.purpose !== 'other' && r.purposes.includes(p.purpose), unknown };
}

/**
 * Whether the restriction still covers a record of this day. 164.522(a)(2)(iii): the practice's
 * termination reaches only information created after it (never a self-pay restriction, refused
 * when recorded); the client's ends it for everything.
 */
function inForce(r: RestrictionView, date: string | null): boolean {
  if (r.status === 'agreed') return true;
  if (r.status !== 'terminated' || r.terminatedHow !== 'practice_notice' || !r.terminatedOn) return false;
  return date === null || date < r.terminatedOn;
}

function covers(scope: RestrictionScope, rec: RestrictableRecord): boolean {
  if (scope.noteIds.length > 0 && !(rec.kind === 'note' && scope.noteIds.includes(rec.id))) return false;
  if (scope.recordTypes.length > 0 && !scope.recordTypes.includes(rec.recordType)) return false;
  if (scope.from || scope.to) {
    if (rec.date === null) return false;
    if (scope.from && rec.date < scope.from) return false;
    if (scope.to && rec.date > scope.to) return false;
  }
  return true;
}

const purposesWords = (ps: readonly RestrictedPurpose[]): string =>
  ps.length === 0
    ? 'for any purpose'
    : `for ${ps.map((x) => RESTRICTED_PURPOSE_LABELS[x]).join(ps.length === 2 ? ' or ' : ', ')}`;

export function recipientWords(r: RestrictionRecipient): string {
  switch (r.kind) {
    case 'anyone':
      return 'anyone';
    case 'health_plan':
      return r.name ? `the health plan ${r.name}` : 'a health plan';
    case 'named':
      return r.name;
  }
}

/** "Progress notes from Jan 5, 2026 to Feb 2, 2026" / "2 named notes" / "All records". */
export function scopeWords(s: RestrictionScope): string {
  const what =
    s.noteIds.length > 0
      ? `${String(s.noteIds.length)} named note${s.noteIds.length === 1 ? '' : 's'}`
      : s.recordTypes.length > 0
        ? s.recordTypes.map((t) => RECORD_TYPE_LABELS[t]).join(', ')
        : 'All records';
  const when =
    s.from && s.to
      ? ` from ${usDate(s.from)} to ${usDate(s.to)}`
      : s.from
        ? ` from ${usDate(s.from)}`
        : s.to
          ? ` up to ${usDate(s.to)}`
          : '';
  return `${what}${when}`;
}

/** The restriction in one sentence: what, to whom, for what. */
export function restrictionWords(
  r: Pick<RestrictionView, 'scope' | 'recipient' | 'purposes' | 'selfPay'>,
): string {
  const paid = r.selfPay ? ' (care paid in full out of pocket)' : '';
  return `${scopeWords(r.scope)}${paid}: not to ${recipientWords(r.recipient)} ${purposesWords(r.purposes)}`;
}

/** Which records, in words with US dates; addenda go with their notes and are not named. */
function leftOut(records: readonly RestrictableRecord[]): string {
  const named = records
    .filter((r) => r.kind !== 'addendum')
    .map((r) => r.label.replace(/\d{4}-\d{2}-\d{2}/g, (day) => usDate(day)));
  const more = named.length - 6;
  return more > 0 ? `${named.slice(0, 6).join('; ')}; and ${String(more)} more` : named.join('; ');
}

/**
 * The one rule (164.522(a)): which of these records an agreed restriction keeps from this release,
 * and which restrictions the release is not bound by. Release preview, approval and export all
 * reach it through restrictedRecords (index.ts).
 */
export function restrictionCheck(
  restrictions: readonly RestrictionView[],
  d: ReleaseDetails,
  records: readonly RestrictableRecord[],
): RestrictionCheck {
  const party = partyOf(d);
  if (!party) return NO_RESTRICTIONS;
  const why = exception(d);
  const notes = new Map(records.filter((r) => r.kind === 'note').map((r) => [r.id, r]));
  // An addendum is part of its note: covered exactly when its note is.
  const asNote = (rec: RestrictableRecord) => (rec.noteId !== null ? (notes.get(rec.noteId) ?? rec) : rec);
  const withheld = new Map<string, { group: string; reason: string }>();
  const overridden: RestrictionCheck['overridden'] = [];
  for (const r of restrictions) {
    const { bound, unknown } = binds(r, party);
    if (!bound) continue;
    const keys = new Set(
      records
        .filter((rec) => {
          const subject = asNote(rec);
          return inForce(r, subject.date) && covers(r.scope, subject);
        })
        .map((rec) => `${rec.kind}:${rec.id}`),
    );
    if (keys.size === 0) continue;
    const agreed = usDate(r.decidedOn ?? r.receivedOn);
    if (why) {
      overridden.push({
        restrictionId: r.id,
        keys,
        note: `The restriction agreed on ${agreed} (${restrictionWords(r)}) does not stop this release: it is ${why}. This is recorded in the audit log.`,
      });
      continue;
    }
    const cite = r.selfPay ? '45 CFR 164.522(a)(1)(vi)' : '45 CFR 164.522(a)(1)(ii)';
    const unsaid =
      unknown.length > 0
        ? ` The request does not say ${unknown.join(' or ')}, so it is treated as covered.`
        : '';
    const mine = records.filter(
      (rec) => keys.has(`${rec.kind}:${rec.id}`) && !withheld.has(`${rec.kind}:${rec.id}`),
    );
    const group = `record under the restriction agreed on ${agreed}|records under the restriction agreed on ${agreed}`;
    const reason = `The practice agreed to the client’s restriction: ${restrictionWords(r)} (${cite}).${unsaid} Left out: ${leftOut(mine)}.`;
    for (const rec of mine) withheld.set(`${rec.kind}:${rec.id}`, { group, reason });
  }
  return { withheld, overridden };
}
