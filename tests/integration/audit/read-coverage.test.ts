// Read coverage (issue 15; 45 CFR 164.312(b), ONC 170.315(d)(2)): every channel in the contract is
// either declared to return no client's data (with the reason) or is called here on a seeded
// practice, and the audit entries that one call wrote must name exactly the clients whose data it
// returned. For lists and searches, the clients in the result are exactly the clients named.
// A channel added to the contract without an expectation below fails the first test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDb } from '../../../main/core/context.ts';
import { contract, type Channel } from '../../../preload/contract.ts';
import { adultClient, intake } from '../../helpers/clients.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { makePractice, signedInStaff, type TestPractice } from '../../helpers/make-practice.ts';
import { dapNote, signedNote } from '../../helpers/notes.ts';
import { planContent } from '../../helpers/plans.ts';
import { accessRequest, hipaaAuthorization, thirdParty } from '../../helpers/releases.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

/** Windows: the owner (signed in at setup), clinician A (the caller), clinician B, front desk. */
const W = { owner: 'w1', a: 'w-a', b: 'w-b', desk: 'w-desk' };
const clock = new FakeClock(Date.parse('2026-03-02T15:00:00Z'));
const out = tempDir('stillwater-coverage-');
const OUTSIDE_REVIEWER = {
  kind: 'outside' as const,
  name: 'Dr. Quill Outsideton',
  credentials: 'PsyD (synthetic)',
  contact: '7 Example Court, Springfield, OR 97401',
};
const SELECTION = {
  recordTypes: ['progress_notes' as const],
  from: '2026-01-01',
  to: '2026-02-28',
  includePart2: false,
};

let p: TestPractice;
/** The seeded practice: X is A's client with Part 2 notes; Y is B's (A is not on its team); Z is A's. */
const s = {
  a: '',
  b: '',
  x: '',
  y: '',
  z: '',
  xNote: '',
  yNote: '',
  xRequest: '',
  deniedRequest: '',
};

interface Probe {
  window: string;
  /** Setup, not measured; returns the channel's input. */
  input: () => unknown;
  /** The clients whose data the call returned (from its result where the result says). */
  clients: (result: unknown) => string[];
  /** For lists and searches: the clients in the result; the entry must name exactly these. */
  shown?: (result: unknown) => string[];
}
type Expectation = { noPhi: string } | Probe;

const ids = (rows: unknown, key: string): string[] =>
  (rows as Record<string, string>[]).map((r) => r[key] ?? '');
const only =
  (...pick: (() => string)[]) =>
  () =>
    pick.map((f) => f());

/** Treatment plans (setup, not measured): each probe gets a client of A's of its own, in `planCase`. */
const planCase = { clientId: '' };
const draftPlan = async (reviewDueOn?: string) => {
  planCase.clientId = (
    await p.ok('clients.create', adultClient(s.a, { legalFirstName: 'Plannery' }), W.a)
  ).id;
  const { plan } = await p.ok('plans.createDraft', { clientId: planCase.clientId }, W.a);
  await p.ok(
    'plans.saveDraft',
    { planId: plan.id, content: planContent(), reviewDueOn: reviewDueOn ?? plan.reviewDueOn, part2: false },
    W.a,
  );
  return plan.id;
};
const clinicianSignedPlan = async (reviewDueOn?: string) => {
  const planId = await draftPlan(reviewDueOn);
  await p.ok('plans.signAsClinician', { planId }, W.a);
  return planId;
};
const signedPlan = async (reviewDueOn?: string) => {
  const planId = await clinicianSignedPlan(reviewDueOn);
  await p.ok(
    'plans.recordClientSignature',
    { planId, signer: 'client', signerName: 'Plannery Fictus', signedOn: '2026-03-02' },
    W.a,
  );
  return planId;
};
const planClient = () => planCase.clientId;

/** A client's request to amend X's note, recorded by front desk (setup, not measured). */
const amendmentInput = () => ({
  clientId: s.x,
  receivedOn: '2026-03-01',
  requestText: 'Synthetic: please correct the date in this note.',
  records: [{ itemKind: 'note' as const, recordId: s.xNote }],
  includeIfDenied: false,
  notify: [],
});
const newAmendment = async (decide?: 'accept' | 'deny'): Promise<string> => {
  const { id } = await p.ok('amendments.create', amendmentInput(), W.desk);
  if (decide === 'accept')
    await p.ok('amendments.accept', { requestId: id, amendmentText: 'Synthetic: corrected.' }, W.a);
  if (decide === 'deny')
    await p.ok(
      'amendments.deny',
      { requestId: id, basis: 'accurate_complete', explanation: 'Synthetic: as written.' },
      W.a,
    );
  return id;
};

const consent = (clientId: string, kind: 'treatment' | 'privacy_notice' | 'telehealth') => ({
  clientId,
  kind,
  givenOn: '2026-01-05',
  basis: 'client' as const,
  signatures: [{ signerName: 'Avery Fictus', signerRole: 'client' as const, signedOn: '2026-01-05' }],
});

async function newRequest(input: ReturnType<typeof thirdParty>): Promise<string> {
  return (await p.ok('releases.create', input, W.desk)).summary.id;
}

const EXPECTATIONS: Record<string, Expectation> = {
  'app.status': { noPhi: 'whether a practice exists and who is signed in' },
  'setup.createPractice': { noPhi: 'creates the practice and its owner; no client exists yet' },
  'setup.confirmRecoveryKey': { noPhi: 'vault keys' },
  'vault.rotateRecoveryKey': { noPhi: 'vault keys' },
  'vault.rotateDataKey': { noPhi: 'vault keys' },
  'auth.signIn': { noPhi: 'the session of the person signing in' },
  'auth.recover': { noPhi: 'the session of the person signing in' },
  'auth.signOut': { noPhi: 'ends a session' },
  'auth.changePassword': { noPhi: 'credentials' },
  'practice.get': { noPhi: 'the practice profile' },
  'practice.update': { noPhi: 'the practice profile' },
  'practice.stateLaw': { noPhi: 'the practice’s state-law deadlines and notice' },
  'practice.updateStateLaw': { noPhi: 'the practice’s state-law deadlines and notice' },
  'staff.list': { noPhi: 'staff accounts' },
  'templates.list': { noPhi: 'the practice’s note templates: names, section labels and help, no note' },
  'templates.available': { noPhi: 'the note templates offered in the editor, no note' },
  'templates.create': { noPhi: 'a note template, no client' },
  'templates.supersede': { noPhi: 'a note template’s next version, no client' },
  'templates.retire': { noPhi: 'a note template, no client' },
  'staff.create': { noPhi: 'staff accounts' },
  'staff.changeRole': { noPhi: 'staff accounts' },
  'staff.deactivate': { noPhi: 'staff accounts' },
  'staff.deactivationPlan': { noPhi: 'counts of a caseload and staff names' },
  'staff.invite': { noPhi: 'staff accounts' },
  'staff.reissueInvitation': { noPhi: 'staff accounts' },
  'staff.withdrawInvitation': { noPhi: 'staff accounts' },
  'staff.setCustodian': { noPhi: 'staff accounts' },
  'staff.resetPassword': { noPhi: 'staff accounts' },
  'audit.list': {
    noPhi: 'the owner’s audit log: who did what, clients named in words, never record content',
  },
  'audit.verify': { noPhi: 'the state of the chain' },
  'audit.status': { noPhi: 'the state of the chain' },
  'audit.acknowledgeAlarm': { noPhi: 'the state of the chain' },
  'audit.exportCsv': { noPhi: 'written by main to a folder the owner picks; audited as audit.export' },
  'staff.directory': { noPhi: 'staff names for choosing a clinician' },
  'cover.grantCover': { noPhi: 'who covers whose caseload, when and why; no client is named' },
  'cover.endCover': { noPhi: 'who covers whose caseload, when and why; no client is named' },
  'cover.listCovers': { noPhi: 'who covers whose caseload, when and why; no client is named' },
  'drafts.save': { noPhi: 'what this same user typed, kept for them; no chart is read' },
  'drafts.get': { noPhi: 'only what this same user typed, read back by them; no chart is read' },
  'drafts.discard': { noPhi: 'what this same user typed' },
  'staff.setSupervisor': { noPhi: 'staff supervision' },
  'staff.supervision': { noPhi: 'staff supervision' },
  'session.activity': { noPhi: 'session timer' },
  'session.lock': { noPhi: 'session timer' },
  'session.draftFlushed': { noPhi: 'session timer' },
  'settings.getSession': { noPhi: 'settings' },
  'settings.updateSession': { noPhi: 'settings' },
  'releases.verifyPackage': { noPhi: 'checks files on disk against the log: file names and hashes' },
  'releases.pendingProblems': { noPhi: 'request ids and the folder a package was written to' },
  'backup.getSettings': { noPhi: 'backup state' },
  'backup.updateSettings': { noPhi: 'backup state' },
  'backup.chooseFolder': { noPhi: 'backup state' },
  'backup.runNow': { noPhi: 'backup state' },
  'backup.status': { noPhi: 'backup state' },
  'backup.listGenerations': { noPhi: 'backup state' },
  'backup.folderUsage': { noPhi: 'backup folder sizes' },
  'backup.restoreHere': { noPhi: 'replaces the database; returns no record' },
  'backup.chooseRestoreFile': { noPhi: 'a backup file’s summary' },
  'backup.restoreFirstRun': { noPhi: 'the session of the person signing in' },
  'backup.issueSignInCode': { noPhi: 'a one-time code' },
  'backup.redeemSignInCode': { noPhi: 'the session of the person signing in' },
  'secondFactor.mine': { noPhi: 'the caller’s own second-factor status' },
  'secondFactor.startEnrolment': { noPhi: 'a new authenticator secret for the caller' },
  'secondFactor.confirmEnrolment': { noPhi: 'the caller’s recovery codes and session' },
  'secondFactor.disable': { noPhi: 'the caller’s own second-factor status' },
  'secondFactor.verify': { noPhi: 'the session of the person signing in' },
  'secondFactor.getPolicy': { noPhi: 'a practice setting' },
  'secondFactor.setPolicy': { noPhi: 'a practice setting' },
  'secondFactor.staff': { noPhi: 'which staff have a second factor' },
  'secondFactor.reset': { noPhi: 'one staff member’s second-factor status' },
  'emergency.open': {
    noPhi: 'the caller’s new grant: a reason category and times (audited as the break)',
  },
  'emergency.find': {
    window: W.a,
    // A, off the care team of B's client Y, looks Y up by chart number and date of birth.
    input: async () => {
      const y = (await p.ok('clients.get', { clientId: s.y }, W.owner)) as {
        chartNumber: string;
        dateOfBirth: string;
      };
      return { chartNumber: y.chartNumber, dateOfBirth: y.dateOfBirth };
    },
    clients: only(() => s.y),
  },
  'emergency.status': { noPhi: 'the caller’s own grant: a reason category and times' },
  'emergency.acknowledge': { noPhi: 'nothing (audited as the acknowledgement)' },
  'emergency.getSettings': { noPhi: 'a practice setting' },
  'emergency.setSettings': { noPhi: 'a practice setting' },
  'emergency.listUnacknowledged': {
    window: W.a,
    // B, off the care team of A's client Z, breaks the glass; A (Z's primary clinician) sees it.
    input: async () => {
      await p.ok(
        'emergency.open',
        { clientId: s.z, reason: 'danger', details: 'Synthetic: a crisis call.', confirmed: true },
        W.b,
      );
      return {};
    },
    clients: only(() => s.z),
    shown: (r) => ids((r as { events: unknown }).events, 'clientId'),
  },

  'clients.search': {
    window: W.a,
    input: () => ({ query: '' }),
    clients: only(
      () => s.x,
      () => s.z,
    ),
    shown: (r) => ids((r as { clients: unknown }).clients, 'id'),
  },
  'clients.create': {
    window: W.desk,
    input: () => adultClient(s.a, { legalFirstName: 'Casey', legalLastName: 'Newchart' }),
    clients: (r) => [(r as { id: string }).id],
  },
  'clients.get': { window: W.a, input: () => ({ clientId: s.x }), clients: only(() => s.x) },
  'clients.update': {
    window: W.desk,
    input: () => ({ ...adultClient(s.a, { phone: '(555) 010-1212' }), clientId: s.z }),
    clients: only(() => s.z),
  },
  'clients.setConfidentialCommunications': {
    window: W.desk,
    input: () => ({ clientId: s.z, communications: { noVoicemail: true } }),
    clients: only(() => s.z),
  },
  // A's list: the open amendment request of X (A's client); Y's (B's client) is not shown to A.
  'due.list': {
    window: W.a,
    input: async () => {
      await newAmendment();
      await p.ok(
        'amendments.create',
        { ...amendmentInput(), clientId: s.y, records: [{ itemKind: 'note', recordId: s.yNote }] },
        W.desk,
      );
      return {};
    },
    clients: only(() => s.x),
    shown: (r) => [...new Set(ids(r, 'clientId'))],
  },
  'clients.setStatus': {
    window: W.a,
    input: () => ({
      clientId: s.z,
      status: 'inactive',
      effectiveDate: '2026-03-01',
      reason: 'Synthetic pause',
    }),
    clients: only(() => s.z),
  },
  'clients.addCareTeamMember': {
    window: W.a,
    input: () => ({ clientId: s.z, userId: s.b }),
    clients: only(() => s.z),
  },
  'clients.removeCareTeamMember': {
    window: W.a,
    input: () => ({ clientId: s.z, userId: s.b }),
    clients: only(() => s.z),
  },
  'intake.get': { window: W.a, input: () => ({ clientId: s.x }), clients: only(() => s.x) },
  'intake.save': { window: W.a, input: () => intake(s.z), clients: only(() => s.z) },
  'intake.complete': {
    window: W.a,
    input: async () => {
      for (const kind of ['treatment', 'privacy_notice'] as const)
        await p.ok('consents.record', consent(s.z, kind), W.a);
      return { clientId: s.z };
    },
    clients: only(() => s.z),
  },
  'consents.record': { window: W.a, input: () => consent(s.x, 'telehealth'), clients: only(() => s.x) },
  'screenings.record': {
    window: W.a,
    input: () => ({
      clientId: s.x,
      instrument: 'gad7',
      administeredOn: '2026-01-05',
      items: [1, 1, 0, 0, 1, 0, 0],
      context: 'intake',
    }),
    clients: only(() => s.x),
  },
  'screenings.list': { window: W.a, input: () => ({ clientId: s.x }), clients: only(() => s.x) },
  'diagnoses.searchCodes': { noPhi: 'the shipped ICD-10-CM code list; no client’s data' },
  'diagnoses.list': { window: W.a, input: () => ({ clientId: s.x }), clients: only(() => s.x) },
  'diagnoses.add': {
    window: W.a,
    input: () => ({ clientId: s.x, code: 'F41.1', status: 'active', part2: false }),
    clients: only(() => s.x),
  },
  'diagnoses.change': {
    window: W.a,
    input: async () => ({
      diagnosisId:
        (await p.ok('diagnoses.add', { clientId: s.z, code: 'F32.1', status: 'active', part2: false }, W.a))
          .diagnoses[0]?.id ?? '',
      status: 'resolved',
      onsetDate: null,
    }),
    clients: only(() => s.z),
  },
  'diagnoses.reorder': {
    window: W.a,
    input: async () => {
      await p.ok('diagnoses.add', { clientId: s.z, code: 'F43.10', status: 'active', part2: false }, W.a);
      const l = await p.ok(
        'diagnoses.add',
        { clientId: s.z, code: 'F40.10', status: 'active', part2: false },
        W.a,
      );
      return {
        clientId: s.z,
        order: l.diagnoses
          .filter((d) => d.current.rank !== null)
          .map((d) => d.id)
          .reverse(),
      };
    },
    clients: only(() => s.z),
  },
  'diagnoses.history': {
    window: W.a,
    input: async () => ({
      diagnosisId:
        (
          await p.ok('diagnoses.add', { clientId: s.x, code: 'F90.0', status: 'active', part2: false }, W.a)
        ).diagnoses.find((d) => d.code === 'F90.0')?.id ?? '',
    }),
    clients: only(() => s.x),
  },
  'plans.ofClient': {
    window: W.a,
    input: async () => {
      await draftPlan();
      return { clientId: planCase.clientId };
    },
    clients: only(planClient),
  },
  'plans.get': {
    window: W.a,
    input: async () => ({ planId: await signedPlan() }),
    clients: only(planClient),
  },
  'plans.createDraft': {
    window: W.a,
    input: async () => {
      planCase.clientId = (await p.ok('clients.create', adultClient(s.a), W.a)).id;
      return { clientId: planCase.clientId };
    },
    clients: only(planClient),
  },
  'plans.saveDraft': {
    window: W.a,
    input: async () => ({
      planId: await draftPlan(),
      content: planContent(),
      reviewDueOn: '2026-05-31',
      part2: false,
    }),
    clients: only(planClient),
  },
  'plans.discardDraft': {
    window: W.a,
    input: async () => ({ planId: await draftPlan() }),
    clients: only(planClient),
  },
  'plans.signAsClinician': {
    window: W.a,
    input: async () => ({ planId: await draftPlan() }),
    clients: only(planClient),
  },
  'plans.recordClientSignature': {
    window: W.a,
    input: async () => ({
      planId: await clinicianSignedPlan(),
      signer: 'representative',
      signerName: 'Jordan Fictus',
      authority: 'Health care power of attorney',
      signedOn: '2026-03-02',
    }),
    clients: only(planClient),
  },
  'plans.recordReview': {
    window: W.a,
    input: async () => ({ planId: await signedPlan(), reviewedOn: '2026-03-02', outcome: 'revise' }),
    clients: only(planClient),
  },
  'plans.reviewsDue': {
    window: W.a,
    input: async () => {
      await signedPlan('2026-03-05');
      return {};
    },
    clients: (r) => ids(r, 'clientId'),
    shown: (r) => ids(r, 'clientId'),
  },
  'plans.settings': { noPhi: 'the practice’s plan review interval' },
  'plans.updateSettings': { noPhi: 'the practice’s plan review interval' },
  'notes.saveDraft': { window: W.a, input: () => dapNote(s.z), clients: only(() => s.z) },
  'notes.get': { window: W.a, input: () => ({ noteId: s.xNote }), clients: only(() => s.x) },
  'notes.print': { window: W.a, input: () => ({ noteId: s.xNote }), clients: only(() => s.x) },
  'notes.printChartSummary': { window: W.a, input: () => ({ clientId: s.x }), clients: only(() => s.x) },
  'notes.sign': {
    window: W.a,
    input: async () => ({ noteId: (await p.ok('notes.saveDraft', dapNote(s.x), W.a)).noteId }),
    clients: only(() => s.x),
  },
  'notes.discardDraft': {
    window: W.a,
    input: async () => ({ noteId: (await p.ok('notes.saveDraft', dapNote(s.x), W.a)).noteId }),
    clients: only(() => s.x),
  },
  'notes.addAddendum': {
    window: W.a,
    input: () => ({ noteId: s.xNote, text: 'Synthetic: corrected the session length.' }),
    clients: only(() => s.x),
  },
  'notes.myDrafts': {
    window: W.a,
    input: () => ({}),
    // The draft notes.saveDraft left above, for Z.
    clients: only(() => s.z),
    shown: (r) => ids(r, 'clientId'),
  },
  'notes.timeline': { window: W.a, input: () => ({ clientId: s.x }), clients: only(() => s.x) },
  'notes.linkOptions': { window: W.a, input: () => ({ clientId: s.x }), clients: only(() => s.x) },
  'notes.search': {
    window: W.a,
    // The word is in X's notes and in B's note for Y. A reads X's, and B's note for Y because it
    // waits for A's co-signature (mayReadNote, as notes.get and notes.cosign answer): search
    // returns both, and the entry must name exactly both.
    input: () => ({ query: 'lanternword' }),
    clients: only(
      () => s.x,
      () => s.y,
    ),
    shown: (r) => ids(r, 'clientId'),
  },
  'notes.cosignQueue': {
    window: W.a,
    input: () => ({}),
    // A supervises B: B's note for Y waits for A's co-signature, though A is not on Y's team.
    clients: only(() => s.y),
    shown: (r) => ids(r, 'clientId'),
  },
  'notes.cosign': { window: W.a, input: () => ({ noteId: s.yNote }), clients: only(() => s.y) },
  'releases.list': {
    window: W.a,
    input: () => ({}),
    clients: only(() => s.x),
    shown: (r) => [...new Set(ids(r, 'clientId'))],
  },
  'releases.reviewQueue': {
    window: W.a,
    // Z's request, authorized, waits for A; X's is still a draft.
    input: async () => {
      const id = await newRequest(thirdParty(s.z));
      await p.ok('releases.addAuthorization', hipaaAuthorization(id), W.desk);
      await p.ok('releases.authorize', { requestId: id }, W.desk);
      return {};
    },
    clients: only(() => s.z),
    shown: (r) => [...new Set(ids(r, 'clientId'))],
  },
  'releases.create': { window: W.desk, input: () => thirdParty(s.x), clients: only(() => s.x) },
  'releases.get': { window: W.a, input: () => ({ requestId: s.xRequest }), clients: only(() => s.x) },
  'releases.addAuthorization': {
    window: W.desk,
    input: () => hipaaAuthorization(s.xRequest),
    clients: only(() => s.x),
  },
  'releases.authorize': {
    window: W.desk,
    input: () => ({ requestId: s.xRequest }),
    clients: only(() => s.x),
  },
  'releases.preview': {
    window: W.a,
    input: () => ({ requestId: s.xRequest, selection: SELECTION }),
    clients: only(() => s.x),
  },
  'releases.approve': {
    window: W.a,
    input: () => ({ requestId: s.xRequest, selection: SELECTION }),
    clients: only(() => s.x),
  },
  'releases.deny': {
    window: W.a,
    input: async () => {
      s.deniedRequest = await newRequest(accessRequest(s.x));
      return {
        requestId: s.deniedRequest,
        ground: 'endanger_life_safety',
        explanation: 'Synthetic: reasonably likely to endanger the client',
      };
    },
    clients: only(() => s.x),
  },
  'releases.extend': {
    window: W.desk,
    input: async () => ({
      requestId: await newRequest(accessRequest(s.x)),
      reason: 'Synthetic: records are in off-site storage',
      notifiedOn: '2026-03-01',
    }),
    clients: only(() => s.x),
  },
  'releases.revokeAuthorization': {
    window: W.desk,
    input: async () => {
      const id = await newRequest(thirdParty(s.x));
      const r = await p.ok('releases.addAuthorization', hipaaAuthorization(id), W.desk);
      return { authorizationId: r.authorizations[0]?.id ?? '', revokedOn: '2026-03-02' };
    },
    clients: only(() => s.x),
  },
  'releases.export': { window: W.desk, input: () => ({ requestId: s.xRequest }), clients: only(() => s.x) },
  'releases.denialLetter': {
    window: W.desk,
    input: () => ({ requestId: s.deniedRequest }),
    clients: only(() => s.x),
  },
  'releases.exportDenialLetter': {
    window: W.desk,
    input: () => ({ requestId: s.deniedRequest }),
    clients: only(() => s.x),
  },
  'audit.clientHistory': { window: W.a, input: () => ({ clientId: s.x }), clients: only(() => s.x) },
  'disclosures.accounting': {
    window: W.desk,
    input: () => ({ clientId: s.x, includeAll: true }),
    clients: only(() => s.x),
  },
  'disclosures.record': {
    window: W.a,
    input: () => ({
      clientId: s.x,
      disclosedOn: '2026-03-01',
      recipientName: 'Example County Child Protective Services',
      description: 'Verbal report (synthetic)',
      purpose: 'Mandated report under state law',
      basis: 'mandated_report',
    }),
    clients: only(() => s.x),
  },
  'amendments.list': { window: W.desk, input: () => ({ clientId: s.x }), clients: only(() => s.x) },
  'amendments.records': { window: W.desk, input: () => ({ clientId: s.x }), clients: only(() => s.x) },
  'amendments.create': { window: W.desk, input: amendmentInput, clients: only(() => s.x) },
  'amendments.extend': {
    window: W.desk,
    input: async () => ({
      requestId: await newAmendment(),
      reason: 'Synthetic: the author is on leave.',
      notifiedOn: '2026-03-02',
    }),
    clients: only(() => s.x),
  },
  'amendments.accept': {
    window: W.a,
    input: async () => ({ requestId: await newAmendment(), amendmentText: 'Synthetic: corrected.' }),
    clients: only(() => s.x),
  },
  'amendments.deny': {
    window: W.a,
    input: async () => ({
      requestId: await newAmendment(),
      basis: 'accurate_complete',
      explanation: 'Synthetic: as written.',
    }),
    clients: only(() => s.x),
  },
  'amendments.recordStatement': {
    window: W.desk,
    input: async () => ({
      requestId: await newAmendment('deny'),
      text: 'Synthetic: I disagree.',
      filedOn: '2026-03-02',
    }),
    clients: only(() => s.x),
  },
  'amendments.recordRebuttal': {
    window: W.a,
    input: async () => {
      const requestId = await newAmendment('deny');
      await p.ok(
        'amendments.recordStatement',
        { requestId, text: 'Synthetic: I disagree.', filedOn: '2026-03-02' },
        W.desk,
      );
      return { requestId, text: 'Synthetic: we stand by it.', writtenOn: '2026-03-02' };
    },
    clients: only(() => s.x),
  },
  'amendments.setInclude': {
    window: W.desk,
    input: async () => ({ requestId: await newAmendment('deny'), include: true, askedOn: '2026-03-02' }),
    clients: only(() => s.x),
  },
  'amendments.proposeNotices': {
    window: W.a,
    input: async () => ({ requestId: await newAmendment('accept') }),
    clients: only(() => s.x),
  },
  'amendments.agreeNotices': {
    window: W.a,
    input: async () => ({ requestId: await newAmendment('accept'), agreedOn: '2026-03-02', recipients: [] }),
    clients: only(() => s.x),
  },
  'amendments.writeLetter': {
    window: W.a,
    input: async () => ({ requestId: await newAmendment('deny'), kind: 'denial' }),
    clients: only(() => s.x),
  },
  'amendments.ofRecord': {
    window: W.a,
    input: () => ({ clientId: s.x, itemKind: 'note', recordId: s.xNote }),
    clients: only(() => s.x),
  },
  'amendments.amended': { window: W.a, input: () => ({ clientId: s.x }), clients: only(() => s.x) },
  'retention.getSettings': { noPhi: 'the practice’s retention rule' },
  'retention.updateSettings': { noPhi: 'the practice’s retention rule' },
  'retention.overview': {
    window: W.owner,
    // A chart under a legal hold is listed whatever its dates (none is past retention in 2026).
    input: async () => {
      await p.ok('retention.placeHold', { clientId: s.y, reason: 'Synthetic litigation' }, W.owner);
      return {};
    },
    clients: (r) => ids((r as { charts: unknown }).charts, 'clientId'),
    shown: (r) => ids((r as { charts: unknown }).charts, 'clientId'),
  },
  'retention.placeHold': {
    window: W.owner,
    input: () => ({ clientId: s.x, reason: 'Synthetic subpoena' }),
    clients: only(() => s.x),
  },
  'retention.liftHold': {
    window: W.owner,
    input: async () => {
      const held = await p.ok(
        'retention.placeHold',
        { clientId: s.z, reason: 'Synthetic subpoena' },
        W.owner,
      );
      return { holdId: held.id, reason: 'Synthetic: matter closed' };
    },
    clients: only(() => s.z),
  },
  'retention.destroyChart': {
    noPhi: 'returns a destroyed chart’s tombstone (its number and dates), never its content',
  },
  'retention.recordDeletionRequest': {
    window: W.desk,
    input: () => ({ clientId: s.x, receivedOn: '2026-03-01', requestText: 'Synthetic: delete my record.' }),
    clients: only(() => s.x),
  },
  'retention.deletionRequests': {
    window: W.desk,
    input: () => ({ clientId: s.x }),
    clients: only(() => s.x),
  },
  'retention.answerDeletionRequest': {
    noPhi: 'writes a letter to a folder and returns its folder name and hash',
  },
  'restrictions.list': { window: W.desk, input: () => ({ clientId: s.x }), clients: only(() => s.x) },
  'restrictions.record': {
    window: W.desk,
    input: () => ({
      clientId: s.x,
      receivedOn: '2026-03-01',
      request: 'Synthetic: not to my health plan.',
      selfPay: false,
      scope: { recordTypes: ['progress_notes'], noteIds: [] },
      recipient: { kind: 'health_plan' },
      purposes: [],
    }),
    clients: (r) => [(r as { clientId: string }).clientId],
  },
  'restrictions.decide': {
    window: W.a,
    input: async () => ({
      restrictionId: (
        await p.ok(
          'restrictions.record',
          {
            clientId: s.x,
            receivedOn: '2026-03-01',
            request: 'Synthetic: not to my health plan.',
            selfPay: false,
            scope: { recordTypes: ['progress_notes'], noteIds: [] },
            recipient: { kind: 'health_plan' },
            purposes: [],
          },
          W.desk,
        )
      ).id,
      decision: 'agree',
      decidedOn: '2026-03-02',
    }),
    clients: only(() => s.x),
  },
  'restrictions.terminate': {
    window: W.a,
    input: async () => {
      const list = await p.ok('restrictions.list', { clientId: s.x }, W.a);
      const agreed = list.restrictions.find((r) => r.status === 'agreed');
      return {
        restrictionId: agreed?.id,
        how: 'client_oral',
        on: '2026-03-02',
        note: 'Synthetic: by phone.',
      };
    },
    clients: only(() => s.x),
  },
  'denials.reviewSettings': { noPhi: 'who the reviewing official is and the target days; no client' },
  'denials.saveReviewSettings': { noPhi: 'the owner names the reviewing official; no client' },
  'denials.reviewsOfRelease': {
    window: W.desk,
    input: () => ({ requestId: s.deniedRequest }),
    clients: only(() => s.x),
  },
  'denials.requestReview': {
    window: W.desk,
    input: async () => {
      await p.ok('denials.saveReviewSettings', { official: OUTSIDE_REVIEWER, targetDays: 10 }, W.owner);
      return { requestId: s.deniedRequest, receivedOn: '2026-03-02', receivedHow: 'written' };
    },
    clients: only(() => s.x),
  },
  'denials.decideReview': {
    window: W.owner,
    input: async () => ({
      reviewId: (await p.ok('denials.reviewsOfRelease', { requestId: s.deniedRequest }, W.owner)).reviews[0]
        ?.id,
      outcome: 'upheld',
      reasons: 'Synthetic: the reviewer agrees with the denial',
      decidedOn: '2026-03-02',
    }),
    clients: only(() => s.x),
  },
  'denials.writeReviewNotice': {
    window: W.desk,
    input: async () => ({
      reviewId: (await p.ok('denials.reviewsOfRelease', { requestId: s.deniedRequest }, W.desk)).reviews[0]
        ?.id,
    }),
    clients: only(() => s.x),
  },
  'suspensions.list': { window: W.desk, input: () => ({ clientId: s.x }), clients: only(() => s.x) },
  'suspensions.record': {
    window: W.a,
    input: () => ({
      clientId: s.x,
      recipientName: 'Example County Child Protective Services',
      kind: 'oral',
      agency: 'Example County Child Protective Services',
      official: 'Investigator Sample, intake unit',
      statedOn: '2026-03-02',
    }),
    clients: only(() => s.x),
  },
};

/** The clients an audit entry names: its client target, its detail's client ids, or the client of the release or note it names. */
async function clientsNamed(fromSeq: number): Promise<{ clients: Set<string>; entries: number }> {
  const db = readDb(p.core.ctx);
  const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>', fromSeq).execute();
  const clients = new Set<string>();
  for (const row of rows) {
    const detail = JSON.parse(row.detail) as { clientId?: unknown; clientIds?: unknown };
    if (row.target_type === 'client' && row.target_id) clients.add(row.target_id);
    if (typeof detail.clientId === 'string') clients.add(detail.clientId);
    if (Array.isArray(detail.clientIds)) for (const id of detail.clientIds) clients.add(String(id));
    if (row.target_type === 'release' && row.target_id) {
      const r = await db
        .selectFrom('release_requests')
        .select('client_id')
        .where('id', '=', row.target_id)
        .executeTakeFirst();
      if (r) clients.add(r.client_id);
    }
    if (row.target_type === 'note' && row.target_id) {
      const n = await db
        .selectFrom('notes')
        .select('client_id')
        .where('id', '=', row.target_id)
        .executeTakeFirst();
      if (n) clients.add(n.client_id);
    }
  }
  return { clients, entries: rows.length };
}

async function lastSeq(): Promise<number> {
  return (await p.core.ctx.audit.head(readDb(p.core.ctx))).count;
}

beforeAll(async () => {
  p = await makePractice({ clock });
  p.folder.next = out.path;
  s.a = (await signedInStaff(p, 'clinician', 'Dr. Ada Coverage', W.a)).id;
  s.b = (await signedInStaff(p, 'clinician', 'Dr. Bo Coverage', W.b)).id;
  await signedInStaff(p, 'front_desk', 'Dee Coverage', W.desk);
  await p.ok('staff.setSupervisor', { superviseeId: s.b, supervisorId: s.a }, W.owner);
  s.x = (await p.ok('clients.create', adultClient(s.a), W.desk)).id;
  s.y = (
    await p.ok(
      'clients.create',
      adultClient(s.b, { legalFirstName: 'Blake', legalLastName: 'Othercase' }),
      W.desk,
    )
  ).id;
  s.z = (
    await p.ok(
      'clients.create',
      adultClient(s.a, { legalFirstName: 'Zoe', legalLastName: 'Thirdcase' }),
      W.desk,
    )
  ).id;
  await p.ok('intake.save', intake(s.x, { substanceUsePart2: true }), W.a);
  s.xNote = await signedNote(p, W.a, s.x, '2026-01-12', 'lanternword');
  await signedNote(p, W.a, s.x, '2026-01-19', 'lanternword', { part2: true });
  s.yNote = await signedNote(p, W.b, s.y, '2026-01-14', 'lanternword');
  s.xRequest = await newRequest(thirdParty(s.x));
  await newRequest(thirdParty(s.y));
});
afterAll(async () => {
  await p.close();
  out.remove();
});

describe('read coverage', () => {
  it('has an expectation for every channel in the contract', () => {
    const missing = Object.keys(contract).filter((c) => !(c in EXPECTATIONS));
    expect(missing).toEqual([]);
    for (const [channel, e] of Object.entries(EXPECTATIONS))
      if ('noPhi' in e) expect(e.noPhi.length, channel).toBeGreaterThan(0);
  });

  // In the contract's order, so each step finds what the ones before it left (a release approved
  // before it is exported).
  const probes = (Object.keys(contract) as Channel[]).flatMap((c) => {
    const e = EXPECTATIONS[c];
    return e && !('noPhi' in e) ? [[c, e] as const] : [];
  });

  it.each(probes)('%s names exactly the clients whose data it returned', async (channel, probe) => {
    const input = await probe.input();
    const before = await lastSeq();
    const result = await p.call(channel, input as never, probe.window);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    const named = await clientsNamed(before);
    const expected = probe.clients(result.value).sort();
    expect(expected.length, 'the probe returns some client’s data').toBeGreaterThan(0);
    expect([...named.clients].sort()).toEqual(expected);
    if (probe.shown) expect([...new Set(probe.shown(result.value))].sort()).toEqual(expected);
  });
});
