// Every channel in the contract, attacked from the renderer's side: no session, the wrong role,
// malformed input (generated with fast-check), a foreign origin. Each is refused with the right
// code and leaves the database and keyring exactly as they were (a refusal by role adds only its
// 'access.denied' audit entry).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../main/core/handlers.ts';
import { recordDenial } from '../../../main/core/access/denied.ts';
import type { Logger } from '../../../main/core/logger.ts';
import { createRouter, deniedTarget } from '../../../main/core/router.ts';
import { channelNames, contract, contractSlices, type Channel } from '../../../preload/contract.ts';
import type { Role } from '../../../preload/contract/common.ts';
import { FakeClock } from '../../helpers/fake-clock.ts';
import { APP_ORIGIN, makePractice, OWNER, PRACTICE, type TestPractice } from '../../helpers/make-practice.ts';

const UUID = '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed';

const CLIENT = {
  legalFirstName: 'Avery',
  legalLastName: 'Sample',
  dateOfBirth: '1990-04-12',
  communication: { voicemailOk: false, textOk: false, emailOk: false },
  primaryClinicianId: UUID,
  guardians: [],
};

const INTAKE = {
  clientId: UUID,
  presentingConcern: 'Synthetic concern',
  substanceUsePart2: false,
  risk: {
    suicidalIdeation: 'none',
    suicidePlan: false,
    suicideIntent: false,
    accessToMeans: false,
    selfHarmHistory: false,
    homicidalIdeation: false,
    level: 'low',
  },
};

/** One valid input per channel; the fuzzing below breaks them in every way it can. */
const examples: Record<Channel, unknown> = {
  'app.status': {},
  'setup.createPractice': {
    practice: PRACTICE,
    owner: { displayName: 'Another Owner', username: 'another', password: 'willow-basalt-fjord-12' },
  },
  'setup.confirmRecoveryKey': { recoveryKey: 'AAAA-BBBB-CCCC' },
  'vault.rotateRecoveryKey': {},
  'vault.rotateDataKey': { newRecoveryKey: true },
  'auth.signIn': { username: 'someone', password: 'whatever-it-is' },
  'auth.recover': { recoveryKey: 'AAAA', username: 'someone', newPassword: 'willow-basalt-fjord-12' },
  'auth.signOut': {},
  'auth.changePassword': { currentPassword: 'a', newPassword: 'willow-basalt-fjord-12' },
  'secondFactor.mine': {},
  'secondFactor.startEnrolment': { currentPassword: 'a' },
  'secondFactor.confirmEnrolment': { code: '123456' },
  'secondFactor.disable': { currentPassword: 'a', code: '123456' },
  'secondFactor.verify': { code: '123456' },
  'secondFactor.getPolicy': {},
  'secondFactor.setPolicy': { policy: 'everyone' },
  'secondFactor.staff': {},
  'secondFactor.reset': { userId: UUID },
  'practice.get': {},
  'practice.update': PRACTICE,
  'practice.stateLaw': {},
  'practice.updateStateLaw': {
    deadlines: {
      accessDays: 15,
      accessExtensionDays: 15,
      amendmentDays: 60,
      amendmentExtensionDays: 30,
      accountingDays: 60,
      accountingExtensionDays: 30,
    },
    stateNotice: 'You may also complain to the state mental health board.',
  },
  'staff.list': {},
  'due.list': {},
  'retention.getSettings': {},
  'retention.updateSettings': { clinicalYears: 7, minorYearsAfterMajority: 7, ageOfMajority: 18 },
  'retention.overview': {},
  'retention.placeHold': { clientId: UUID, reason: 'Subpoena received' },
  'retention.liftHold': { holdId: UUID, reason: 'Case closed' },
  'retention.destroyChart': { clientId: UUID, confirmChartNumber: '00001', reason: 'Retention period ended' },
  'retention.recordDeletionRequest': {
    clientId: UUID,
    receivedOn: '2026-01-05',
    requestText: 'Please delete my record.',
  },
  'retention.deletionRequests': { clientId: UUID },
  'retention.answerDeletionRequest': { requestId: UUID },
  'amendments.list': { clientId: UUID },
  'amendments.records': { clientId: UUID },
  'amendments.create': {
    clientId: UUID,
    receivedOn: '2026-01-05',
    requestText: 'Synthetic: please correct the date of my first visit.',
    records: [{ itemKind: 'note', recordId: UUID }],
    includeIfDenied: false,
    notify: [{ name: 'Dr. Example Provider', address: '1 Sample Road, Springfield, OR 97401' }],
  },
  'amendments.extend': {
    requestId: UUID,
    reason: 'Synthetic: the author is away.',
    notifiedOn: '2026-01-06',
  },
  'amendments.accept': { requestId: UUID, amendmentText: 'Synthetic: the visit was on a Tuesday.' },
  'amendments.deny': { requestId: UUID, basis: 'accurate_complete', explanation: 'Synthetic: as written.' },
  'amendments.recordStatement': { requestId: UUID, text: 'Synthetic: I disagree.', filedOn: '2026-01-06' },
  'amendments.recordRebuttal': {
    requestId: UUID,
    text: 'Synthetic: we stand by it.',
    writtenOn: '2026-01-06',
  },
  'amendments.setInclude': { requestId: UUID, include: true, askedOn: '2026-01-06' },
  'amendments.proposeNotices': { requestId: UUID },
  'amendments.agreeNotices': {
    requestId: UUID,
    agreedOn: '2026-01-06',
    recipients: [
      { name: 'Dr. Example Provider', address: '1 Sample Road', source: 'client', disclosureId: null },
    ],
  },
  'amendments.writeLetter': { requestId: UUID, kind: 'notice', noticeId: UUID },
  'amendments.ofRecord': { clientId: UUID, itemKind: 'note', recordId: UUID },
  'amendments.amended': { clientId: UUID },
  'plans.ofClient': { clientId: UUID },
  'plans.get': { planId: UUID },
  'plans.createDraft': { clientId: UUID },
  'plans.saveDraft': {
    planId: UUID,
    content: {
      problems: [
        {
          id: UUID,
          text: 'Low mood',
          diagnosisIds: [],
          goals: [
            {
              id: '00000000-0000-4000-8000-000000000002',
              text: 'Feel better',
              objectives: [
                {
                  id: '00000000-0000-4000-8000-000000000003',
                  text: 'PHQ-9 below 10',
                  measure: 'phq9',
                  measureLabel: null,
                  baseline: 16,
                  target: { direction: 'below', value: 10 },
                  targetDate: '2026-06-01',
                },
              ],
            },
          ],
        },
      ],
      interventions: [],
    },
    reviewDueOn: '2026-06-01',
    part2: false,
  },
  'plans.discardDraft': { planId: UUID },
  'plans.signAsClinician': { planId: UUID },
  'plans.recordClientSignature': {
    planId: UUID,
    signer: 'client',
    signerName: 'Avery Fictus',
    signedOn: '2026-01-06',
  },
  'plans.recordReview': {
    planId: UUID,
    reviewedOn: '2026-01-06',
    outcome: 'continue',
    nextReviewOn: '2026-04-06',
  },
  'plans.reviewsDue': {},
  'plans.settings': {},
  'plans.updateSettings': { reviewDays: 90 },
  'restrictions.list': { clientId: UUID },
  'restrictions.record': {
    clientId: UUID,
    receivedOn: '2026-01-05',
    request: 'Synthetic: please do not send my notes to my health plan.',
    selfPay: false,
    scope: { recordTypes: ['progress_notes'], noteIds: [] },
    recipient: { kind: 'health_plan' },
    purposes: ['payment'],
  },
  'restrictions.decide': { restrictionId: UUID, decision: 'agree', decidedOn: '2026-01-06' },
  'restrictions.terminate': {
    restrictionId: UUID,
    how: 'client_written',
    on: '2026-01-07',
    note: 'Synthetic: the client’s letter of Jan 7.',
  },
  'staff.create': {
    displayName: 'Fuzz Person',
    username: 'fuzzperson',
    role: 'clinician',
    temporaryPassword: 'willow-basalt-fjord-12',
  },
  'staff.changeRole': { userId: UUID, role: 'clinician' },
  'staff.deactivate': { userId: UUID, receiverId: UUID },
  'staff.deactivationPlan': { userId: UUID },
  'staff.invite': { displayName: 'Fuzz Invitee', username: 'fuzzinvitee', role: 'front_desk' },
  'staff.reissueInvitation': { userId: UUID },
  'staff.withdrawInvitation': { userId: UUID },
  'staff.setCustodian': { clinicianId: UUID, custodianId: null },
  'staff.resetPassword': { userId: UUID, temporaryPassword: 'willow-basalt-fjord-12' },
  'audit.list': { filter: {}, limit: 10 },
  'audit.verify': {},
  'audit.status': {},
  'audit.acknowledgeAlarm': { confirm: true },
  'audit.exportCsv': { filter: {} },
  'audit.clientHistory': { clientId: '00000000-0000-4000-8000-000000000000' },
  'staff.directory': {},
  'clients.search': { query: 'ann', limit: 10 },
  'clients.create': CLIENT,
  'clients.get': { clientId: UUID },
  'clients.update': { clientId: UUID, ...CLIENT },
  'clients.setStatus': {
    clientId: UUID,
    status: 'inactive',
    effectiveDate: '2026-01-05',
    reason: 'Moved away',
  },
  'clients.setConfidentialCommunications': {
    clientId: UUID,
    communications: {
      address: { line1: '9 Lantern Way', city: 'Brookfield', region: 'OR', postalCode: '97000' },
      phone: '503-555-0144',
      noVoicemail: true,
      note: 'Text before calling.',
    },
  },
  'clients.addCareTeamMember': { clientId: UUID, userId: UUID },
  'clients.removeCareTeamMember': { clientId: UUID, userId: UUID },
  'intake.get': { clientId: UUID },
  'intake.save': INTAKE,
  'intake.complete': { clientId: UUID },
  'consents.record': {
    clientId: UUID,
    kind: 'treatment',
    givenOn: '2026-01-05',
    basis: 'client',
    signatures: [{ signerName: 'Avery Sample', signerRole: 'client', signedOn: '2026-01-05' }],
  },
  'screenings.record': {
    clientId: UUID,
    instrument: 'gad7',
    administeredOn: '2026-01-05',
    items: [1, 1, 1, 1, 1, 1, 1],
    context: 'intake',
  },
  'screenings.list': { clientId: UUID },
  'diagnoses.searchCodes': { query: 'F41' },
  'diagnoses.list': { clientId: UUID },
  'diagnoses.add': { clientId: UUID, code: 'F41.1', status: 'active', part2: false },
  'diagnoses.change': { diagnosisId: UUID, status: 'resolved', onsetDate: null },
  'diagnoses.reorder': { clientId: UUID, order: [UUID] },
  'diagnoses.history': { diagnosisId: UUID },
  'cover.grantCover': {
    absentId: UUID,
    covererId: UUID,
    startsAt: '2026-03-02T15:00:00.000Z',
    endsAt: '2026-03-03T15:00:00.000Z',
    reason: 'Annual leave',
  },
  'cover.endCover': { grantId: UUID },
  'cover.listCovers': {},
  'emergency.find': { chartNumber: 'SW-00001', dateOfBirth: '1990-01-01' },
  'emergency.open': { clientId: UUID, reason: 'danger', details: 'Synthetic', confirmed: true },
  'emergency.status': { clientId: UUID },
  'emergency.listUnacknowledged': {},
  'emergency.acknowledge': { grantId: UUID },
  'emergency.getSettings': {},
  'emergency.setSettings': { minutes: 60 },
  'drafts.save': { key: 'client-new', data: { legalFirstName: 'Av' } },
  'drafts.get': { key: 'client-new' },
  'drafts.discard': { key: 'client-new' },
  'notes.saveDraft': {
    clientId: UUID,
    kind: 'progress',
    template: 'dap',
    serviceDate: '2026-01-05',
    sections: { data: 'Synthetic' },
    part2: false,
  },
  'notes.get': { noteId: UUID },
  'notes.linkOptions': { clientId: UUID },
  'notes.sign': { noteId: UUID },
  'notes.discardDraft': { noteId: UUID },
  'notes.addAddendum': { noteId: UUID, text: 'Synthetic correction' },
  'notes.myDrafts': {},
  'notes.timeline': { clientId: UUID },
  'notes.search': { query: 'sleep' },
  'notes.cosignQueue': {},
  'notes.cosign': { noteId: UUID },
  'templates.list': {},
  'templates.available': {},
  'templates.create': {
    name: 'Synthetic intake',
    sections: [{ label: 'Presenting concern', required: true, help: '' }],
  },
  'templates.supersede': {
    templateId: UUID,
    basedOn: 1,
    name: 'Synthetic intake',
    sections: [{ label: 'Presenting concern', required: true, help: '' }],
  },
  'templates.retire': { templateId: UUID },
  'notes.print': { noteId: UUID },
  'notes.printChartSummary': { clientId: UUID },
  'staff.setSupervisor': { superviseeId: UUID, supervisorId: null },
  'staff.supervision': {},
  'session.activity': {},
  'session.lock': {},
  'session.draftFlushed': {},
  'settings.getSession': {},
  'settings.updateSession': { timeoutMinutes: 10, warningSeconds: 60 },
  'releases.list': {},
  'releases.reviewQueue': {},
  'releases.create': {
    clientId: UUID,
    details: {
      kind: 'emergency',
      receivedOn: '2026-01-05',
      situation: 'duty_to_warn',
      reason: 'Synthetic threat',
      clinicianId: UUID,
      recipient: { name: 'Example PD', address: '1 Example Way' },
      recipientRole: 'law_enforcement',
    },
  },
  'releases.get': { requestId: UUID },
  'denials.reviewSettings': {},
  'denials.saveReviewSettings': {
    official: { kind: 'outside', name: 'Dr. Example Outside', credentials: 'PsyD', contact: '1 Example Way' },
    targetDays: 30,
  },
  'denials.reviewsOfRelease': { requestId: UUID },
  'denials.requestReview': { requestId: UUID, receivedOn: '2026-01-06', receivedHow: 'written' },
  'denials.decideReview': {
    reviewId: UUID,
    outcome: 'upheld',
    reasons: 'Synthetic reasons',
    decidedOn: '2026-01-07',
  },
  'denials.writeReviewNotice': { reviewId: UUID },
  'suspensions.list': { clientId: UUID },
  'suspensions.record': {
    clientId: UUID,
    recipientName: 'Example Oversight Agency',
    kind: 'oral',
    agency: 'Example Oversight Agency',
    official: 'Inspector Sample',
    statedOn: '2026-01-06',
  },
  'releases.addAuthorization': {
    requestId: UUID,
    type: 'hipaa',
    recordTypes: ['progress_notes'],
    description: 'Progress notes 2025',
    disclosingParty: 'Lantern Hill',
    recipientName: 'Dr. Example',
    purpose: 'Continuity of care',
    expiresOn: '2027-01-01',
    signedBy: 'Avery Sample',
    signedOn: '2026-01-05',
    signerIsRepresentative: false,
    rightToRevokeStatement: true,
    conditioningStatement: true,
    redisclosureStatement: true,
  },
  'releases.authorize': { requestId: UUID },
  'releases.preview': {
    requestId: UUID,
    selection: { recordTypes: ['progress_notes'], from: '2025-01-01', to: '2025-12-31', includePart2: false },
  },
  'releases.approve': {
    requestId: UUID,
    selection: { recordTypes: ['progress_notes'], from: '2025-01-01', to: '2025-12-31', includePart2: false },
  },
  'releases.deny': { requestId: UUID, explanation: 'Synthetic' },
  'releases.extend': { requestId: UUID, reason: 'Records in storage', notifiedOn: '2026-01-05' },
  'releases.revokeAuthorization': { authorizationId: UUID, revokedOn: '2026-01-05' },
  'releases.export': { requestId: UUID },
  'releases.denialLetter': { requestId: UUID },
  'releases.exportDenialLetter': { requestId: UUID },
  'releases.verifyPackage': {},
  'releases.pendingProblems': {},
  'disclosures.accounting': { clientId: UUID, includeAll: false },
  'disclosures.record': {
    clientId: UUID,
    disclosedOn: '2026-01-05',
    recipientName: 'County child protective services',
    description: 'Verbal report',
    purpose: 'Mandated report',
    basis: 'mandated_report',
  },
  'backup.getSettings': {},
  'backup.updateSettings': {
    schedule: { onSignOut: true, everyHours: 24 },
    retention: { daily: 7, weekly: 4, monthly: 12 },
    maxAgeDays: 3,
  },
  'backup.chooseFolder': {},
  'backup.runNow': {},
  'backup.status': {},
  'backup.listGenerations': {},
  'backup.folderUsage': {},
  'backup.restoreHere': { name: 'stillwater-backup-2026-01-05T120000Z', confirmDate: '2026-01-05' },
  'backup.chooseRestoreFile': {},
  'backup.restoreFirstRun': {
    recoveryKey: 'AAAA-BBBB',
    username: 'someone',
    newPassword: 'willow-basalt-fjord-12',
  },
  'backup.issueSignInCode': { userId: UUID },
  'backup.redeemSignInCode': {
    username: 'someone',
    code: 'ABCD-EFGH',
    newPassword: 'willow-basalt-fjord-12',
  },
};

let p: TestPractice;
const windows: Record<Role, string> = { owner: 'w-owner', clinician: 'w-clin', front_desk: 'w-desk' };

/** Everything a call could change: every table's rows and the keyring file (the audit log: see auditRows). */
function fingerprint(options: { audit?: boolean } = {}): string {
  const h = createHash('sha256');
  const sqlite = p.core.ctx.vault.db.sqlite;
  const tables = ['practice', 'users', 'settings', ...(options.audit === false ? [] : ['audit_log'])];
  for (const table of tables) {
    h.update(JSON.stringify(sqlite.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()));
  }
  h.update(readFileSync(join(p.dir, 'keyring.json')));
  return h.digest('hex');
}

const auditRows = () =>
  p.core.ctx.vault.db.sqlite.prepare('SELECT * FROM audit_log ORDER BY seq').all() as {
    action: string;
    actor_id: string | null;
    target_type: string | null;
    target_id: string | null;
    detail: string;
  }[];

beforeAll(async () => {
  // A clock that only moves when told: no idle checkpoint rewrites the keyring's audit head mid-test.
  p = await makePractice({ clock: new FakeClock() });
  await p.ok('auth.signIn', { username: OWNER.username, password: OWNER.password }, windows.owner);
  for (const role of ['clinician', 'front_desk'] as const) {
    const member = await p.addStaff(role);
    await p.signIn(member.username, member.password, windows[role]);
    await p.ok(
      'auth.changePassword',
      { currentPassword: member.password, newPassword: `${role}-ember-thistle-canyon-4` },
      windows[role],
    );
  }
});
afterAll(async () => {
  await p.close();
});

const nonPublic = channelNames.filter((c) => contract[c].access !== 'public');

describe('the contract', () => {
  it('has exactly one handler per channel, and no handler without a channel', () => {
    const handlers = createHandlers(p.core.ctx, p.core.services);
    expect(Object.keys(handlers).sort()).toEqual([...channelNames].sort());
  });

  it('holds every channel of every slice: none was lost to a name used twice', () => {
    // joinSlices refuses a duplicate when the contract loads (tests/unit/contract/join-slices.test.ts);
    // this checks the real contract kept every slice's channels.
    const sliceSizes = Object.values(contractSlices).map((s) => Object.keys(s.channels).length);
    expect(channelNames).toHaveLength(sliceSizes.reduce((a, b) => a + b, 0));
  });

  it('names channels domain.verbNoun', () => {
    // A domain of two words is camelCase like the verb (secondFactor.enrol).
    for (const c of channelNames) expect(c).toMatch(/^[a-z][A-Za-z]*\.[a-z][A-Za-z]+$/);
  });

  it('has a valid example for every channel (so the fuzzing below starts from real inputs)', () => {
    for (const c of channelNames) {
      const r = contract[c].input.safeParse(examples[c]);
      expect(r.success, `${c}: ${JSON.stringify(r.error?.issues)}`).toBe(true);
    }
  });

  it('rejects unknown keys in every object input (strict schemas)', () => {
    for (const c of channelNames) {
      const example = examples[c] as Record<string, unknown>;
      expect(contract[c].input.safeParse({ ...example, sneaky: 1 }).success, c).toBe(false);
    }
  });
});

describe('every non-public channel without a session', () => {
  it.each(nonPublic)('%s is refused with NOT_SIGNED_IN and changes nothing', async (channel) => {
    const before = fingerprint();
    const r = await p.core.router.handle(
      { windowId: 'w-nobody', origin: APP_ORIGIN },
      channel,
      examples[channel],
    );
    expect(r).toEqual({
      ok: false,
      error: { code: 'NOT_SIGNED_IN', message: 'Your session has ended. Sign in to continue.' },
    });
    expect(fingerprint()).toBe(before);
  });
});

const roleCases = nonPublic.flatMap((channel) => {
  const access = contract[channel].access;
  if (access === 'session' || access === 'public') return [];
  return (['owner', 'clinician', 'front_desk'] as const)
    .filter((role) => !access.includes(role))
    .map((role) => [channel, role] as const);
});

describe('every role-restricted channel called by a role it does not allow', () => {
  it('covers the owner-only channels for both other roles', () => {
    expect(roleCases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(roleCases)(
    '%s as %s is FORBIDDEN and changes nothing but the denied entry',
    async (channel, role) => {
      const before = fingerprint({ audit: false });
      const log = auditRows();
      const r = await p.core.router.handle(
        { windowId: windows[role], origin: APP_ORIGIN },
        channel,
        examples[channel],
      );
      expect(r).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: 'Your role does not allow this.' },
      });
      expect(fingerprint({ audit: false })).toBe(before);
      const after = auditRows();
      expect(after.slice(0, log.length)).toEqual(log);
      const added = after.slice(log.length);
      expect(added.map((e) => e.action)).toEqual(['access.denied']);
      expect(JSON.parse(added[0]?.detail ?? '{}')).toEqual({ channel, by: 'role' });
      expect(added[0]?.actor_id).toBe(p.core.ctx.sessions.get(windows[role])?.userId);
    },
  );
});

/** The window to call a channel from: a role it allows. */
const callerFor = (channel: Channel): string => {
  const access = contract[channel].access;
  if (access === 'public') return 'w-public';
  if (access === 'session') return windows.clinician;
  return windows[access[0] ?? 'owner'];
};

const hostile = fc.oneof(
  fc.anything(),
  fc.string({ minLength: 100_001, maxLength: 100_050 }),
  fc.constantFrom(null, undefined, 0, -1, Number.NaN, true, [], '', '{}', { __proto__: { polluted: true } }),
);

/** Breaks a valid example: drop a key, give a key a wrong type or a huge string, or nest junk. */
function mutations(example: unknown): fc.Arbitrary<unknown> {
  if (typeof example !== 'object' || example === null) return hostile;
  const keys = Object.keys(example);
  if (keys.length === 0)
    return fc.oneof(hostile, fc.dictionary(fc.string({ minLength: 1 }), fc.anything(), { minKeys: 1 }));
  return fc.oneof(
    hostile,
    fc.constantFrom(...keys).map((k) => {
      const copy: Record<string, unknown> = { ...(example as Record<string, unknown>) };
      Reflect.deleteProperty(copy, k);
      return copy;
    }),
    fc
      .tuple(
        fc.constantFrom(...keys),
        fc.oneof(
          fc.integer(),
          fc.boolean(),
          fc.constant(null),
          fc.array(fc.string(), { maxLength: 3 }),
          fc.constant('x'.repeat(100_000)),
          fc.constant({ nested: { deeper: ['junk'] } }),
        ),
      )
      .map(([k, v]) => ({ ...(example as Record<string, unknown>), [k]: v })),
  );
}

describe('every channel given malformed input', () => {
  it.each(channelNames)('%s answers INVALID_INPUT and changes nothing', async (channel) => {
    const schema = contract[channel].input;
    const window = callerFor(channel);
    await fc.assert(
      fc.asyncProperty(mutations(examples[channel]), async (input) => {
        if (schema.safeParse(input).success) return; // a mutation can still be valid
        const before = fingerprint();
        const r = await p.core.router.handle({ windowId: window, origin: APP_ORIGIN }, channel, input);
        expect(r.ok).toBe(false);
        if (!r.ok) {
          expect(r.error.code).toBe('INVALID_INPUT');
          expect(JSON.stringify(r.error)).not.toMatch(/\bat \w+ \(|node_modules|SQLITE|stack/i);
          expect(JSON.stringify(r.error).length).toBeLessThan(20_000);
        }
        expect(fingerprint()).toBe(before);
      }),
      { numRuns: 40 },
    );
  });

  it('points at the field and says what is wrong, without echoing the value', async () => {
    const secret = 'x'.repeat(300);
    const r = await p.core.router.handle({ windowId: windows.owner, origin: APP_ORIGIN }, 'staff.create', {
      displayName: secret,
      username: 'ok-name',
      role: 'therapist',
      temporaryPassword: 'willow-basalt-fjord-12',
    });
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'Some details need attention.',
        fields: [
          { path: 'displayName', message: 'Name must be 100 characters or fewer.' },
          { path: 'role', message: 'Choose clinician or front desk.' },
        ],
      },
    });
  });
});

describe('calls from anywhere but the app’s own window', () => {
  it.each(['https://evil.example', 'file://', '', 'app://stillwater.evil', 'null'])(
    'refuses origin %j before looking at the session',
    async (origin) => {
      const before = fingerprint();
      const r = await p.core.router.handle({ windowId: windows.owner, origin }, 'staff.list', {});
      expect(r).toMatchObject({ ok: false, error: { code: 'BAD_ORIGIN' } });
      expect(fingerprint()).toBe(before);
    },
  );

  it('refuses a channel that is not in the contract, including prototype names', async () => {
    for (const name of ['fs.readFile', '__proto__', 'constructor', 'toString', 42, null]) {
      const r = await p.core.router.handle({ windowId: windows.owner, origin: APP_ORIGIN }, name, {});
      expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
  });
});

describe('recording a refusal', () => {
  it('names a record only by a well-formed id, never by what else the input holds', () => {
    expect(deniedTarget({ clientId: UUID, legalLastName: 'Sample' })).toEqual({ type: 'client', id: UUID });
    expect(deniedTarget({ noteId: UUID })).toEqual({ type: 'note', id: UUID });
    expect(deniedTarget({ requestId: UUID })).toEqual({ type: 'release', id: UUID });
    expect(deniedTarget({ clientId: 'Avery Sample' })).toBeNull();
    expect(deniedTarget({ query: 'Avery' })).toBeNull();
    expect(deniedTarget('clientId')).toBeNull();
    expect(deniedTarget(null)).toBeNull();
  });

  it('a failure to record it does not change the answer, and is logged without content', async () => {
    const logged: { event: string; fields: unknown }[] = [];
    const router = createRouter({
      handlers: createHandlers(p.core.ctx, p.core.services),
      sessions: p.core.ctx.sessions,
      allowedOrigins: [APP_ORIGIN],
      logger: { log: (_level, event, fields) => logged.push({ event, fields }) } satisfies Logger,
      onDenied: () => Promise.reject(new Error('disk full')),
    });
    const before = fingerprint();
    const r = await router.handle({ windowId: windows.clinician, origin: APP_ORIGIN }, 'staff.list', {});
    expect(r).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'Your role does not allow this.' } });
    expect(fingerprint()).toBe(before);
    expect(logged).toEqual([
      { event: 'router.denialNotRecorded', fields: { channel: 'staff.list', errorName: 'Error' } },
    ]);
  });

  it('is not written once the vault is closed', async () => {
    const q = await makePractice({ clock: new FakeClock() });
    const session = q.core.ctx.sessions.get('w1');
    await q.close();
    if (!session) throw new Error('the owner was not signed in');
    expect(q.core.ctx.vault.isOpen).toBe(false);
    await expect(
      recordDenial(q.core.ctx)({ session, channel: 'staff.list', by: 'role', target: null }),
    ).resolves.toBeUndefined();
  });
});

describe('unexpected failures', () => {
  it('reach the renderer as INTERNAL with a generic message, never SQL or a stack', async () => {
    const q = await makePractice();
    try {
      q.core.ctx.vault.db.sqlite.exec('ALTER TABLE users RENAME TO users_gone');
      const r = await q.call('staff.list', {});
      expect(r).toEqual({
        ok: false,
        error: {
          code: 'INTERNAL',
          message: 'Something went wrong inside Stillwater. Nothing was changed; please try again.',
        },
      });
      q.core.ctx.vault.db.sqlite.exec('ALTER TABLE users_gone RENAME TO users');
    } finally {
      await q.close();
    }
  });
});
