// The restriction rule on its own (45 CFR 164.522(a)): which records a restriction covers (kinds,
// dates, named notes; an addendum with its note), which releases it binds (recipient, purpose,
// unknowns counted as bound), a practice's termination at its boundary day, and the exceptions.
import { describe, expect, it } from 'vitest';
import {
  restrictionCheck,
  type RestrictableRecord,
  type RestrictionView,
} from '../../../main/core/restrictions/rules.ts';
import { ReleaseDetails } from '../../../preload/contract/releases.ts';
import { RestrictionRecipient } from '../../../preload/contract/restrictions.ts';

const rec = (kind: string, id: string, date: string | null, extra: Partial<RestrictableRecord> = {}) => ({
  kind,
  id,
  recordType: kind === 'note' ? ('progress_notes' as const) : ('demographics' as const),
  date,
  noteId: null,
  label: kind === 'note' ? `Progress note of ${date ?? ''}` : 'Identification and contact',
  ...extra,
});
const RECORDS: RestrictableRecord[] = [
  rec('demographics', 'c1', null),
  rec('note', 'n1', '2026-01-12'),
  rec('note', 'n2', '2026-02-09'),
  rec('addendum', 'a1', '2026-01-12', { recordType: 'addenda', noteId: 'n1' }),
];
const base: RestrictionView = {
  id: 'r1',
  receivedOn: '2026-01-02',
  selfPay: false,
  scope: { recordTypes: [], noteIds: [] },
  recipient: RestrictionRecipient.parse({ kind: 'health_plan' }),
  purposes: ['payment'],
  status: 'agreed',
  decidedOn: '2026-01-03',
  terminatedOn: null,
  terminatedHow: null,
};
const toPlan = (over: Record<string, unknown> = {}): ReleaseDetails =>
  ReleaseDetails.parse({
    kind: 'third_party',
    receivedOn: '2026-02-20',
    requesterName: 'Claims unit',
    recipient: { name: 'Example Health Plan', address: '1 Example Way' },
    recipientIsHealthPlan: true,
    purpose: 'Claims',
    purposeCategory: 'payment',
    verification: { method: 'signed_request_on_file' },
    ...over,
  });
const withheld = (r: Partial<RestrictionView>, d: ReleaseDetails = toPlan()) =>
  [...restrictionCheck([{ ...base, ...r }], d, RECORDS).withheld.keys()].sort();

describe('what a restriction covers', () => {
  it('everything, an addendum with its note', () => {
    expect(withheld({})).toEqual(['addendum:a1', 'demographics:c1', 'note:n1', 'note:n2']);
  });
  it('a date range leaves undated records out of it', () => {
    expect(
      withheld({ scope: { recordTypes: [], from: '2026-01-01', to: '2026-01-31', noteIds: [] } }),
    ).toEqual(['addendum:a1', 'note:n1']);
  });
  it('named notes only', () => {
    expect(withheld({ scope: { recordTypes: [], noteIds: ['n2'] } })).toEqual(['note:n2']);
  });
  it('ended by the practice: records dated on or after the day are free, earlier and undated ones still covered', () => {
    const ended = { status: 'terminated' as const, terminatedHow: 'practice_notice' as const };
    expect(withheld({ ...ended, terminatedOn: '2026-02-09' })).toEqual([
      'addendum:a1',
      'demographics:c1',
      'note:n1',
    ]);
    expect(withheld({ ...ended, terminatedOn: '2026-02-10' })).toEqual([
      'addendum:a1',
      'demographics:c1',
      'note:n1',
      'note:n2',
    ]);
  });
  it('ended by the client, requested or declined: nothing', () => {
    expect(
      withheld({ status: 'terminated', terminatedHow: 'client_written', terminatedOn: '2026-02-01' }),
    ).toEqual([]);
    expect(withheld({ status: 'requested' })).toEqual([]);
    expect(withheld({ status: 'declined' })).toEqual([]);
  });
});

describe('which releases it binds', () => {
  it('not another purpose, nor a recipient that is not a health plan', () => {
    expect(withheld({}, toPlan({ purposeCategory: 'treatment' }))).toEqual([]);
    expect(withheld({}, toPlan({ purposeCategory: 'other' }))).toEqual([]);
    expect(withheld({}, toPlan({ recipientIsHealthPlan: false }))).toEqual([]);
  });
  it('a request that does not say is treated as bound, and the reason says so', () => {
    const check = restrictionCheck([base], toPlan({ recipientIsHealthPlan: undefined }), RECORDS);
    expect([...check.withheld.values()][0]?.reason).toMatch(
      /The request does not say whether the recipient is a health plan, so it is treated as covered\. Left out: Identification and contact; Progress note of Jan 12, 2026; Progress note of Feb 9, 2026\.$/,
    );
  });
  it('a named recipient matches however the name is written', () => {
    const named = { recipient: { kind: 'named' as const, name: 'Example  health-plan' }, purposes: [] };
    expect(withheld(named, toPlan({ recipientIsHealthPlan: false, purposeCategory: 'other' }))).toHaveLength(
      4,
    );
  });
  it('emergency treatment and 164.512 disclosures are not bound; the override is returned', () => {
    const emergency = ReleaseDetails.parse({
      kind: 'emergency',
      receivedOn: '2026-03-01',
      situation: 'duty_to_warn',
      reason: 'Synthetic threat',
      clinicianId: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
      recipient: { name: 'Jordan Sample', address: '3 Example Road' },
      recipientRole: 'person_at_risk',
    });
    const check = restrictionCheck(
      [{ ...base, recipient: { kind: 'anyone' }, purposes: [] }],
      emergency,
      RECORDS,
    );
    expect(check.withheld.size).toBe(0);
    expect(check.overridden.map((o) => [o.restrictionId, o.keys.size])).toEqual([['r1', 4]]);
    expect(check.overridden[0]?.note).toMatch(/serious and imminent threat \(45 CFR 164\.512\(j\)\)/);
  });
});
