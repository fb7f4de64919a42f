// The release matrix (issue 14): every basis a request can stand on × every class of record ×
// what happens to its authorizations between approval and export → exactly which records are in
// the package, or exactly where and why the release is refused. Every cell is written out below;
// a basis added to REQUEST_BASES, or a record class or authorization state added here, without
// its cells fails to compile and fails the completeness test.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, REQUEST_BASES, type RequestBasis } from '../../../main/core/releases/rules.ts';
import type {
  AuthorizationInput,
  CreateReleaseInput,
  Selection,
} from '../../../preload/contract/releases.ts';
import { adultClient, minorClient } from '../../helpers/clients.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { makePractice, signedInStaff, type TestPractice } from '../../helpers/make-practice.ts';
import { signedNote } from '../../helpers/notes.ts';
import { packageText } from '../../helpers/package-check.ts';
import { hipaaAuthorization, part2Consent, psychotherapyAuthorization } from '../../helpers/releases.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

export const RECORD_CLASSES = [
  'progress',
  'pn_own',
  'pn_other',
  'part2',
  'minor_alone',
  'late_addendum',
] as const;
type RecordClass = (typeof RECORD_CLASSES)[number];
export const AUTH_STATES = [
  'valid',
  'expired_at_export',
  'revoked_after_approval',
  'recipient_mismatch',
  'recipient_edited_in_db',
] as const;
type AuthState = (typeof AUTH_STATES)[number];

type Outcome =
  /** The record is in the package (PDF text and FHIR bundle). */
  | { sent: true }
  /** The package left without it; the preview said why (when a reason is given). */
  | { sent: false; withheld?: RegExp }
  /** Nothing left: refused when the authorization was recorded, at approval, or at export. */
  | { refused: 'add' | 'approve' | 'export'; message: RegExp };

const SENT: Outcome = { sent: true };
const states = (o: Outcome, over: Partial<Record<AuthState, Outcome>> = {}): Record<AuthState, Outcome> => ({
  valid: o,
  expired_at_export: o,
  revoked_after_approval: o,
  recipient_mismatch: o,
  recipient_edited_in_db: o,
  ...over,
});
const approveRefused = (message: RegExp): Outcome => ({ refused: 'approve', message });
const exportRefused = (message: RegExp): Outcome => ({ refused: 'export', message });
const addRefused: Outcome = {
  refused: 'add',
  message: /names “Acme Staffing \(employer\)”; this request sends to/,
};

const PN_OTHER = /psychotherapy notes? by Dr\. Basil Othercase.*only by their author/;
const MINOR = /minor consented to alone/;
const PN_ACCESS = /excluded from a client’s right of access/;
const PN_NO_AUTH = /cannot go out in a disclosure without authorization/;
/** An addendum signed to an approved note: the note may not leave without it, so nothing leaves. */
const LATE: Outcome = exportRefused(/^1 addendum was signed to an approved note since approval/);
const EXPIRED_STATUS = exportRefused(/authorization behind this release is expired/);
const EDITED = exportRefused(/names “Edited Recipient LLC” as recipient/);

/** Under an authorization the class leans on: what each state does to it. */
const underAuthorization = (valid: Outcome, revoked: Outcome): Record<AuthState, Outcome> =>
  states(valid, {
    expired_at_export: EXPIRED_STATUS,
    revoked_after_approval: revoked,
    recipient_mismatch: addRefused,
    recipient_edited_in_db: EDITED,
  });
/** A class that needs the one authorization a non-authorization request carries (P or C). */
const onItsOwnAuthorization = (valid: Outcome, label: RegExp): Record<AuthState, Outcome> =>
  states(valid, {
    expired_at_export: exportRefused(new RegExp(`${label.source}.*expired on 2026-03-02`)),
    revoked_after_approval: exportRefused(new RegExp(`${label.source}.*revoked on 2026-03-02`)),
    recipient_mismatch: addRefused,
    recipient_edited_in_db: exportRefused(new RegExp(`${label.source}.*Edited Recipient LLC`)),
  });
const P_LABEL = /psychotherapy-notes authorization signed by Avery Fictus/;
const C_LABEL = /Part 2 consent signed by Avery Fictus/;
const REVOKED = (label: RegExp) =>
  new RegExp(
    `^Nothing was exported\\. The approval no longer holds: .*${label.source}.*revoked on 2026-03-02`,
  );

export const EXPECTED: Record<RequestBasis, Record<RecordClass, Record<AuthState, Outcome>>> = {
  access: {
    progress: states(SENT),
    pn_own: states(approveRefused(PN_ACCESS)),
    pn_other: states(approveRefused(PN_ACCESS)),
    // 42 CFR 2.23: the patient's own Part 2 records need no consent.
    part2: states(SENT),
    minor_alone: states({ sent: false, withheld: MINOR }),
    late_addendum: states(LATE),
  },
  directed_copy: {
    progress: states(SENT),
    pn_own: states(approveRefused(PN_ACCESS)),
    pn_other: states(approveRefused(PN_ACCESS)),
    part2: onItsOwnAuthorization(SENT, C_LABEL),
    minor_alone: states({ sent: false, withheld: MINOR }),
    late_addendum: states(LATE),
  },
  authorization: {
    // Revoking one HIPAA authorization while another still covers the record: it still goes.
    progress: underAuthorization(SENT, SENT),
    // Revoked after approval: the request went back to review at once, saying which and why.
    pn_own: underAuthorization(SENT, exportRefused(REVOKED(P_LABEL))),
    pn_other: underAuthorization({ sent: false, withheld: PN_OTHER }, exportRefused(REVOKED(P_LABEL))),
    part2: underAuthorization(SENT, exportRefused(REVOKED(C_LABEL))),
    // Signed by the guardian: the minor's own care never goes on it (164.502(g)(3)).
    minor_alone: underAuthorization(
      { sent: false, withheld: /signed by a parent or guardian/ },
      { sent: false, withheld: /signed by a parent or guardian/ },
    ),
    late_addendum: underAuthorization(LATE, LATE),
  },
  court_order: {
    progress: states(SENT),
    pn_own: onItsOwnAuthorization(SENT, P_LABEL),
    pn_other: onItsOwnAuthorization({ sent: false, withheld: PN_OTHER }, P_LABEL),
    part2: states(SENT),
    minor_alone: states(SENT),
    late_addendum: states(LATE),
  },
  subpoena: {
    progress: states(SENT),
    pn_own: states(approveRefused(/never go out under a subpoena/)),
    pn_other: states(approveRefused(/never go out under a subpoena/)),
    part2: states(approveRefused(/never a subpoena alone/)),
    minor_alone: states(SENT),
    late_addendum: states(LATE),
  },
  duty_to_warn: {
    progress: states(SENT),
    pn_own: states(approveRefused(PN_NO_AUTH)),
    pn_other: states(approveRefused(PN_NO_AUTH)),
    part2: states(approveRefused(/cannot go out in a duty-to-warn disclosure/)),
    minor_alone: states(SENT),
    late_addendum: states(LATE),
  },
  mandated_report: {
    progress: states(SENT),
    pn_own: states(approveRefused(PN_NO_AUTH)),
    pn_other: states(approveRefused(PN_NO_AUTH)),
    part2: states(approveRefused(/cannot go out in a mandated report/)),
    minor_alone: states(SENT),
    late_addendum: states(LATE),
  },
  medical_emergency: {
    progress: states(SENT),
    pn_own: states(approveRefused(PN_NO_AUTH)),
    pn_other: states(approveRefused(PN_NO_AUTH)),
    // 42 CFR 2.51: to medical personnel treating a bona fide medical emergency, Part 2 records may go.
    part2: states(SENT),
    minor_alone: states(SENT),
    late_addendum: states(LATE),
  },
};

// Distinct words in each record: the package's text shows which records left.
const MARK: Record<RecordClass, string> = {
  progress: 'Marigoldfen',
  pn_own: 'Heronmoss',
  pn_other: 'Otterlace',
  part2: 'Lanternwick',
  minor_alone: 'Quartzbloom',
  late_addendum: 'Saffronkeel',
};

const clock = new FakeClock(Date.parse('2026-03-02T15:00:00Z'));
const out = tempDir('stillwater-matrix-');
const W = { a: 'w-a', b: 'w-b', desk: 'w-desk' };
const RECIPIENT = {
  name: 'Dr. Example Receiver, Sample Family Medicine',
  address: '9 Example Plaza, Springfield, OR 97401',
};
let p: TestPractice;
let a: { id: string; username: string; password: string };
let b: { id: string; username: string; password: string };
let desk: { id: string; username: string; password: string };
let adult: string;
let minor: string;

beforeAll(async () => {
  p = await makePractice({ clock });
  p.folder.next = out.path;
  a = await signedInStaff(p, 'clinician', 'Dr. Ada Approver', W.a);
  b = await signedInStaff(p, 'clinician', 'Dr. Basil Othercase', W.b);
  desk = await signedInStaff(p, 'front_desk', 'Dee Deskworth', W.desk);
  adult = (await p.ok('clients.create', adultClient(a.id), W.desk)).id;
  await p.ok('clients.addCareTeamMember', { clientId: adult, userId: b.id }, W.a);
  await signedNote(p, W.a, adult, '2026-01-12', MARK.progress);
  await signedNote(p, W.a, adult, '2026-01-13', MARK.pn_own, { kind: 'psychotherapy' });
  await signedNote(p, W.b, adult, '2026-01-14', MARK.pn_other, { kind: 'psychotherapy' });
  await signedNote(p, W.a, adult, '2026-01-19', MARK.part2, { part2: true });
  minor = (await p.ok('clients.create', minorClient(a.id, { dateOfBirth: '2011-06-01' }), W.desk)).id;
  const guardian = {
    signerName: 'Morgan Placeholder',
    signerRole: 'parent' as const,
    authority: 'Mother, legal custody',
    signedOn: '2026-01-05',
  };
  await p.ok(
    'consents.record',
    { clientId: minor, kind: 'treatment', givenOn: '2026-01-05', basis: 'guardian', signatures: [guardian] },
    W.a,
  );
  await signedNote(p, W.a, minor, '2026-01-12', 'Cobaltreed');
  await p.ok(
    'consents.record',
    {
      clientId: minor,
      kind: 'treatment',
      givenOn: '2026-02-01',
      basis: 'minor_alone',
      legalBasis: 'State minor-consent statute for outpatient mental health care (synthetic citation)',
      signatures: [{ signerName: 'Riley Placeholder', signerRole: 'client', signedOn: '2026-02-01' }],
    },
    W.a,
  );
  await signedNote(p, W.a, minor, '2026-02-08', MARK.minor_alone);
  await prepareAll();
  // Authorizations given "expires 2026-03-02" lapse overnight; everyone signs in again in the morning.
  await clock.advance(86_400_000);
  for (const [window, user] of [
    [W.a, a],
    [W.desk, desk],
  ] as const) {
    await p.signIn(user.username, user.password, window);
  }
}, 600_000);
afterAll(async () => {
  await p.close();
  out.remove();
});

function details(basis: RequestBasis, cls: RecordClass): CreateReleaseInput['details'] {
  const onMinor = cls === 'minor_alone';
  const guardian = {
    requesterName: 'Morgan Placeholder',
    requesterIsRepresentative: true,
    representativeAuthority: 'Parent with legal custody (birth certificate seen)',
  };
  const self = { requesterName: 'Avery Fictus', requesterIsRepresentative: false };
  const access = {
    kind: 'access' as const,
    receivedOn: '2026-02-20',
    ...(onMinor ? guardian : self),
    signedDirectionOnFile: basis === 'directed_copy',
    format: 'both' as const,
    verification: { method: 'photo_id' as const },
  };
  const order = {
    kind: 'legal_order' as const,
    receivedOn: '2026-02-21',
    court: 'Example County Circuit Court',
    caseNumber: 'SYN-2026-0042',
    issuedOn: '2026-02-18',
    issuedBy: 'Judge Sample (synthetic)',
    recordsNamed: 'All treatment records of January and February 2026',
    recipient: RECIPIENT,
    verification: { method: 'court_document' as const },
  };
  const emergency = {
    kind: 'emergency' as const,
    receivedOn: '2026-03-01',
    reason: 'Synthetic: the documented reason for this disclosure',
    clinicianId: a.id,
  };
  switch (basis) {
    case 'access':
      return access;
    case 'directed_copy':
      return { ...access, directedTo: RECIPIENT };
    case 'authorization':
      return {
        kind: 'third_party',
        receivedOn: '2026-02-20',
        requesterName: 'Sample Family Medicine',
        recipient: RECIPIENT,
        purpose: 'Continuity of care',
        verification: { method: 'signed_request_on_file' },
      };
    case 'court_order':
      return { ...order, orderType: 'court_order', assurance: 'none', meetsPart2Order: true };
    case 'subpoena':
      return {
        ...order,
        orderType: 'subpoena',
        assurance: 'qualified_protective_order',
        meetsPart2Order: false,
      };
    case 'duty_to_warn':
      return {
        ...emergency,
        situation: 'duty_to_warn',
        recipient: {
          name: 'Jordan Sample (the person threatened)',
          address: '3 Example Road, Springfield, OR',
        },
        recipientRole: 'person_at_risk',
      };
    case 'mandated_report':
      return {
        ...emergency,
        situation: 'mandated_report',
        recipient: {
          name: 'Example County Child Protective Services',
          address: '4 Example Road, Springfield, OR',
        },
        recipientRole: 'protective_services',
        statute: 'State child-abuse reporting statute (synthetic citation)',
      };
    case 'medical_emergency':
      return {
        ...emergency,
        situation: 'medical_emergency',
        recipient: { name: 'Dr. Sample Attending', address: '5 Example Road, Springfield, OR' },
        recipientRole: 'medical_personnel',
        recipientFacility: 'Example General Hospital, emergency department',
        disclosedAt: '2026-03-01T22:15',
      };
  }
}

/** Each late-addendum cell's own note, on its own day of 2024 (no other cell's dates reach it). */
const lateDay = (cell: number): string => addDays('2024-01-01', cell);

function selection(cls: RecordClass, cell: number): Selection {
  const base = { from: '2026-01-01', to: '2026-02-28', includePart2: false };
  switch (cls) {
    case 'progress':
    case 'minor_alone':
      return { ...base, recordTypes: ['progress_notes'] };
    case 'pn_own':
    case 'pn_other':
      return { ...base, recordTypes: ['psychotherapy_notes'] };
    case 'part2':
      return { ...base, recordTypes: ['progress_notes'], includePart2: true };
    case 'late_addendum':
      return { ...base, from: lateDay(cell), to: lateDay(cell), recordTypes: ['progress_notes', 'addenda'] };
  }
}

/** The authorizations a request of this basis carries for this class (and which one the class leans on). */
function authorizations(basis: RequestBasis, cls: RecordClass, requestId: string, state: AuthState) {
  const minorSigned =
    cls === 'minor_alone'
      ? {
          signedBy: 'Morgan Placeholder',
          signerIsRepresentative: true,
          representativeAuthority: 'Parent with legal custody',
        }
      : {};
  const expiry = state === 'expired_at_export' ? { expiresOn: '2026-03-02' } : {};
  const mismatch = state === 'recipient_mismatch' ? { recipientName: 'Acme Staffing (employer)' } : {};
  const list: { input: AuthorizationInput; leanedOn: boolean }[] = [];
  const h = (leanedOn: boolean) =>
    hipaaAuthorization(requestId, { ...minorSigned, ...expiry, ...(leanedOn ? mismatch : {}) });
  const pn = psychotherapyAuthorization(requestId, { ...expiry, ...mismatch });
  const c = part2Consent(requestId, { ...expiry, ...mismatch });
  const pnClass = cls === 'pn_own' || cls === 'pn_other';
  if (basis === 'authorization') {
    const hLeaned = !pnClass && cls !== 'part2';
    list.push({ input: h(hLeaned), leanedOn: hLeaned }, { input: h(false), leanedOn: false });
    if (pnClass) list.push({ input: pn, leanedOn: true });
    if (cls === 'part2') list.push({ input: c, leanedOn: true });
  }
  if (basis === 'court_order' && pnClass) list.push({ input: pn, leanedOn: true });
  if (basis === 'directed_copy' && cls === 'part2') list.push({ input: c, leanedOn: true });
  return list;
}

interface Cell {
  basis: RequestBasis;
  cls: RecordClass;
  state: AuthState;
  requestId: string;
  /** The word only this cell's record carries (each late addendum is a new one). */
  mark: string;
  /** Where the cell stopped before export, and why. */
  stopped: { stage: 'add' | 'approve'; message: string } | null;
  withheld: string[];
}
const cells: Cell[] = [];

async function prepare(basis: RequestBasis, cls: RecordClass, state: AuthState): Promise<Cell> {
  const clientId = cls === 'minor_alone' ? minor : adult;
  const created = await p.ok('releases.create', { clientId, details: details(basis, cls) }, W.desk);
  const mark = cls === 'late_addendum' ? `${MARK.late_addendum}Q${String(cells.length)}Z` : MARK[cls];
  const cell: Cell = { basis, cls, state, requestId: created.summary.id, mark, stopped: null, withheld: [] };
  const index = cells.length;
  const lateNote =
    cls === 'late_addendum' ? await signedNote(p, W.a, adult, lateDay(index), MARK.progress) : '';
  const auths: string[] = [];
  for (const { input, leanedOn } of authorizations(basis, cls, cell.requestId, state)) {
    const r = await p.call('releases.addAuthorization', input, W.desk);
    if (!r.ok) {
      cell.stopped = { stage: 'add', message: r.error.message };
      return cell;
    }
    if (leanedOn) auths.push(r.value.authorizations.at(-1)?.id ?? '');
  }
  await p.ok('releases.authorize', { requestId: cell.requestId }, W.desk);
  const sel = selection(cls, index);
  const preview = await p.call('releases.preview', { requestId: cell.requestId, selection: sel }, W.a);
  if (preview.ok) cell.withheld = preview.value.withheld.map((w) => `${w.what}: ${w.reason}`);
  const approved = await p.call('releases.approve', { requestId: cell.requestId, selection: sel }, W.a);
  if (!approved.ok) {
    cell.stopped = { stage: 'approve', message: approved.error.message };
    return cell;
  }
  if (cls === 'late_addendum') {
    await p.ok('notes.addAddendum', { noteId: lateNote, text: `Synthetic: ${mark} correction.` }, W.a);
  }
  if (state === 'revoked_after_approval') {
    const leaned = approved.value.authorizations.filter((x) => auths.includes(x.id));
    for (const x of leaned) {
      await p.ok('releases.revokeAuthorization', { authorizationId: x.id, revokedOn: '2026-03-02' }, W.desk);
    }
  }
  if (state === 'recipient_edited_in_db') {
    // Someone holding the recovery key opens the database, drops the trigger that keeps a recorded
    // authorization as it was (migration 0006), and points the authorizations elsewhere.
    const sqlite = p.core.ctx.vault.db.sqlite;
    const trigger = sqlite
      .prepare("SELECT sql FROM sqlite_master WHERE name = 'release_authorizations_fixed'")
      .get() as { sql: string };
    sqlite.exec('DROP TRIGGER release_authorizations_fixed');
    const rows = sqlite
      .prepare('SELECT id, fields FROM release_authorizations WHERE request_id = ?')
      .all(cell.requestId) as { id: string; fields: string }[];
    for (const row of rows) {
      const f = JSON.parse(row.fields) as Record<string, unknown>;
      sqlite
        .prepare('UPDATE release_authorizations SET fields = ? WHERE id = ?')
        .run(JSON.stringify({ ...f, recipientName: 'Edited Recipient LLC' }), row.id);
    }
    sqlite.exec(trigger.sql);
  }
  return cell;
}

async function prepareAll(): Promise<void> {
  for (const basis of REQUEST_BASES)
    for (const cls of RECORD_CLASSES)
      for (const state of AUTH_STATES) cells.push(await prepare(basis, cls, state));
}

describe('the matrix itself', () => {
  it('has a cell for every basis, record class and authorization state, and no more', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...REQUEST_BASES].sort());
    for (const basis of REQUEST_BASES) {
      expect(Object.keys(EXPECTED[basis]).sort()).toEqual([...RECORD_CLASSES].sort());
      for (const cls of RECORD_CLASSES)
        expect(Object.keys(EXPECTED[basis][cls]).sort()).toEqual([...AUTH_STATES].sort());
    }
    expect(cells).toHaveLength(REQUEST_BASES.length * RECORD_CLASSES.length * AUTH_STATES.length);
  });
});

describe.each(REQUEST_BASES)('a release on the basis of %s', (basis) => {
  it.each(RECORD_CLASSES.flatMap((cls) => AUTH_STATES.map((state) => [cls, state] as const)))(
    '%s records, authorizations %s',
    async (cls, state) => {
      const cell = cells.find((c) => c.basis === basis && c.cls === cls && c.state === state);
      if (!cell) throw new Error('cell not prepared');
      const want = EXPECTED[basis][cls][state];
      if ('refused' in want && want.refused !== 'export') {
        expect(cell.stopped?.stage).toBe(want.refused);
        expect(cell.stopped?.message).toMatch(want.message);
        return;
      }
      expect(cell.stopped).toBeNull();
      const r = await p.call('releases.export', { requestId: cell.requestId }, W.desk);
      if ('refused' in want) {
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.error.message).toMatch(want.message);
        // Nothing left, and the request says why when it is opened again.
        const again = await p.ok('releases.get', { requestId: cell.requestId }, W.desk);
        expect(again.exports).toHaveLength(0);
        return;
      }
      if (!r.ok) throw new Error(`export failed: ${r.error.message}`);
      const text = packageText(join(out.path, r.value?.packageName ?? ''));
      expect(text.includes(cell.mark)).toBe(want.sent);
      if (!want.sent && want.withheld) expect(cell.withheld.join('\n')).toMatch(want.withheld);
      // A psychotherapy note's content never appears in the reviewer's preview unless it is theirs.
      expect(cell.withheld.join('\n')).not.toContain(MARK.pn_other);
    },
  );
});
