// What leaves, record by record: the one function that decides it for the preview, for the
// approval (which freezes the result) and again at export (against the approver and today's
// authorizations). Every rule is cited where it applies; rules.ts holds the request-level ones.
import type { ReleaseDetails, Selection } from '../../../preload/contract/releases.ts';
import type { Role } from '../../../preload/contract/common.ts';
import { mayReadPsychotherapyNote } from '../access/index.ts';
import type { RestrictionCheck } from '../restrictions/index.ts';
import { addendaWith, type Candidate } from './records.ts';
import {
  AUTHORIZATION_LABELS,
  authorizationIssues,
  authoritiesNeeded,
  covers,
  describeAuthorization,
  requestBasis,
  selectionProblems,
  usableAuthorizations,
  type AuthorizationView,
} from './rules.ts';

export interface PlanContext {
  details: ReleaseDetails;
  selection: Selection;
  /** Every authorization and Part 2 consent on the request, whatever its state. */
  authorizations: AuthorizationView[];
  today: string;
  /**
   * Who reviews (the preview), approves, or approved (at export). `part2`: whether chartAccess lets
   * them read this client's Part 2 records; absent at export, where only what they approved leaves.
   */
  reader: { userId: string; role: Role; part2?: boolean };
  /** The client's agreed restrictions as they bind this release now (restrictedRecords, 164.522(a)). */
  restrictions: RestrictionCheck;
}

export interface PlannedItem extends Candidate {
  /** The authorizations (ids) it leaves under; empty when the request itself is the basis. */
  authorities: string[];
}

/** Records that will not leave, grouped, with the reason in words. */
export interface Withheld {
  what: string;
  reason: string;
}

export interface Plan {
  included: PlannedItem[];
  withheld: Withheld[];
  /** Why the selection cannot be approved at all. */
  problems: string[];
  /** The authorizations the included records leave under (the package names only these). */
  used: AuthorizationView[];
  /** Restrictions set aside for records that leave (emergency treatment, 164.512): said and audited. */
  overridden: RestrictionCheck['overridden'];
}

export const PSYCHOTHERAPY_RULE =
  'Psychotherapy notes are shown and released only by their author, or by the practice owner as records custodian once the author has left the practice (45 CFR 164.508(a)(2)).';

export const PART2_READER_RULE =
  'Records of the Part 2 program are shown only to the client’s care team (42 CFR 2.12(c)(3)); the practice owner joins the care team to review them.';

type Verdict = { authorities: string[] } | { group: string; reason: string };

/** A noun phrase for a count of records ("2 psychotherapy notes by Dr. B"). */
function counted(group: string, n: number): string {
  const [one, many] = group.split('|') as [string, string | undefined];
  return `${String(n)} ${n === 1 ? one : (many ?? `${one}s`)}`;
}

export function planRelease(candidates: readonly Candidate[], c: PlanContext): Plan {
  const basis = requestBasis(c.details);
  const usable = usableAuthorizations(c.authorizations, c.details, c.today);
  const problems = selectionProblems(c.selection, { details: c.details, usable });
  const types = new Set(c.selection.recordTypes);
  if (types.has('addenda') && !types.has('progress_notes') && !types.has('psychotherapy_notes'))
    problems.push('Addenda go with their notes: choose the notes too.');
  // 164.502(g)(3): a guardian asking for (or directing) the minor's records does not reach the minor's own care.
  const guardianActs = c.details.kind === 'access' && c.details.requesterIsRepresentative;

  const included = new Map<string, PlannedItem>();
  const groups = new Map<string, { group: string; reason: string; n: number }>();
  const withhold = (group: string, reason: string) => {
    const key = `${group}\u0000${reason}`;
    const g = groups.get(key) ?? { group, reason, n: 0 };
    g.n += 1;
    groups.set(key, g);
  };

  const verdict = (r: Candidate): Verdict => {
    if (!types.has(r.recordType)) return { group: 'record', reason: 'Not among the kinds of record chosen.' };
    // 164.522(a)(1)(ii): the practice is bound by a restriction it agreed to.
    const restricted = c.restrictions.withheld.get(`${r.kind}:${r.id}`);
    if (restricted) return restricted;
    if (r.part2 && !c.selection.includePart2) {
      return {
        group: 'record of the Part 2 program|records of the Part 2 program',
        reason: 'Part 2 records (42 CFR Part 2) leave only when “Include Part 2 records” is chosen.',
      };
    }
    if (
      r.psychotherapy &&
      r.author &&
      !mayReadPsychotherapyNote(c.reader, { author_id: r.author.id }, r.author.active)
    ) {
      return {
        group: `psychotherapy note by ${r.author.name}|psychotherapy notes by ${r.author.name}`,
        reason: `${PSYCHOTHERAPY_RULE} Their content is not shown here and they are not released.`,
      };
    }
    if (r.part2 && c.reader.part2 === false) {
      return {
        group: 'record of the Part 2 program|records of the Part 2 program',
        reason: `${PART2_READER_RULE} Their content is not shown here and they are not released.`,
      };
    }
    if (r.confidential && guardianActs) {
      return {
        group: 'record of care the minor consented to alone|records of care the minor consented to alone',
        reason:
          'The minor lawfully controls this care: it is never released to, or at the request of, a parent or guardian (45 CFR 164.502(g)(3)).',
      };
    }
    const authorities = new Set<string>();
    for (const type of authoritiesNeeded(basis, r)) {
      const ofType = c.authorizations.filter((a) => a.type === type);
      const reaching = usable.filter(
        (a) => a.type === type && covers(a, r.recordType, r.date ?? c.selection.from),
      );
      // 164.502(g)(3): the minor's own care reaches a third party only on the minor's own signature.
      const found = reaching.filter((a) => !r.confidential || !a.fields.signerIsRepresentative);
      if (found.length > 0) {
        for (const a of found) authorities.add(a.id);
        continue;
      }
      if (reaching.length > 0) {
        return {
          group: 'record of care the minor consented to alone|records of care the minor consented to alone',
          reason: `The ${AUTHORIZATION_LABELS[type]} was signed by a parent or guardian; care the minor consented to alone reaches a third party only with the minor’s own signature (45 CFR 164.502(g)(3)).`,
        };
      }
      const unusable = ofType.filter(
        (a) => covers(a, r.recordType, r.date ?? c.selection.from) && !usable.includes(a),
      );
      const first = unusable[0];
      if (first) {
        return {
          group: `record covered only by ${describeAuthorization(first)}|records covered only by ${describeAuthorization(first)}`,
          reason: `${capitalize(authorizationIssues(first, c.details, c.today).join('; '))}.`,
        };
      }
      return {
        group: `${r.recordType === 'psychotherapy_notes' ? 'psychotherapy note' : 'record'} outside what the ${AUTHORIZATION_LABELS[type]} describes|${r.recordType === 'psychotherapy_notes' ? 'psychotherapy notes' : 'records'} outside what the ${AUTHORIZATION_LABELS[type]} describes`,
        reason: `No valid ${AUTHORIZATION_LABELS[type]} on this request covers ${r.label.toLowerCase()}.`,
      };
    }
    return { authorities: [...authorities] };
  };

  for (const r of candidates) {
    if (r.kind === 'addendum') continue;
    const v = verdict(r);
    if ('authorities' in v) included.set(`${r.kind}:${r.id}`, { ...r, authorities: v.authorities });
    else withhold(v.group, v.reason);
  }
  // Addenda leave exactly with their notes, under the note's authority (addendaWith): never
  // dropped from a note that leaves, whatever was ticked, and never sent without it.
  const notesLeaving = new Set([...included.values()].filter((i) => i.kind === 'note').map((i) => i.id));
  const leaving = new Set(addendaWith(notesLeaving, candidates).map((a) => a.id));
  for (const r of candidates) {
    if (r.kind !== 'addendum') continue;
    const note = r.noteId === null ? undefined : included.get(`note:${r.noteId}`);
    if (note && leaving.has(r.id)) included.set(`addendum:${r.id}`, { ...r, authorities: note.authorities });
    else withhold('addendum to those notes|addenda to those notes', 'An addendum goes with its note.');
  }
  const items = [...included.values()];
  const usedIds = new Set(items.flatMap((i) => i.authorities));
  return {
    included: items,
    withheld: [...groups.values()].map((g) => ({ what: counted(g.group, g.n), reason: g.reason })),
    problems,
    used: c.authorizations.filter((a) => usedIds.has(a.id)),
    overridden: c.restrictions.overridden.filter((o) => items.some((i) => o.keys.has(`${i.kind}:${i.id}`))),
  };
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * At export: every record the approval froze must still leave under today's rules and today's
 * authorizations (164.508(b)(5) revocation, (b)(2)(i) expiry), for the person who approved it.
 * Returns why not, in words; empty when the export may go ahead.
 */
export function approvalStanding(approved: readonly { kind: string; id: string }[], now: Plan): string[] {
  const still = new Set(now.included.map((i) => `${i.kind}:${i.id}`));
  const lost = approved.filter((i) => !still.has(`${i.kind}:${i.id}`));
  if (lost.length === 0 && now.problems.length === 0) return [];
  const reasons = [
    ...now.problems,
    ...now.withheld.map((w) => `${w.what}: ${w.reason.charAt(0).toLowerCase()}${w.reason.slice(1)}`),
  ];
  return lost.length > 0
    ? [
        `${String(lost.length)} approved record${lost.length === 1 ? '' : 's'} can no longer leave.`,
        ...reasons,
      ]
    : reasons;
}
