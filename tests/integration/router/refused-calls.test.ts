// A refused call changes nothing (issue 15; DESIGN.md section 3). On a seeded practice, every
// channel in the contract is called through the real router by each role its access list leaves
// out, with a record-level refusal where one exists (another clinician's client, another author's
// draft, a release the caller may not decide), with malformed input, and from an expired session.
// A fingerprint of every table in the database (listed from sqlite_master, so a new table is
// covered without editing this file) must be the same afterwards; the audit log may gain only one
// 'access.denied' entry for a FORBIDDEN answer, naming the caller and the channel, never a 'view'.
// A channel added to the contract without a row in VALID and in RECORD fails the first test.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type Channel } from '../../../preload/contract.ts';
import type { ErrorCode, Role } from '../../../preload/contract/common.ts';
import { adultClient, intake, minorClient } from '../../helpers/clients.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import {
  APP_ORIGIN,
  makePractice,
  OWNER,
  PRACTICE,
  signedInStaff,
  type TestPractice,
} from '../../helpers/make-practice.ts';
import { dapNote, signedNote } from '../../helpers/notes.ts';
import { planContent } from '../../helpers/plans.ts';
import { accessRequest, hipaaAuthorization, thirdParty } from '../../helpers/releases.ts';

/** Windows: the owner (signed in at setup), clinicians A, B (A supervises B) and C, front desk. */
const W = {
  owner: 'w1',
  a: 'w-a',
  b: 'w-b',
  c: 'w-c',
  desk: 'w-desk',
  /** A's second window, locked for inactivity before the tests. */
  expired: 'w-expired',
  /** A window nobody signed in at. */
  never: 'w-never',
};
const ROLE_WINDOW: Record<Role, string> = { owner: W.owner, clinician: W.a, front_desk: W.desk };
const MISSING = '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed';
const SELECTION = {
  recordTypes: ['progress_notes' as const],
  from: '2026-01-01',
  to: '2026-02-28',
  includePart2: false,
};
const NEW_PASSWORD = 'willow-basalt-fjord-12';

const clock = new FakeClock(Date.parse('2026-03-02T15:00:00Z'));
let p: TestPractice;
/**
 * The seeded practice. X is A's client (C on its care team; a Part 2 note, a psychotherapy note, a
 * third-party request ready for review). Y is B's client (A is not on its team; B's draft, a note
 * waiting for A's co-signature, a request with an authorization, an access request).
 */
const s = {
  owner: '',
  /** B's caseload to be covered by C next month (issue 21), arranged by B. */
  bCover: '',
  a: '',
  b: '',
  c: '',
  desk: '',
  aUsername: '',
  aPassword: '',
  x: '',
  y: '',
  xNote: '',
  xPart2Note: '',
  xProcessNote: '',
  yNote: '',
  bDraft: '',
  xRequest: '',
  xRestriction: '',
  xAmendment: '',
  yAmendment: '',
  yRequest: '',
  yAuthorization: '',
  yAccess: '',
  yDiagnosis: '',
  yPlan: '',
};
const consent = (clientId: string) => ({
  clientId,
  kind: 'treatment' as const,
  givenOn: '2026-01-05',
  basis: 'client' as const,
  signatures: [{ signerName: 'Avery Fictus', signerRole: 'client' as const, signedOn: '2026-01-05' }],
});
const screening = (clientId: string) => ({
  clientId,
  instrument: 'gad7' as const,
  administeredOn: '2026-01-05',
  items: [1, 1, 0, 0, 1, 0, 0],
  context: 'intake' as const,
});
const amendmentRequest = (clientId: string, noteId: string) => ({
  clientId,
  receivedOn: '2026-03-01',
  requestText: 'Synthetic: please correct the date in this note.',
  records: [{ itemKind: 'note' as const, recordId: noteId }],
  includeIfDenied: false,
  notify: [],
});
const yAuthorization = () => hipaaAuthorization(s.yRequest, { signedBy: 'Blake Othercase' });
const manualDisclosure = (clientId: string) => ({
  clientId,
  disclosedOn: '2026-03-01',
  recipientName: 'Example County Child Protective Services',
  description: 'Verbal report (synthetic)',
  purpose: 'Mandated report under state law',
  basis: 'mandated_report' as const,
});

/**
 * A valid input for every channel (each is checked against the channel's schema): what a role the
 * channel does not allow sends, what the expired session sends, and what the malformed inputs are
 * made from.
 */
const VALID: Record<string, () => unknown> = {
  'app.status': () => ({}),
  'setup.createPractice': () => ({
    practice: PRACTICE,
    owner: { displayName: 'Another Owner', username: 'anotherowner', password: NEW_PASSWORD },
  }),
  'setup.confirmRecoveryKey': () => ({ recoveryKey: p.recoveryKey }),
  'vault.rotateRecoveryKey': () => ({}),
  'vault.rotateDataKey': () => ({ newRecoveryKey: false, recoveryKey: p.recoveryKey }),
  'auth.signIn': () => ({ username: OWNER.username, password: OWNER.password }),
  'auth.recover': () => ({ recoveryKey: p.recoveryKey, username: OWNER.username, newPassword: NEW_PASSWORD }),
  'auth.signOut': () => ({}),
  'auth.changePassword': () => ({ currentPassword: s.aPassword, newPassword: NEW_PASSWORD }),
  'secondFactor.mine': () => ({}),
  'secondFactor.startEnrolment': () => ({ currentPassword: s.aPassword }),
  'secondFactor.confirmEnrolment': () => ({ code: '123456' }),
  'secondFactor.disable': () => ({ currentPassword: s.aPassword, code: '123456' }),
  'secondFactor.verify': () => ({ code: '123456' }),
  'secondFactor.getPolicy': () => ({}),
  'secondFactor.setPolicy': () => ({ policy: 'everyone' }),
  'secondFactor.staff': () => ({}),
  'secondFactor.reset': () => ({ userId: s.a }),
  'practice.get': () => ({}),
  'practice.update': () => ({ ...PRACTICE, phone: '(555) 010-2999' }),
  'practice.stateLaw': () => ({}),
  'practice.updateStateLaw': () => ({
    deadlines: {
      accessDays: 15,
      accessExtensionDays: 15,
      amendmentDays: 60,
      amendmentExtensionDays: 30,
      accountingDays: 60,
      accountingExtensionDays: 30,
    },
    stateNotice: 'You may also complain to the state mental health board (synthetic).',
  }),
  'due.list': () => ({}),
  'staff.list': () => ({}),
  'templates.list': () => ({}),
  'templates.available': () => ({}),
  'templates.create': () => ({
    name: 'Synthetic follow-up',
    sections: [{ label: 'Presenting concern', required: true, help: '' }],
  }),
  'templates.supersede': () => ({
    templateId: MISSING,
    basedOn: 1,
    name: 'Synthetic follow-up',
    sections: [{ label: 'Presenting concern', required: true, help: '' }],
  }),
  'templates.retire': () => ({ templateId: MISSING }),
  'staff.create': () => ({
    displayName: 'Dr. Newly Hired',
    username: 'newlyhired',
    role: 'clinician',
    temporaryPassword: NEW_PASSWORD,
  }),
  'staff.changeRole': () => ({ userId: s.b, role: 'front_desk' }),
  'staff.deactivate': () => ({ userId: s.b, receiverId: s.a }),
  'staff.deactivationPlan': () => ({ userId: s.b }),
  'staff.invite': () => ({ displayName: 'Dr. Newly Invited', username: 'newlyinvited', role: 'clinician' }),
  'staff.reissueInvitation': () => ({ userId: s.b }),
  'staff.withdrawInvitation': () => ({ userId: s.b }),
  'staff.setCustodian': () => ({ clinicianId: s.b, custodianId: s.a }),
  'staff.resetPassword': () => ({ userId: s.b, temporaryPassword: NEW_PASSWORD }),
  'audit.list': () => ({ filter: {}, limit: 10 }),
  'audit.verify': () => ({}),
  'audit.status': () => ({}),
  'audit.acknowledgeAlarm': () => ({ confirm: true }),
  'audit.exportCsv': () => ({ filter: {} }),
  'audit.clientHistory': () => ({ clientId: s.x }),
  'clients.search': () => ({ query: 'fictus' }),
  'clients.create': () => adultClient(s.a, { legalFirstName: 'Casey', legalLastName: 'Newchart' }),
  'clients.get': () => ({ clientId: s.x }),
  'clients.update': () => ({ clientId: s.x, ...adultClient(s.a, { phone: '(555) 010-1212' }) }),
  'clients.setConfidentialCommunications': () => ({
    clientId: s.x,
    communications: {
      address: { line1: '9 Lantern Way', city: 'Brookfield', region: 'OR', postalCode: '97000' },
      phone: '503-555-0144',
      noVoicemail: true,
      note: 'Text before calling.',
    },
  }),
  'clients.setStatus': () => ({
    clientId: s.x,
    status: 'inactive',
    effectiveDate: '2026-03-01',
    reason: 'Synthetic pause',
  }),
  'clients.addCareTeamMember': () => ({ clientId: s.x, userId: s.b }),
  'clients.removeCareTeamMember': () => ({ clientId: s.x, userId: s.c }),
  'staff.directory': () => ({}),
  'intake.get': () => ({ clientId: s.x }),
  'intake.save': () => intake(s.x),
  'intake.complete': () => ({ clientId: s.x }),
  'consents.record': () => consent(s.x),
  'screenings.record': () => screening(s.x),
  'screenings.list': () => ({ clientId: s.x }),
  'diagnoses.searchCodes': () => ({ query: 'F41' }),
  'diagnoses.list': () => ({ clientId: s.x }),
  'diagnoses.add': () => ({ clientId: s.x, code: 'F41.1', status: 'active', part2: false }),
  'diagnoses.change': () => ({ diagnosisId: s.yDiagnosis, status: 'resolved', onsetDate: null }),
  'diagnoses.reorder': () => ({ clientId: s.y, order: [s.yDiagnosis] }),
  'diagnoses.history': () => ({ diagnosisId: s.yDiagnosis }),
  'cover.grantCover': () => ({
    absentId: s.a,
    covererId: s.c,
    startsAt: new Date(clock.now()).toISOString(),
    endsAt: new Date(clock.now() + 86_400_000).toISOString(),
    reason: 'Annual leave (synthetic)',
  }),
  'cover.endCover': () => ({ grantId: s.bCover }),
  'cover.listCovers': () => ({}),
  'emergency.open': () => ({
    clientId: s.x,
    reason: 'danger',
    details: 'Synthetic: a crisis call.',
    confirmed: true,
  }),
  'emergency.find': () => ({ chartNumber: 'SW-99999', dateOfBirth: '1990-01-01' }),
  'emergency.status': () => ({ clientId: s.x }),
  'emergency.listUnacknowledged': () => ({}),
  'emergency.acknowledge': () => ({ grantId: MISSING }),
  'emergency.getSettings': () => ({}),
  'emergency.setSettings': () => ({ minutes: 30 }),
  'plans.ofClient': () => ({ clientId: s.x }),
  'plans.get': () => ({ planId: s.yPlan }),
  'plans.createDraft': () => ({ clientId: s.x }),
  'plans.saveDraft': () => ({
    planId: s.yPlan,
    content: planContent(),
    reviewDueOn: '2026-05-31',
    part2: false,
  }),
  'plans.discardDraft': () => ({ planId: s.yPlan }),
  'plans.signAsClinician': () => ({ planId: s.yPlan }),
  'plans.recordClientSignature': () => ({
    planId: s.yPlan,
    signer: 'client',
    signerName: 'Blake Othercase',
    signedOn: '2026-03-02',
  }),
  'plans.recordReview': () => ({
    planId: s.yPlan,
    reviewedOn: '2026-03-02',
    outcome: 'continue',
    nextReviewOn: '2026-06-01',
  }),
  'plans.reviewsDue': () => ({}),
  'plans.settings': () => ({}),
  'plans.updateSettings': () => ({ reviewDays: 60 }),
  'drafts.save': () => ({ key: 'client-new', data: { legalFirstName: 'Cas' } }),
  'drafts.get': () => ({ key: 'client-new' }),
  'drafts.discard': () => ({ key: 'client-new' }),
  'notes.saveDraft': () => dapNote(s.x),
  'notes.get': () => ({ noteId: s.xNote }),
  'notes.linkOptions': () => ({ clientId: s.x }),
  'notes.sign': () => ({ noteId: s.bDraft }),
  'notes.discardDraft': () => ({ noteId: s.bDraft }),
  'notes.addAddendum': () => ({ noteId: s.xNote, text: 'Synthetic: corrected the session length.' }),
  'notes.myDrafts': () => ({}),
  'notes.timeline': () => ({ clientId: s.x }),
  'notes.search': () => ({ query: 'lanternword' }),
  'notes.cosignQueue': () => ({}),
  'notes.cosign': () => ({ noteId: s.yNote }),
  'notes.print': () => ({ noteId: s.xNote }),
  'notes.printChartSummary': () => ({ clientId: s.x }),
  'staff.setSupervisor': () => ({ superviseeId: s.c, supervisorId: s.a }),
  'staff.supervision': () => ({}),
  'session.activity': () => ({}),
  'session.lock': () => ({}),
  'session.draftFlushed': () => ({}),
  'settings.getSession': () => ({}),
  'settings.updateSession': () => ({ timeoutMinutes: 10, warningSeconds: 60 }),
  'releases.list': () => ({}),
  'releases.reviewQueue': () => ({}),
  'releases.create': () => thirdParty(s.x),
  'releases.get': () => ({ requestId: s.xRequest }),
  'releases.addAuthorization': () => hipaaAuthorization(s.xRequest),
  'releases.authorize': () => ({ requestId: s.xRequest }),
  'releases.preview': () => ({ requestId: s.xRequest, selection: SELECTION }),
  'releases.approve': () => ({ requestId: s.xRequest, selection: SELECTION }),
  'releases.deny': () => ({ requestId: s.xRequest, explanation: 'Synthetic: not this time' }),
  'releases.extend': () => ({
    requestId: s.yAccess,
    reason: 'Synthetic: records are in off-site storage',
    notifiedOn: '2026-03-01',
  }),
  'releases.revokeAuthorization': () => ({ authorizationId: s.yAuthorization, revokedOn: '2026-03-02' }),
  'releases.export': () => ({ requestId: s.xRequest }),
  'releases.denialLetter': () => ({ requestId: s.xRequest }),
  'releases.exportDenialLetter': () => ({ requestId: s.xRequest }),
  'releases.verifyPackage': () => ({}),
  'releases.pendingProblems': () => ({}),
  'disclosures.accounting': () => ({ clientId: s.x, includeAll: true }),
  'disclosures.record': () => manualDisclosure(s.x),
  'amendments.list': () => ({ clientId: s.x }),
  'amendments.records': () => ({ clientId: s.x }),
  'amendments.create': () => amendmentRequest(s.x, s.xNote),
  'amendments.extend': () => ({
    requestId: s.xAmendment,
    reason: 'Synthetic: the author is on leave.',
    notifiedOn: '2026-03-02',
  }),
  'amendments.accept': () => ({ requestId: s.xAmendment, amendmentText: 'Synthetic: corrected.' }),
  'amendments.deny': () => ({
    requestId: s.xAmendment,
    basis: 'accurate_complete',
    explanation: 'Synthetic: as written.',
  }),
  'amendments.recordStatement': () => ({
    requestId: s.xAmendment,
    text: 'Synthetic: I disagree.',
    filedOn: '2026-03-02',
  }),
  'amendments.recordRebuttal': () => ({
    requestId: s.xAmendment,
    text: 'Synthetic: we stand by it.',
    writtenOn: '2026-03-02',
  }),
  'amendments.setInclude': () => ({ requestId: s.xAmendment, include: true, askedOn: '2026-03-02' }),
  'amendments.proposeNotices': () => ({ requestId: s.xAmendment }),
  'amendments.agreeNotices': () => ({ requestId: s.xAmendment, agreedOn: '2026-03-02', recipients: [] }),
  'amendments.writeLetter': () => ({ requestId: s.xAmendment, kind: 'denial' }),
  'amendments.ofRecord': () => ({ clientId: s.x, itemKind: 'note', recordId: s.xNote }),
  'amendments.amended': () => ({ clientId: s.x }),
  'retention.getSettings': () => ({}),
  'retention.updateSettings': () => ({ clinicalYears: 7, minorYearsAfterMajority: 7, ageOfMajority: 18 }),
  'retention.overview': () => ({}),
  'retention.placeHold': () => ({ clientId: s.x, reason: 'Synthetic subpoena' }),
  'retention.liftHold': () => ({ holdId: MISSING, reason: 'Synthetic: matter closed' }),
  'retention.destroyChart': () => ({ clientId: s.x, confirmChartNumber: 'SW-00001', reason: 'Routine' }),
  'retention.recordDeletionRequest': () => ({
    clientId: s.x,
    receivedOn: '2026-03-01',
    requestText: 'Synthetic: please delete my record.',
  }),
  'retention.deletionRequests': () => ({ clientId: s.x }),
  'retention.answerDeletionRequest': () => ({ requestId: MISSING }),
  'restrictions.list': () => ({ clientId: s.x }),
  'restrictions.record': () => ({
    clientId: s.x,
    receivedOn: '2026-03-01',
    request: 'Synthetic: not to my health plan.',
    selfPay: false,
    scope: { recordTypes: ['progress_notes'], noteIds: [] },
    recipient: { kind: 'health_plan' },
    purposes: [],
  }),
  'restrictions.decide': () => ({
    restrictionId: s.xRestriction,
    decision: 'agree',
    decidedOn: '2026-03-02',
  }),
  'restrictions.terminate': () => ({
    restrictionId: s.xRestriction,
    how: 'client_written',
    on: '2026-03-02',
    note: 'Synthetic: the client’s letter.',
  }),
  'denials.reviewSettings': () => ({}),
  'denials.saveReviewSettings': () => ({
    official: {
      kind: 'outside',
      name: 'Dr. Quill Outsideton',
      credentials: 'PsyD',
      contact: '7 Example Court',
    },
    targetDays: 10,
  }),
  'denials.reviewsOfRelease': () => ({ requestId: s.xRequest }),
  'denials.requestReview': () => ({
    requestId: s.xRequest,
    receivedOn: '2026-03-02',
    receivedHow: 'written',
  }),
  'denials.decideReview': () => ({
    reviewId: MISSING,
    outcome: 'upheld',
    reasons: 'Synthetic reasons',
    decidedOn: '2026-03-02',
  }),
  'denials.writeReviewNotice': () => ({ reviewId: MISSING }),
  'suspensions.list': () => ({ clientId: s.x }),
  'suspensions.record': () => ({
    clientId: s.x,
    recipientName: 'Example County Child Protective Services',
    kind: 'oral',
    agency: 'Example County Child Protective Services',
    official: 'Investigator Sample',
    statedOn: '2026-03-02',
  }),
  'backup.getSettings': () => ({}),
  'backup.updateSettings': () => ({
    schedule: { onSignOut: false, everyHours: 12 },
    retention: { daily: 7, weekly: 4, monthly: 12 },
    maxAgeDays: 3,
  }),
  'backup.chooseFolder': () => ({}),
  'backup.runNow': () => ({}),
  'backup.status': () => ({}),
  'backup.listGenerations': () => ({}),
  'backup.folderUsage': () => ({}),
  'backup.restoreHere': () => ({ name: 'stillwater-backup-2026-03-01T120000Z', confirmDate: '2026-03-01' }),
  'backup.chooseRestoreFile': () => ({}),
  'backup.restoreFirstRun': () => ({
    recoveryKey: p.recoveryKey,
    username: OWNER.username,
    newPassword: NEW_PASSWORD,
  }),
  'backup.issueSignInCode': () => ({ userId: s.b }),
  'backup.redeemSignInCode': () => ({ username: 'clin1', code: 'ABCD-EFGH', newPassword: NEW_PASSWORD }),
};

interface Refusal {
  why: string;
  window: string;
  input: () => unknown;
  code: ErrorCode;
  /** A NOT_FOUND that hides a record which exists: audited as denied like a FORBIDDEN. */
  hidden?: true;
}
const ownerOnly = {
  none: 'only the owner may call it (refused to the other roles above), and the owner may',
};

/** For every channel: the record-level refusals a role it allows can meet, or why there are none. */
const RECORD: Record<string, Refusal[] | { none: string }> = {
  'app.status': { none: 'public, reads whether a practice exists' },
  'setup.createPractice': [
    {
      why: 'a practice already exists',
      window: W.owner,
      input: () => VALID['setup.createPractice']?.(),
      code: 'ALREADY_SET_UP',
    },
  ],
  'setup.confirmRecoveryKey': ownerOnly,
  'vault.rotateRecoveryKey': ownerOnly,
  'vault.rotateDataKey': ownerOnly,
  'auth.signIn': { none: 'a failed sign-in is not a refusal of access; it is counted and audited by design' },
  'auth.recover': { none: 'a failed recovery is counted and audited by design' },
  'auth.signOut': { none: 'ends only the caller’s own session' },
  'auth.changePassword': { none: 'changes only the caller’s own password' },
  'secondFactor.mine': { none: 'reads only the caller’s own second factor' },
  'secondFactor.startEnrolment': {
    none: 'acts only on the caller’s own account (a wrong password is counted by design)',
  },
  'secondFactor.confirmEnrolment': [
    {
      why: 'no enrolment was started at this window',
      window: W.a,
      input: () => ({ code: '123456' }),
      code: 'CONFLICT',
    },
  ],
  'secondFactor.disable': [
    {
      why: 'the caller has no second factor',
      window: W.a,
      input: () => ({ currentPassword: s.aPassword, code: '123456' }),
      code: 'NOT_FOUND',
    },
  ],
  'secondFactor.verify': [
    {
      why: 'the caller is signed in already (no code step is open)',
      window: W.a,
      input: () => ({ code: '123456' }),
      code: 'CONFLICT',
    },
  ],
  'secondFactor.getPolicy': { none: 'every signed-in person reads the policy' },
  'secondFactor.setPolicy': ownerOnly,
  'secondFactor.staff': ownerOnly,
  'secondFactor.reset': [
    {
      why: 'the owner’s own factor (replaced in My account instead)',
      window: W.owner,
      input: () => ({ userId: s.owner }),
      code: 'CONFLICT',
    },
    {
      why: 'the person has no second factor',
      window: W.owner,
      input: () => ({ userId: s.a }),
      code: 'CONFLICT',
    },
  ],
  'practice.get': { none: 'every signed-in person reads the practice profile' },
  'practice.update': ownerOnly,
  'practice.stateLaw': { none: 'every signed-in person reads the state-law deadlines and notice' },
  'practice.updateStateLaw': ownerOnly,
  'due.list': { none: 'never refused: each domain lists only the requests of charts the caller may open' },
  'staff.list': ownerOnly,
  'templates.list': ownerOnly,
  'templates.create': ownerOnly,
  'templates.supersede': ownerOnly,
  'templates.retire': ownerOnly,
  'templates.available': {
    none: 'the note editor’s list of active templates: no client’s record, every clinical user reads it',
  },
  'staff.create': ownerOnly,
  'staff.changeRole': ownerOnly,
  'staff.deactivate': ownerOnly,
  'staff.deactivationPlan': ownerOnly,
  'staff.invite': ownerOnly,
  'staff.reissueInvitation': ownerOnly,
  'staff.withdrawInvitation': ownerOnly,
  'staff.setCustodian': ownerOnly,
  'staff.resetPassword': ownerOnly,
  'audit.list': ownerOnly,
  'audit.verify': ownerOnly,
  'audit.status': ownerOnly,
  'audit.acknowledgeAlarm': ownerOnly,
  'audit.exportCsv': ownerOnly,
  // A chart's access history: the owner and the client's primary clinician (access/chart-audit.ts).
  'audit.clientHistory': [
    {
      why: 'a care-team clinician who is not the primary',
      window: W.c,
      input: () => ({ clientId: s.x }),
      code: 'FORBIDDEN',
    },
    { why: 'another clinician’s client', window: W.a, input: () => ({ clientId: s.y }), code: 'FORBIDDEN' },
  ],
  'clients.search': { none: 'never refused: it returns only the charts the caller may open' },
  'clients.create': [
    {
      why: 'a clinician registering a client for another clinician',
      window: W.a,
      input: () => adultClient(s.b, { legalFirstName: 'Quinn', legalLastName: 'Elsewhere' }),
      code: 'FORBIDDEN',
    },
    {
      why: 'front desk recording a minor’s legal basis to consent alone',
      window: W.desk,
      input: () =>
        minorClient(s.a, {
          dateOfBirth: '2010-05-01',
          guardians: [],
          minorSelfConsentBasis: 'State minor-consent statute (synthetic)',
        }),
      code: 'FORBIDDEN',
    },
  ],
  'clients.get': [
    { why: 'another clinician’s client', window: W.a, input: () => ({ clientId: s.y }), code: 'FORBIDDEN' },
    {
      why: 'a client that does not exist',
      window: W.desk,
      input: () => ({ clientId: MISSING }),
      code: 'NOT_FOUND',
    },
  ],
  'clients.update': [
    {
      why: 'another clinician’s client',
      window: W.a,
      input: () => ({ clientId: s.y, ...adultClient(s.b, { phone: '(555) 010-1313' }) }),
      code: 'FORBIDDEN',
    },
    {
      why: 'the primary clinician handing the chart to a colleague (off their own caseload)',
      window: W.a,
      input: () => ({ clientId: s.x, ...adultClient(s.b) }),
      code: 'FORBIDDEN',
    },
  ],
  // Whoever may edit the chart's demographics sets its confidential contact (clients.update's rule).
  'clients.setConfidentialCommunications': [
    {
      why: 'another clinician’s client',
      window: W.a,
      input: () => ({ clientId: s.y, communications: { noVoicemail: true } }),
      code: 'FORBIDDEN',
    },
  ],
  'clients.setStatus': [
    {
      why: 'another clinician’s client',
      window: W.a,
      input: () => ({ clientId: s.y, status: 'inactive', effectiveDate: '2026-03-01', reason: 'Synthetic' }),
      code: 'FORBIDDEN',
    },
    {
      why: 'front desk discharging a client',
      window: W.desk,
      input: () => ({
        clientId: s.x,
        status: 'discharged',
        effectiveDate: '2026-03-01',
        reason: 'Synthetic',
      }),
      code: 'FORBIDDEN',
    },
  ],
  'clients.addCareTeamMember': [
    {
      why: 'another clinician’s client',
      window: W.a,
      input: () => ({ clientId: s.y, userId: s.c }),
      code: 'FORBIDDEN',
    },
  ],
  'clients.removeCareTeamMember': [
    {
      why: 'another clinician’s client',
      window: W.c,
      input: () => ({ clientId: s.y, userId: s.b }),
      code: 'FORBIDDEN',
    },
  ],
  'staff.directory': { none: 'every signed-in person reads the staff directory' },
  'intake.get': [
    { why: 'another clinician’s client', window: W.a, input: () => ({ clientId: s.y }), code: 'FORBIDDEN' },
  ],
  'intake.save': [
    { why: 'another clinician’s client', window: W.a, input: () => intake(s.y), code: 'FORBIDDEN' },
  ],
  'intake.complete': [
    { why: 'another clinician’s client', window: W.a, input: () => ({ clientId: s.y }), code: 'FORBIDDEN' },
  ],
  'consents.record': [
    { why: 'another clinician’s client', window: W.a, input: () => consent(s.y), code: 'FORBIDDEN' },
  ],
  'screenings.record': [
    { why: 'another clinician’s client', window: W.a, input: () => screening(s.y), code: 'FORBIDDEN' },
  ],
  'screenings.list': [
    { why: 'another clinician’s client', window: W.a, input: () => ({ clientId: s.y }), code: 'FORBIDDEN' },
  ],
  'diagnoses.searchCodes': { none: 'searches the shipped code list, which holds no client’s data' },
  'diagnoses.list': [
    { why: 'another clinician’s client', window: W.a, input: () => ({ clientId: s.y }), code: 'FORBIDDEN' },
  ],
  'diagnoses.add': [
    {
      why: 'another clinician’s client',
      window: W.a,
      input: () => ({ clientId: s.y, code: 'F32.1', status: 'active', part2: false }),
      code: 'FORBIDDEN',
    },
  ],
  'diagnoses.change': [
    {
      why: 'another clinician’s client',
      window: W.a,
      input: () => ({ diagnosisId: s.yDiagnosis, status: 'resolved', onsetDate: null }),
      code: 'FORBIDDEN',
    },
  ],
  'diagnoses.reorder': [
    {
      why: 'another clinician’s client',
      window: W.a,
      input: () => ({ clientId: s.y, order: [s.yDiagnosis] }),
      code: 'FORBIDDEN',
    },
  ],
  'diagnoses.history': [
    {
      why: 'another clinician’s client',
      window: W.a,
      input: () => ({ diagnosisId: s.yDiagnosis }),
      code: 'FORBIDDEN',
    },
  ],
  'cover.grantCover': [
    {
      why: 'another clinician’s caseload',
      window: W.c,
      input: () => ({
        absentId: s.b,
        covererId: s.c,
        startsAt: new Date(clock.now()).toISOString(),
        endsAt: new Date(clock.now() + 86_400_000).toISOString(),
        reason: 'Annual leave (synthetic)',
      }),
      code: 'FORBIDDEN',
    },
  ],
  'cover.endCover': [
    {
      why: 'the coverer, who did not arrange it',
      window: W.c,
      input: () => ({ grantId: s.bCover }),
      code: 'FORBIDDEN',
    },
    {
      why: 'a cover the caller has no part in',
      window: W.a,
      input: () => ({ grantId: s.bCover }),
      code: 'NOT_FOUND',
    },
  ],
  'cover.listCovers': { none: 'lists only the covers the caller arranged, holds or gave (the owner: all)' },
  'emergency.open': [
    {
      why: 'a clinician on the care team, who needs no emergency access',
      window: W.a,
      input: () => VALID['emergency.open']?.(),
      code: 'CONFLICT',
    },
  ],
  'emergency.find': [
    {
      why: 'a chart number and date of birth that belong to no client (a miss does not say which)',
      window: W.a,
      input: () => VALID['emergency.find']?.(),
      code: 'NOT_FOUND',
      hidden: true,
    },
  ],
  'emergency.status': { none: 'the caller’s own grant on the client, if any' },
  'emergency.listUnacknowledged': { none: 'only the accesses the caller is to acknowledge' },
  'emergency.acknowledge': [
    {
      why: 'an access not on the caller’s list',
      window: W.a,
      input: () => ({ grantId: MISSING }),
      code: 'NOT_FOUND',
    },
  ],
  'emergency.getSettings': ownerOnly,
  'emergency.setSettings': ownerOnly,
  'plans.ofClient': [
    { why: 'another clinician’s client', window: W.a, input: () => ({ clientId: s.y }), code: 'FORBIDDEN' },
  ],
  'plans.get': [
    { why: 'another clinician’s client', window: W.a, input: () => ({ planId: s.yPlan }), code: 'FORBIDDEN' },
  ],
  'plans.createDraft': [
    { why: 'another clinician’s client', window: W.a, input: () => ({ clientId: s.y }), code: 'FORBIDDEN' },
  ],
  'plans.saveDraft': [
    {
      why: 'another clinician’s client',
      window: W.a,
      input: () => ({ planId: s.yPlan, content: planContent(), reviewDueOn: '2026-05-31', part2: false }),
      code: 'FORBIDDEN',
    },
  ],
  'plans.discardDraft': [
    { why: 'another clinician’s client', window: W.a, input: () => ({ planId: s.yPlan }), code: 'FORBIDDEN' },
  ],
  'plans.signAsClinician': [
    { why: 'another clinician’s client', window: W.a, input: () => ({ planId: s.yPlan }), code: 'FORBIDDEN' },
  ],
  'plans.recordClientSignature': [
    {
      why: 'another clinician’s client',
      window: W.a,
      input: () => ({
        planId: s.yPlan,
        signer: 'client',
        signerName: 'Blake Othercase',
        signedOn: '2026-03-02',
      }),
      code: 'FORBIDDEN',
    },
  ],
  'plans.recordReview': [
    {
      why: 'another clinician’s client',
      window: W.a,
      input: () => ({
        planId: s.yPlan,
        reviewedOn: '2026-03-02',
        outcome: 'continue',
        nextReviewOn: '2026-06-01',
      }),
      code: 'FORBIDDEN',
    },
  ],
  'plans.reviewsDue': { none: 'lists only the plans of the caller’s own caseload; no record is named' },
  'plans.settings': { none: 'the practice’s review interval; no client’s data and no record named' },
  'plans.updateSettings': { none: 'owner only (the role check); no record is named in the setting' },
  'drafts.save': { none: 'a draft is kept under the caller’s own id; nobody else’s can be named' },
  'drafts.get': { none: 'a draft is kept under the caller’s own id; nobody else’s can be named' },
  'drafts.discard': { none: 'a draft is kept under the caller’s own id; nobody else’s can be named' },
  'notes.saveDraft': [
    {
      why: 'a new note on another clinician’s client',
      window: W.a,
      input: () => dapNote(s.y),
      code: 'FORBIDDEN',
    },
    {
      why: 'another author’s draft (its existence is not revealed)',
      window: W.a,
      input: () => ({ ...dapNote(s.y), noteId: s.bDraft }),
      code: 'NOT_FOUND',
      hidden: true,
    },
  ],
  'notes.get': [
    {
      why: 'another author’s draft',
      window: W.a,
      input: () => ({ noteId: s.bDraft }),
      code: 'NOT_FOUND',
      hidden: true,
    },
    {
      why: 'a note of a client off the caller’s team',
      window: W.b,
      input: () => ({ noteId: s.xNote }),
      code: 'NOT_FOUND',
      hidden: true,
    },
    {
      why: 'a Part 2 note, to the owner off the care team',
      window: W.owner,
      input: () => ({ noteId: s.xPart2Note }),
      code: 'NOT_FOUND',
      hidden: true,
    },
    {
      why: 'another author’s psychotherapy note, to the owner',
      window: W.owner,
      input: () => ({ noteId: s.xProcessNote }),
      code: 'NOT_FOUND',
      hidden: true,
    },
  ],
  // A paper copy is refused exactly when notes.get is (one rule: mayReadNote).
  'notes.print': [
    {
      why: 'another author’s draft',
      window: W.a,
      input: () => ({ noteId: s.bDraft }),
      code: 'NOT_FOUND',
      hidden: true,
    },
    {
      why: 'a note of a client off the caller’s team',
      window: W.b,
      input: () => ({ noteId: s.xNote }),
      code: 'NOT_FOUND',
      hidden: true,
    },
    {
      why: 'a Part 2 note, to the owner off the care team',
      window: W.owner,
      input: () => ({ noteId: s.xPart2Note }),
      code: 'NOT_FOUND',
      hidden: true,
    },
    {
      why: 'another author’s psychotherapy note, to the owner',
      window: W.owner,
      input: () => ({ noteId: s.xProcessNote }),
      code: 'NOT_FOUND',
      hidden: true,
    },
  ],
  'notes.printChartSummary': [
    { why: 'another clinician’s client', window: W.a, input: () => ({ clientId: s.y }), code: 'FORBIDDEN' },
  ],
  'notes.sign': [
    {
      why: 'another author’s draft',
      window: W.a,
      input: () => ({ noteId: s.bDraft }),
      code: 'NOT_FOUND',
      hidden: true,
    },
  ],
  'notes.discardDraft': [
    {
      why: 'another author’s draft',
      window: W.a,
      input: () => ({ noteId: s.bDraft }),
      code: 'NOT_FOUND',
      hidden: true,
    },
  ],
  'notes.addAddendum': [
    {
      why: 'a note of a client off the caller’s team',
      window: W.b,
      input: () => ({ noteId: s.xNote, text: 'Synthetic addendum' }),
      code: 'NOT_FOUND',
      hidden: true,
    },
    {
      why: 'the supervisor, who reads the note to co-sign it but is not on the client’s team',
      window: W.a,
      input: () => ({ noteId: s.yNote, text: 'Synthetic addendum' }),
      code: 'FORBIDDEN',
    },
  ],
  'notes.myDrafts': { none: 'lists only the caller’s own drafts' },
  'notes.timeline': [
    { why: 'another clinician’s client', window: W.a, input: () => ({ clientId: s.y }), code: 'FORBIDDEN' },
  ],
  'notes.linkOptions': [
    { why: 'another clinician’s client', window: W.a, input: () => ({ clientId: s.y }), code: 'FORBIDDEN' },
  ],
  'notes.search': { none: 'never refused: it returns only the notes the caller may read' },
  'notes.cosignQueue': { none: 'lists only what the caller is asked to co-sign' },
  'notes.cosign': [
    {
      why: 'a note nobody asked the caller to co-sign',
      window: W.c,
      input: () => ({ noteId: s.yNote }),
      code: 'NOT_FOUND',
      hidden: true,
    },
    {
      why: 'the owner, not asked either',
      window: W.owner,
      input: () => ({ noteId: s.yNote }),
      code: 'NOT_FOUND',
      hidden: true,
    },
  ],
  'staff.setSupervisor': ownerOnly,
  'staff.supervision': ownerOnly,
  'session.activity': { none: 'acts only on the caller’s own session' },
  'session.lock': { none: 'acts only on the caller’s own session' },
  'session.draftFlushed': { none: 'acts only on the caller’s own session' },
  'settings.getSession': { none: 'every signed-in person reads the lock settings' },
  'settings.updateSession': ownerOnly,
  'releases.list': { none: 'never refused: it lists only the requests of charts the caller may open' },
  'releases.reviewQueue': { none: 'lists only the requests the caller may decide on' },
  'releases.create': [
    { why: 'another clinician’s client', window: W.a, input: () => thirdParty(s.y), code: 'FORBIDDEN' },
  ],
  'releases.get': [
    {
      why: 'another clinician’s client',
      window: W.a,
      input: () => ({ requestId: s.yRequest }),
      code: 'FORBIDDEN',
    },
    {
      why: 'a request that does not exist',
      window: W.a,
      input: () => ({ requestId: MISSING }),
      code: 'NOT_FOUND',
    },
  ],
  'releases.addAuthorization': [
    {
      why: 'another clinician’s client',
      window: W.a,
      input: yAuthorization,
      code: 'FORBIDDEN',
    },
  ],
  'releases.authorize': [
    {
      why: 'another clinician’s client',
      window: W.a,
      input: () => ({ requestId: s.yRequest }),
      code: 'FORBIDDEN',
    },
  ],
  'releases.preview': [
    {
      why: 'another clinician’s client',
      window: W.a,
      input: () => ({ requestId: s.yRequest, selection: SELECTION }),
      code: 'FORBIDDEN',
    },
  ],
  'releases.approve': [
    {
      why: 'another clinician’s client',
      window: W.a,
      input: () => ({ requestId: s.yRequest, selection: SELECTION }),
      code: 'FORBIDDEN',
    },
    {
      why: 'a clinician on the care team who is not the assigned or primary clinician',
      window: W.c,
      input: () => ({ requestId: s.xRequest, selection: SELECTION }),
      code: 'FORBIDDEN',
    },
  ],
  'releases.deny': [
    {
      why: 'a clinician on the care team who is not the assigned or primary clinician',
      window: W.c,
      input: () => ({ requestId: s.xRequest, explanation: 'Synthetic' }),
      code: 'FORBIDDEN',
    },
  ],
  'releases.extend': [
    {
      why: 'another clinician’s client',
      window: W.a,
      input: () => ({ requestId: s.yAccess, reason: 'Synthetic: storage', notifiedOn: '2026-03-01' }),
      code: 'FORBIDDEN',
    },
  ],
  'releases.revokeAuthorization': [
    {
      why: 'another clinician’s client',
      window: W.a,
      input: () => ({ authorizationId: s.yAuthorization, revokedOn: '2026-03-02' }),
      code: 'FORBIDDEN',
    },
  ],
  'releases.export': [
    {
      why: 'another clinician’s client',
      window: W.a,
      input: () => ({ requestId: s.yRequest }),
      code: 'FORBIDDEN',
    },
  ],
  'releases.denialLetter': [
    {
      why: 'another clinician’s client',
      window: W.a,
      input: () => ({ requestId: s.yRequest }),
      code: 'FORBIDDEN',
    },
  ],
  'releases.exportDenialLetter': [
    {
      why: 'another clinician’s client',
      window: W.a,
      input: () => ({ requestId: s.yRequest }),
      code: 'FORBIDDEN',
    },
  ],
  'releases.verifyPackage': { none: 'checks files on disk; names no record' },
  'releases.pendingProblems': ownerOnly,
  'disclosures.accounting': [
    {
      why: 'another clinician’s client',
      window: W.a,
      input: () => ({ clientId: s.y, includeAll: true }),
      code: 'FORBIDDEN',
    },
  ],
  'disclosures.record': [
    { why: 'another clinician’s client', window: W.a, input: () => manualDisclosure(s.y), code: 'FORBIDDEN' },
  ],
  'amendments.list': [
    { why: 'another clinician’s client', window: W.a, input: () => ({ clientId: s.y }), code: 'FORBIDDEN' },
  ],
  'amendments.records': [
    { why: 'another clinician’s client', window: W.a, input: () => ({ clientId: s.y }), code: 'FORBIDDEN' },
  ],
  'amendments.create': [
    {
      why: 'another clinician’s client',
      window: W.a,
      input: () => amendmentRequest(s.y, s.yNote),
      code: 'FORBIDDEN',
    },
  ],
  'amendments.extend': [
    {
      why: 'another clinician’s client',
      window: W.a,
      input: () => ({ ...(VALID['amendments.extend']?.() as object), requestId: s.yAmendment }),
      code: 'FORBIDDEN',
    },
  ],
  'amendments.accept': [
    {
      why: 'a care-team clinician who wrote none of the records and is not the primary clinician',
      window: W.c,
      input: () => VALID['amendments.accept']?.(),
      code: 'FORBIDDEN',
    },
  ],
  'amendments.deny': [
    {
      why: 'a care-team clinician who wrote none of the records and is not the primary clinician',
      window: W.c,
      input: () => VALID['amendments.deny']?.(),
      code: 'FORBIDDEN',
    },
  ],
  'amendments.recordStatement': [
    {
      why: 'another clinician’s client',
      window: W.a,
      input: () => ({ ...(VALID['amendments.recordStatement']?.() as object), requestId: s.yAmendment }),
      code: 'FORBIDDEN',
    },
  ],
  'amendments.recordRebuttal': [
    {
      why: 'a care-team clinician who wrote none of the records and is not the primary clinician',
      window: W.c,
      input: () => VALID['amendments.recordRebuttal']?.(),
      code: 'FORBIDDEN',
    },
  ],
  'amendments.setInclude': [
    {
      why: 'another clinician’s client',
      window: W.a,
      input: () => ({ ...(VALID['amendments.setInclude']?.() as object), requestId: s.yAmendment }),
      code: 'FORBIDDEN',
    },
  ],
  'amendments.proposeNotices': [
    {
      why: 'a care-team clinician who wrote none of the records and is not the primary clinician',
      window: W.c,
      input: () => VALID['amendments.proposeNotices']?.(),
      code: 'FORBIDDEN',
    },
  ],
  'amendments.agreeNotices': [
    {
      why: 'a care-team clinician who wrote none of the records and is not the primary clinician',
      window: W.c,
      input: () => VALID['amendments.agreeNotices']?.(),
      code: 'FORBIDDEN',
    },
  ],
  'amendments.writeLetter': [
    {
      why: 'a care-team clinician who wrote none of the records and is not the primary clinician',
      window: W.c,
      input: () => VALID['amendments.writeLetter']?.(),
      code: 'FORBIDDEN',
    },
    {
      why: 'front desk writes only the extension letter',
      window: W.desk,
      input: () => VALID['amendments.writeLetter']?.(),
      code: 'FORBIDDEN',
    },
  ],
  'amendments.ofRecord': [
    {
      why: 'another clinician’s client',
      window: W.a,
      input: () => ({ clientId: s.y, itemKind: 'note', recordId: s.yNote }),
      code: 'FORBIDDEN',
    },
  ],
  'amendments.amended': [
    { why: 'another clinician’s client', window: W.a, input: () => ({ clientId: s.y }), code: 'FORBIDDEN' },
  ],
  'retention.getSettings': ownerOnly,
  'retention.updateSettings': ownerOnly,
  'retention.overview': ownerOnly,
  'retention.placeHold': ownerOnly,
  'retention.liftHold': ownerOnly,
  'retention.destroyChart': [
    {
      why: 'an active chart before its retention date',
      window: W.owner,
      input: () => VALID['retention.destroyChart']?.(),
      code: 'CONFLICT',
    },
    {
      why: 'the typed chart number is not the chart’s',
      window: W.owner,
      input: () => ({ ...(VALID['retention.destroyChart']?.() as object), confirmChartNumber: 'SW-99999' }),
      code: 'INVALID_INPUT',
    },
  ],
  'retention.recordDeletionRequest': [
    {
      why: 'another clinician’s client',
      window: W.a,
      input: () => ({ ...(VALID['retention.recordDeletionRequest']?.() as object), clientId: s.y }),
      code: 'FORBIDDEN',
    },
  ],
  'retention.deletionRequests': [
    { why: 'another clinician’s client', window: W.a, input: () => ({ clientId: s.y }), code: 'FORBIDDEN' },
  ],
  'retention.answerDeletionRequest': ownerOnly,
  'restrictions.list': [
    { why: 'another clinician’s client', window: W.a, input: () => ({ clientId: s.y }), code: 'FORBIDDEN' },
  ],
  'restrictions.record': [
    {
      why: 'another clinician’s client',
      window: W.a,
      input: () => ({ ...(VALID['restrictions.record']?.() as object), clientId: s.y }),
      code: 'FORBIDDEN',
    },
  ],
  'restrictions.decide': [
    {
      why: 'a clinician on the care team who is not the primary clinician',
      window: W.c,
      input: () => VALID['restrictions.decide']?.(),
      code: 'FORBIDDEN',
    },
    {
      why: 'no such restriction',
      window: W.a,
      input: () => ({ restrictionId: MISSING, decision: 'agree', decidedOn: '2026-03-02' }),
      code: 'NOT_FOUND',
    },
  ],
  'restrictions.terminate': [
    {
      why: 'a clinician on the care team who is not the primary clinician',
      window: W.c,
      input: () => VALID['restrictions.terminate']?.(),
      code: 'FORBIDDEN',
    },
    {
      why: 'the restriction was never agreed',
      window: W.a,
      input: () => VALID['restrictions.terminate']?.(),
      code: 'CONFLICT',
    },
  ],
  'denials.reviewSettings': { none: 'every signed-in person reads who the reviewing official is' },
  'denials.saveReviewSettings': ownerOnly,
  'denials.reviewsOfRelease': [
    {
      why: 'another clinician’s client',
      window: W.a,
      input: () => ({ requestId: s.yAccess }),
      code: 'FORBIDDEN',
    },
  ],
  'denials.requestReview': [
    {
      why: 'another clinician’s client',
      window: W.a,
      input: () => ({ requestId: s.yAccess, receivedOn: '2026-03-02', receivedHow: 'written' }),
      code: 'FORBIDDEN',
    },
    {
      why: 'the request was not denied',
      window: W.desk,
      input: () => ({ requestId: s.yAccess, receivedOn: '2026-03-02', receivedHow: 'written' }),
      code: 'CONFLICT',
    },
  ],
  'denials.decideReview': [
    {
      why: 'no such review',
      window: W.a,
      input: () => VALID['denials.decideReview']?.(),
      code: 'NOT_FOUND',
    },
  ],
  'denials.writeReviewNotice': [
    { why: 'no such review', window: W.desk, input: () => ({ reviewId: MISSING }), code: 'NOT_FOUND' },
  ],
  'suspensions.list': [
    { why: 'another clinician’s client', window: W.a, input: () => ({ clientId: s.y }), code: 'FORBIDDEN' },
  ],
  'suspensions.record': [
    {
      why: 'another clinician’s client',
      window: W.a,
      input: () => ({ ...(VALID['suspensions.record']?.() as object), clientId: s.y }),
      code: 'FORBIDDEN',
    },
  ],
  'backup.getSettings': ownerOnly,
  'backup.updateSettings': ownerOnly,
  'backup.chooseFolder': ownerOnly,
  'backup.runNow': ownerOnly,
  'backup.status': ownerOnly,
  'backup.listGenerations': ownerOnly,
  'backup.folderUsage': ownerOnly,
  'backup.restoreHere': ownerOnly,
  'backup.chooseRestoreFile': { none: 'opens a file dialog; reads no record' },
  'backup.restoreFirstRun': [
    {
      why: 'a practice already exists',
      window: W.owner,
      input: () => VALID['backup.restoreFirstRun']?.(),
      code: 'ALREADY_SET_UP',
    },
  ],
  'backup.issueSignInCode': ownerOnly,
  'backup.redeemSignInCode': { none: 'a wrong code is counted like a failed sign-in, by design' },
};

// ---------------------------------------------------------------------------------------------
// The fingerprint: every table, every row, in a stable order.

interface AuditRow {
  seq: number;
  action: string;
  actor_id: string | null;
  target_type: string | null;
  target_id: string | null;
  detail: string;
}
interface Snapshot {
  /** Each table but the audit log, hashed. */
  tables: Record<string, string>;
  audit: AuditRow[];
}

const stable = (row: Record<string, unknown>): string =>
  JSON.stringify(
    Object.keys(row)
      .sort()
      .map((k) => {
        const v = row[k];
        return [
          k,
          v instanceof Uint8Array ? Buffer.from(v).toString('hex') : typeof v === 'bigint' ? String(v) : v,
        ];
      }),
  );

function snapshot(on: TestPractice = p): Snapshot {
  const sqlite = on.core.ctx.vault.db.sqlite;
  const names = (
    sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((r) => r.name);
  const tables: Record<string, string> = {};
  for (const name of names) {
    if (name === 'audit_log') continue;
    const rows = sqlite.prepare(`SELECT * FROM "${name.replaceAll('"', '""')}"`).all() as Record<
      string,
      unknown
    >[];
    const h = createHash('sha256');
    for (const line of rows.map(stable).sort()) h.update(line).update('\n');
    tables[name] = `${String(rows.length)}:${h.digest('hex')}`;
  }
  const audit = sqlite.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[];
  return { tables, audit };
}

/** Calls the channel through the real router; the answer must be `code` and nothing may change. */
async function expectRefused(
  window: string,
  channel: string,
  input: unknown,
  code: ErrorCode,
  options: { on?: TestPractice; denied?: boolean } = {},
): Promise<void> {
  const on = options.on ?? p;
  // Refusals are audited as denied: every FORBIDDEN, and a NOT_FOUND that hides an existing record.
  const denied = options.denied ?? code === 'FORBIDDEN';
  const caller = on.core.ctx.sessions.get(window)?.userId;
  const before = snapshot(on);
  const r = await on.core.router.handle({ windowId: window, origin: APP_ORIGIN }, channel, input);
  expect(r.ok ? 'answered ok' : r.error.code, `${channel} from ${window}`).toBe(code);
  const after = snapshot(on);
  expect(after.tables, `${channel}: the database changed`).toEqual(before.tables);
  expect(after.audit.slice(0, before.audit.length)).toEqual(before.audit);
  const added = after.audit.slice(before.audit.length);
  if (!denied) {
    expect(added.map((e) => e.action)).toEqual([]);
    return;
  }
  // One 'access.denied' entry: who, which channel, which record; never the input itself, never a view.
  expect(added.map((e) => e.action)).toEqual(['access.denied']);
  const entry = added[0];
  expect(entry?.actor_id).toBe(caller);
  const detail = JSON.parse(entry?.detail ?? '{}') as Record<string, unknown>;
  expect(Object.keys(detail).sort()).toEqual(['by', 'channel']);
  expect(detail.channel).toBe(channel);
}

beforeAll(async () => {
  p = await makePractice({ clock });
  const me = await p.ok('app.status', {}, W.owner);
  s.owner = me.session?.user.id ?? '';
  const a = await signedInStaff(p, 'clinician', 'Dr. Ada Refused', W.a);
  s.a = a.id;
  s.aUsername = a.username;
  s.aPassword = a.password;
  s.b = (await signedInStaff(p, 'clinician', 'Dr. Bo Refused', W.b)).id;
  s.c = (await signedInStaff(p, 'clinician', 'Dr. Cy Refused', W.c)).id;
  s.desk = (await signedInStaff(p, 'front_desk', 'Dee Refused', W.desk)).id;
  await p.ok('staff.setSupervisor', { superviseeId: s.b, supervisorId: s.a }, W.owner);

  s.x = (await p.ok('clients.create', adultClient(s.a), W.desk)).id;
  s.y = (
    await p.ok(
      'clients.create',
      adultClient(s.b, { legalFirstName: 'Blake', legalLastName: 'Othercase' }),
      W.desk,
    )
  ).id;
  await p.ok('clients.addCareTeamMember', { clientId: s.x, userId: s.c }, W.a);
  await p.ok('intake.save', intake(s.x, { substanceUsePart2: true }), W.a);
  s.xNote = await signedNote(p, W.a, s.x, '2026-01-12', 'lanternword');
  s.xPart2Note = await signedNote(p, W.a, s.x, '2026-01-19', 'lanternword', { part2: true });
  s.xProcessNote = await signedNote(p, W.a, s.x, '2026-01-20', 'lanternword', {
    kind: 'psychotherapy',
    template: 'free',
    sections: { note: 'Synthetic: process session.', plan: 'Synthetic: explore.' },
    serviceCode: undefined,
    riskLevel: undefined,
  });
  // B is supervised by A: B's signed note for Y waits for A's co-signature.
  s.yNote = await signedNote(p, W.b, s.y, '2026-01-14', 'lanternword');
  s.bDraft = (await p.ok('notes.saveDraft', dapNote(s.y, { serviceDate: '2026-01-21' }), W.b)).noteId;
  s.yDiagnosis =
    (await p.ok('diagnoses.add', { clientId: s.y, code: 'F41.1', status: 'active', part2: false }, W.b))
      .diagnoses[0]?.id ?? '';
  // B drafts a treatment plan for Y (A is not on Y's team).
  s.yPlan = (await p.ok('plans.createDraft', { clientId: s.y }, W.b)).plan.id;
  s.bCover = (
    await p.ok(
      'cover.grantCover',
      {
        absentId: s.b,
        covererId: s.c,
        // Not yet in force, so C reads none of B's clients in the other rows.
        startsAt: new Date(clock.now() + 30 * 86_400_000).toISOString(),
        endsAt: new Date(clock.now() + 37 * 86_400_000).toISOString(),
        reason: 'Annual leave (synthetic)',
      },
      W.b,
    )
  ).id;

  s.xRequest = (await p.ok('releases.create', thirdParty(s.x), W.desk)).summary.id;
  s.xRestriction = (await p.ok('restrictions.record', VALID['restrictions.record']?.() as never, W.desk)).id;
  s.xAmendment = (await p.ok('amendments.create', amendmentRequest(s.x, s.xNote), W.desk)).id;
  s.yAmendment = (await p.ok('amendments.create', amendmentRequest(s.y, s.yNote), W.desk)).id;
  await p.ok('releases.addAuthorization', hipaaAuthorization(s.xRequest), W.desk);
  await p.ok('releases.authorize', { requestId: s.xRequest }, W.desk);
  s.yRequest = (await p.ok('releases.create', thirdParty(s.y), W.desk)).summary.id;
  const withAuth = await p.ok('releases.addAuthorization', yAuthorization(), W.desk);
  s.yAuthorization = withAuth.authorizations[0]?.id ?? '';
  s.yAccess = (await p.ok('releases.create', accessRequest(s.y), W.desk)).summary.id;

  // A's second window: signed in, then locked for inactivity (its last draft saved first).
  await p.signIn(s.aUsername, s.aPassword, W.expired);
  const locking = p.core.lock(W.expired, 'inactivity');
  await p.ok('session.draftFlushed', {}, W.expired);
  await locking;
});
afterAll(async () => {
  await p.close();
});

const channels = Object.keys(contract) as Channel[];
const ROLES: Role[] = ['owner', 'clinician', 'front_desk'];

describe('the tables below cover the contract', () => {
  it('has a valid input and a record-level expectation for every channel', () => {
    expect(channels.filter((c) => !(c in VALID))).toEqual([]);
    expect(channels.filter((c) => !(c in RECORD))).toEqual([]);
    expect(Object.keys(VALID).filter((c) => !(c in contract))).toEqual([]);
    expect(Object.keys(RECORD).filter((c) => !(c in contract))).toEqual([]);
    for (const c of channels) {
      const parsed = contract[c].input.safeParse(VALID[c]?.());
      expect(parsed.success, `${c}: ${JSON.stringify(parsed.error?.issues ?? [])}`).toBe(true);
      const expectation = RECORD[c];
      if (expectation && 'none' in expectation) expect(expectation.none.length, c).toBeGreaterThan(10);
      else
        for (const r of expectation ?? [])
          expect(contract[c].input.safeParse(r.input()).success, `${c}: ${r.why}`).toBe(true);
    }
  });

  it('sees every table of the database, the audit log included', () => {
    const snap = snapshot();
    for (const t of ['clients', 'notes', 'users', 'release_requests', 'care_team', 'drafts'])
      expect(Object.keys(snap.tables)).toContain(t);
    expect(snap.audit.length).toBeGreaterThan(20);
  });
});

const roleCases = channels.flatMap((channel) => {
  const access = contract[channel].access;
  if (access === 'public' || access === 'session') return [];
  return ROLES.filter((role) => !access.includes(role)).map((role) => [channel, role] as const);
});

describe('a role the channel does not allow', () => {
  it.each(roleCases)('%s as %s: FORBIDDEN, one denied entry, nothing else', async (channel, role) => {
    await expectRefused(ROLE_WINDOW[role], channel, VALID[channel]?.(), 'FORBIDDEN');
    const entry = snapshot().audit.at(-1);
    expect(JSON.parse(entry?.detail ?? '{}')).toEqual({ channel, by: 'role' });
  });
});

const recordCases = channels.flatMap((channel) => {
  const e = RECORD[channel];
  return e && !('none' in e) ? e.map((r) => [channel, r.why, r] as const) : [];
});

describe('a record the caller may not reach', () => {
  it.each(recordCases)('%s, %s: refused, nothing changes', async (channel, _why, r) => {
    await expectRefused(r.window, channel, r.input(), r.code, {
      denied: r.code === 'FORBIDDEN' || r.hidden === true,
    });
  });

  it('names the record in the denied entry, by id only', async () => {
    await expectRefused(W.a, 'clients.get', { clientId: s.y }, 'FORBIDDEN');
    const entry = snapshot().audit.at(-1);
    expect(entry).toMatchObject({ action: 'access.denied', target_type: 'client', target_id: s.y });
    expect(JSON.parse(entry?.detail ?? '{}')).toEqual({ channel: 'clients.get', by: 'record' });
    expect(snapshot().audit.filter((e) => e.action === 'client.view' && e.target_id === s.y)).toEqual([]);
  });

  it('records a hidden refusal (a note that exists) as denied, and a note that does not exist not at all', async () => {
    await expectRefused(W.a, 'notes.get', { noteId: s.bDraft }, 'NOT_FOUND', { denied: true });
    expect(snapshot().audit.at(-1)).toMatchObject({
      action: 'access.denied',
      target_type: 'note',
      target_id: s.bDraft,
    });
    const refused = await p.call('notes.get', { noteId: s.bDraft }, W.a);
    const missing = await p.call('notes.get', { noteId: MISSING }, W.a);
    // The caller cannot tell the two apart.
    expect(refused).toEqual(missing);
    await expectRefused(W.a, 'notes.get', { noteId: MISSING }, 'NOT_FOUND', { denied: false });
    expect(snapshot().audit.filter((e) => e.action === 'note.view' && e.target_id === s.bDraft)).toEqual([]);
  });
});

/** Malformed versions of a valid input: wrong types, missing and extra fields, huge strings. */
function malformed(valid: unknown): unknown[] {
  const out: unknown[] = [null, 42, 'text', [], [valid], true];
  if (typeof valid !== 'object' || valid === null) return out;
  const v = valid as Record<string, unknown>;
  out.push({}, { ...v, unexpected: 'x' });
  for (const key of Object.keys(v)) {
    const { [key]: _dropped, ...without } = v;
    out.push(without);
    for (const wrong of [12345, -1.5, true, null, ['x'], { nested: { deeper: 1 } }, 'x'.repeat(300_000)])
      out.push({ ...v, [key]: wrong });
  }
  return out;
}

/** The window to call from: a role the channel allows (public channels: any). */
const callerFor = (channel: Channel): string => {
  const access = contract[channel].access;
  if (access === 'public' || access === 'session') return W.a;
  return ROLE_WINDOW[access.includes('owner') ? 'owner' : (access[0] ?? 'owner')];
};

describe('malformed input', () => {
  it.each(channels)(
    '%s: INVALID_INPUT for every malformed input, nothing changes at all',
    async (channel) => {
      const schema = contract[channel].input;
      const valid = VALID[channel]?.();
      // No field anywhere takes a 300,000-character string.
      if (typeof valid === 'object' && valid !== null)
        for (const key of Object.keys(valid))
          if (typeof (valid as Record<string, unknown>)[key] === 'string')
            expect(schema.safeParse({ ...valid, [key]: 'x'.repeat(300_000) }).success, key).toBe(false);
      const inputs = malformed(valid).filter((i) => !schema.safeParse(i).success);
      expect(inputs.length).toBeGreaterThan(3);
      for (const input of inputs) await expectRefused(callerFor(channel), channel, input, 'INVALID_INPUT');
    },
  );
});

const sessionChannels = channels.filter((c) => contract[c].access !== 'public');

describe('a session that has ended', () => {
  it.each(sessionChannels)(
    '%s: refused after an inactivity lock and without a session, nothing changes',
    async (channel) => {
      await expectRefused(W.expired, channel, VALID[channel]?.(), 'LOCKED');
      await expectRefused(W.never, channel, VALID[channel]?.(), 'NOT_SIGNED_IN');
    },
  );
});

describe('a refusal on a request that time has changed', () => {
  // The request's authorization lapses while nobody looks; the first person to open it makes its
  // status true (expired, audited). A clinician who may not decide is refused before that happens.
  const later = new FakeClock(Date.parse('2026-03-02T15:00:00Z'));
  let q: TestPractice;
  let request = '';
  let c = { id: '', username: '', password: '' };
  let a = { id: '', username: '', password: '' };

  beforeAll(async () => {
    q = await makePractice({ clock: later });
    a = await signedInStaff(q, 'clinician', 'Dr. Ada Later', W.a);
    c = await signedInStaff(q, 'clinician', 'Dr. Cy Later', W.c);
    await signedInStaff(q, 'front_desk', 'Dee Later', W.desk);
    const x = (await q.ok('clients.create', adultClient(a.id), W.desk)).id;
    await q.ok('clients.addCareTeamMember', { clientId: x, userId: c.id }, W.a);
    await signedNote(q, W.a, x, '2026-01-12', 'laterword');
    request = (await q.ok('releases.create', thirdParty(x), W.desk)).summary.id;
    await q.ok('releases.addAuthorization', hipaaAuthorization(request, { expiresOn: '2026-03-03' }), W.desk);
    await q.ok('releases.authorize', { requestId: request }, W.desk);
    // Two days on: every session has locked; C signs in again.
    await later.advance(2 * 24 * 3600 * 1000);
    await q.signIn(c.username, c.password, W.c);
  });
  afterAll(async () => {
    await q.close();
  });

  it('approve and deny by someone who may not decide: FORBIDDEN, the stored status untouched', async () => {
    const status = () =>
      q.core.ctx.vault.db.sqlite.prepare('SELECT status FROM release_requests WHERE id = ?').get(request);
    expect(status()).toEqual({ status: 'authorized' });
    await expectRefused(W.c, 'releases.approve', { requestId: request, selection: SELECTION }, 'FORBIDDEN', {
      on: q,
    });
    await expectRefused(W.c, 'releases.deny', { requestId: request, explanation: 'Synthetic' }, 'FORBIDDEN', {
      on: q,
    });
    expect(status()).toEqual({ status: 'authorized' });
    // The primary clinician, who may decide, opens it: now it expires (recorded), and approval is refused.
    await q.signIn(a.username, a.password, W.a);
    const refused = await q.fail('releases.approve', { requestId: request, selection: SELECTION }, W.a);
    expect(refused.code).toBe('CONFLICT');
    expect(status()).toEqual({ status: 'expired' });
  });
});
