// Review defaults never pre-select what the request's authority does not cover, and addenda go
// exactly with their notes (plan.ts, records.ts addendaWith). Hundreds of generated combinations
// of authorizations (kinds of record, periods, revoked, expired, another recipient) on every basis:
// the defaults always pass main's own selection check, and every record the plan would then release
// is covered by an authorization it names.
import { describe, expect, it } from 'vitest';
import {
  RecordType,
  type ReleaseDetails,
  type Selection,
  withAddenda,
} from '../../../preload/contract/releases.ts';
import { reviewDefaults } from '../../../main/core/releases/defaults.ts';
import { planRelease } from '../../../main/core/releases/plan.ts';
import { NO_RESTRICTIONS } from '../../../main/core/restrictions/index.ts';
import { addendaWith, changedSince, type Candidate } from '../../../main/core/releases/records.ts';
import {
  covers,
  selectionProblems,
  usableAuthorizations,
  type AuthorizationView,
} from '../../../main/core/releases/rules.ts';

const TODAY = '2026-03-02';
const RECIPIENT = 'Dr. Example Receiver';
const PURPOSE = 'Continuity of care';

/** A small deterministic generator (mulberry32), so a failure names a case that can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DATES = ['2025-06-01', '2025-12-01', '2026-01-01', '2026-01-31', '2026-02-15', '2026-04-30'];

function authorization(rnd: () => number, i: number): AuthorizationView {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const type = pick(['hipaa', 'hipaa', 'psychotherapy_notes', 'part2'] as const);
  const recordTypes =
    type === 'psychotherapy_notes'
      ? (['psychotherapy_notes'] as RecordType[])
      : RecordType.options.filter((t) => t !== 'psychotherapy_notes' && rnd() < 0.4);
  const [a, b] = [pick(DATES), pick(DATES)].sort();
  const period = rnd() < 0.5;
  return {
    id: `auth-${String(i)}`,
    type,
    fields: {
      recordTypes: recordTypes.length > 0 ? recordTypes : ['progress_notes'],
      ...(period ? { recordsFrom: a, recordsTo: b } : {}),
      description: 'Synthetic',
      disclosingParty: 'Lantern Hill',
      recipientName: rnd() < 0.85 ? RECIPIENT : 'Acme Staffing (employer)',
      recipientAddress: '9 Example Plaza',
      purpose: PURPOSE,
      signedBy: 'Avery Fictus',
      signedOn: '2026-01-01',
      signerIsRepresentative: false,
      rightToRevokeStatement: true,
      conditioningStatement: true,
      redisclosureStatement: true,
    } as AuthorizationView['fields'],
    expiresOn: rnd() < 0.15 ? '2026-02-01' : '2026-12-31',
    revokedOn: rnd() < 0.15 ? '2026-02-20' : null,
  };
}

const THIRD_PARTY: ReleaseDetails = {
  kind: 'third_party',
  receivedOn: '2026-02-20',
  requesterName: 'Sample Family Medicine',
  recipient: { name: RECIPIENT, address: '9 Example Plaza' },
  purpose: PURPOSE,
  verification: { method: 'signed_request_on_file', note: undefined },
};
const ACCESS: ReleaseDetails = {
  kind: 'access',
  receivedOn: '2026-02-20',
  requesterName: 'Avery Fictus',
  requesterIsRepresentative: false,
  representativeAuthority: undefined,
  signedDirectionOnFile: false,
  format: 'both',
  verification: { method: 'photo_id', note: undefined },
};

/** One record of each kind on several dates: a note and its addendum, a psychotherapy note and its. */
function chart(): Candidate[] {
  const base = {
    part2: false,
    confidential: false,
    psychotherapy: false,
    author: null,
    noteId: null,
    label: 'x',
  };
  const author = { id: 'me', name: 'Dr. Me', active: true };
  const out: Candidate[] = [];
  for (const date of ['2025-12-01', '2026-01-12', '2026-02-20']) {
    out.push({ ...base, kind: 'screening', id: `s-${date}`, hash: 'h', recordType: 'screenings', date });
    out.push({ ...base, kind: 'consent', id: `c-${date}`, hash: 'h', recordType: 'consents', date });
    out.push({
      ...base,
      kind: 'note',
      id: `n-${date}`,
      hash: 'h',
      recordType: 'progress_notes',
      date,
      author,
    });
    out.push({
      ...base,
      kind: 'note',
      id: `p-${date}`,
      hash: 'h',
      recordType: 'psychotherapy_notes',
      date,
      psychotherapy: true,
      author,
    });
  }
  out.push({ ...base, kind: 'intake', id: 'client', hash: 'h', recordType: 'intake', date: '2026-01-05' });
  out.push({
    ...base,
    kind: 'demographics',
    id: 'client',
    hash: 'h',
    recordType: 'demographics',
    date: null,
  });
  for (const date of ['2025-12-01', '2026-01-12', '2026-02-20']) {
    out.push({
      ...base,
      kind: 'addendum',
      id: `a-${date}`,
      hash: 'h',
      recordType: 'addenda',
      date,
      noteId: `n-${date}`,
      author,
    });
    out.push({
      ...base,
      kind: 'addendum',
      id: `pa-${date}`,
      hash: 'h',
      recordType: 'addenda',
      date,
      noteId: `p-${date}`,
      psychotherapy: true,
      author,
    });
  }
  return out;
}

const selectionOf = (d: ReturnType<typeof reviewDefaults>): Selection => ({
  recordTypes: d.recordTypes,
  from: d.from,
  to: d.to,
  includePart2: d.includePart2,
});

describe('review defaults (generated authorizations)', () => {
  const cases = Array.from({ length: 400 }, (_, seed) => {
    const rnd = random(seed + 1);
    const n = Math.floor(rnd() * 4);
    return { seed, auths: Array.from({ length: n }, (_, i) => authorization(rnd, i)) };
  });

  it.each(cases)(
    'seed $seed: nothing pre-selected that main would refuse or that no authorization covers',
    ({ auths }) => {
      const d = reviewDefaults({
        details: THIRD_PARTY,
        authorizations: auths,
        previous: null,
        today: TODAY,
        firstRecordOn: '2025-06-01',
      });
      const usable = usableAuthorizations(auths, THIRD_PARTY, TODAY);
      if (d.recordTypes.length === 0) return;
      const selection = selectionOf(d);
      expect(selectionProblems(selection, { details: THIRD_PARTY, usable })).toEqual([]);
      // Every kind pre-selected is named by a usable authorization of the right type (addenda: with notes).
      for (const t of d.recordTypes) {
        if (t === 'addenda') {
          expect(d.recordTypes.some((x) => x === 'progress_notes' || x === 'psychotherapy_notes')).toBe(true);
          continue;
        }
        const type = t === 'psychotherapy_notes' ? 'psychotherapy_notes' : 'hipaa';
        expect(usable.some((a) => a.type === type && a.fields.recordTypes.includes(t))).toBe(true);
      }
      expect(d.includePart2).toBe(usable.some((a) => a.type === 'part2'));
      // And what the plan would release from it is covered, record by record, by what it names.
      const plan = planRelease(chart(), {
        details: THIRD_PARTY,
        selection,
        authorizations: auths,
        today: TODAY,
        reader: { userId: 'me', role: 'clinician', part2: true },
        restrictions: NO_RESTRICTIONS,
      });
      expect(plan.problems).toEqual([]);
      const byId = new Map(auths.map((a) => [a.id, a]));
      for (const item of plan.included) {
        const noteType =
          item.kind === 'addendum'
            ? item.psychotherapy
              ? 'psychotherapy_notes'
              : 'progress_notes'
            : item.recordType;
        expect(item.authorities.length).toBeGreaterThan(0);
        expect(
          item.authorities.some((id) => {
            const a = byId.get(id);
            return a !== undefined && covers(a, noteType, item.date ?? selection.from);
          }),
        ).toBe(true);
      }
    },
  );

  it('a client’s own copy never pre-selects psychotherapy notes', () => {
    const d = reviewDefaults({
      details: ACCESS,
      authorizations: [],
      previous: null,
      today: TODAY,
      firstRecordOn: '2025-06-01',
    });
    expect(d.recordTypes).not.toContain('psychotherapy_notes');
    expect(d).toMatchObject({ from: '2025-06-01', to: TODAY, includePart2: true });
  });

  it('back for review: what was approved, less a kind no authorization covers any more', () => {
    const rnd = random(7);
    const auth = { ...authorization(rnd, 0), type: 'hipaa' as const };
    auth.fields = { ...auth.fields, recordTypes: ['progress_notes'], recipientName: RECIPIENT };
    auth.revokedOn = null;
    auth.expiresOn = '2026-12-31';
    const d = reviewDefaults({
      details: THIRD_PARTY,
      authorizations: [auth],
      previous: {
        recordTypes: ['progress_notes', 'screenings'],
        from: '2026-01-01',
        to: '2026-01-31',
        includePart2: true,
      },
      today: TODAY,
      firstRecordOn: '2025-06-01',
    });
    expect(d.recordTypes).toEqual(['progress_notes', 'addenda']);
    expect(d.includePart2).toBe(false);
  });
});

describe('addenda go exactly with their notes', () => {
  const all = chart();
  const plan = (selection: Selection, reader = 'me') =>
    planRelease(all, {
      details: ACCESS,
      selection,
      authorizations: [],
      today: TODAY,
      reader: { userId: reader, role: 'clinician', part2: true },
      restrictions: NO_RESTRICTIONS,
    });
  const keys = (items: readonly { kind: string; id: string }[]) =>
    items.map((i) => `${i.kind}:${i.id}`).sort();

  it('a note chosen without addenda ticked carries every addendum to it', () => {
    // (The dates are applied when the chart is read; here every note is a candidate.)
    const p = plan({
      recordTypes: ['progress_notes'],
      from: '2025-01-01',
      to: '2026-03-02',
      includePart2: false,
    });
    expect(keys(p.included)).toEqual([
      'addendum:a-2025-12-01',
      'addendum:a-2026-01-12',
      'addendum:a-2026-02-20',
      'note:n-2025-12-01',
      'note:n-2026-01-12',
      'note:n-2026-02-20',
    ]);
  });

  it('addenda ticked never bring an addendum whose note does not leave', () => {
    const p = plan({
      recordTypes: ['screenings', 'addenda'],
      from: '2025-01-01',
      to: '2026-03-02',
      includePart2: false,
    });
    expect(p.included.filter((i) => i.kind === 'addendum')).toEqual([]);
    expect(p.problems).toContain('Addenda go with their notes: choose the notes too.');
  });

  it('a psychotherapy note another clinician may not read keeps its addendum home too', () => {
    const third: ReleaseDetails = { ...THIRD_PARTY };
    const pn: AuthorizationView = {
      id: 'pn',
      type: 'psychotherapy_notes',
      fields: {
        ...authorization(random(3), 0).fields,
        recordTypes: ['psychotherapy_notes'],
        recipientName: RECIPIENT,
      },
      expiresOn: '2026-12-31',
      revokedOn: null,
    };
    delete (pn.fields as { recordsFrom?: string }).recordsFrom;
    delete (pn.fields as { recordsTo?: string }).recordsTo;
    const p = planRelease(all, {
      details: third,
      selection: {
        recordTypes: ['psychotherapy_notes'],
        from: '2025-01-01',
        to: '2026-03-02',
        includePart2: false,
      },
      authorizations: [pn],
      today: TODAY,
      reader: { userId: 'someone-else', role: 'clinician', part2: true },
      restrictions: NO_RESTRICTIONS,
    });
    expect(p.included).toEqual([]);
    expect(p.withheld.map((w) => w.what)).toContainEqual(expect.stringMatching(/^6 addenda to those notes$/));
  });

  it('addendaWith is the rule: exactly the addenda of the notes given', () => {
    expect(keys(addendaWith(new Set(['n-2026-01-12']), all))).toEqual(['addendum:a-2026-01-12']);
    expect(addendaWith(new Set(), all)).toEqual([]);
  });

  it('export sees an addendum signed since approval as a change, and one dropped from the approval too', () => {
    const approved = [{ kind: 'note' as const, id: 'n-2026-01-12', hash: 'h' }];
    expect(changedSince(approved, all)).toEqual([{ kind: 'addendum', id: 'a-2026-01-12', hash: 'h' }]);
    const withIt = [...approved, { kind: 'addendum' as const, id: 'a-2026-01-12', hash: 'h' }];
    expect(changedSince(withIt, all)).toEqual([]);
  });

  it('withAddenda ticks addenda exactly when a kind of note is ticked', () => {
    expect(withAddenda(['screenings', 'addenda'])).toEqual(['screenings']);
    expect(withAddenda(['psychotherapy_notes'])).toEqual(['addenda', 'psychotherapy_notes']);
    expect(withAddenda(['progress_notes', 'intake'])).toEqual(['intake', 'progress_notes', 'addenda']);
  });
});
