// Binds each contract channel to its service method. The router has already checked origin,
// session, role and input; handlers apply only record-level rules.
import type { CoreServices } from './index.ts';
import type { Handlers } from './router.ts';
import type { CoreContext } from './context.ts';

export function createHandlers(ctx: CoreContext, s: CoreServices): Handlers {
  return {
    'app.status': (_input, { ctx: call }) => {
      const session = ctx.sessions.get(call.windowId);
      const status = ctx.vault.status();
      return Promise.resolve({
        setUp: status !== 'not-set-up',
        practiceName: ctx.vault.practiceName(),
        session: session ? s.auth.info(session) : null,
      });
    },
    'setup.createPractice': async (input, { ctx: call }) => {
      const { ownerId, recoveryKey } = await s.practice.setup(input);
      const session = await s.auth.startSessionAfterUnlock(call.windowId, ownerId);
      return { recoveryKey, session };
    },
    'setup.confirmRecoveryKey': (input, { session }) => s.auth.confirmRecoveryKey(session, input.recoveryKey),
    'vault.rotateRecoveryKey': (_input, { session }) => s.auth.rotateRecoveryKey(session),
    'vault.rotateDataKey': (input, { session }) => s.dataKey.rotate(session, input),
    'auth.signIn': (input, { ctx: call }) => s.auth.signIn(call.windowId, input.username, input.password),
    'auth.recover': (input, { ctx: call }) =>
      s.auth.recover(call.windowId, input.recoveryKey, input.username, input.newPassword),
    'auth.signOut': async (_input, { ctx: call }) => {
      await s.auth.end(call.windowId, 'signed-out');
      return null;
    },
    'auth.changePassword': (input, { session }) =>
      s.auth.changePassword(session, input.currentPassword, input.newPassword),
    'secondFactor.mine': (_input, { session }) => s.secondFactor.mine(session),
    'secondFactor.startEnrolment': (input, { session }) => s.secondFactor.startEnrolment(session, input),
    'secondFactor.confirmEnrolment': (input, { session }) =>
      s.secondFactor.confirmEnrolment(session, input.code),
    'secondFactor.disable': (input, { session }) => s.secondFactor.disable(session, input),
    'secondFactor.verify': (input, { session }) => s.auth.verifySecondFactor(session, input.code),
    'secondFactor.getPolicy': () => s.secondFactor.policy(),
    'secondFactor.setPolicy': (input, { session }) => s.secondFactor.setPolicy(session, input.policy),
    'secondFactor.staff': () => s.secondFactor.staff(),
    'secondFactor.reset': (input, { session }) => s.secondFactor.reset(session, input.userId),
    'practice.get': () => s.practice.get(),
    'practice.update': (input, { session }) => s.practice.update(session, input),
    'practice.stateLaw': () => s.practice.stateLaw.get(),
    'practice.updateStateLaw': (input, { session }) => s.practice.stateLaw.update(session, input),
    'staff.list': () => s.staff.list(),
    'staff.create': (input, { session }) => s.staff.create(session, input),
    'staff.changeRole': (input, { session }) => s.staff.changeRole(session, input.userId, input.role),
    'staff.deactivate': (input, { session }) =>
      s.deactivation.deactivate(session, input.userId, input.receiverId),
    'staff.deactivationPlan': (input) => s.deactivation.plan(input.userId),
    'staff.invite': async (input, { session }) => {
      const supervise = await s.supervision.forInvitation(input.role, input.supervisorId);
      return s.invitations.invite(
        session,
        input,
        supervise ? (trx, userId) => supervise(trx, userId, session) : undefined,
      );
    },
    'staff.reissueInvitation': (input, { session }) => s.invitations.reissue(session, input.userId),
    'staff.withdrawInvitation': (input, { session }) => s.invitations.withdraw(session, input.userId),
    'staff.setCustodian': (input, { session }) =>
      s.custodians.set(session, input.clinicianId, input.custodianId),
    'staff.resetPassword': (input, { session }) =>
      s.staff.resetPassword(session, input.userId, input.temporaryPassword),
    'staff.directory': () => s.staff.directory(),
    'due.list': (_input, { session }) => s.due.list(session),
    'retention.getSettings': () => s.retention.desk.settings(),
    'retention.updateSettings': (input, { session }) => s.retention.desk.updateSettings(session, input),
    'retention.overview': (_input, { session }) => s.retention.desk.overview(session),
    'retention.placeHold': (input, { session }) => s.retention.desk.placeHold(session, input),
    'retention.liftHold': (input, { session }) => s.retention.desk.liftHold(session, input),
    'retention.destroyChart': (input, { session, ctx: call }) =>
      s.retention.destruction.destroy(session, call.windowId, input),
    'retention.recordDeletionRequest': (input, { session }) => s.retention.deletions.record(session, input),
    'retention.deletionRequests': (input, { session }) => s.retention.deletions.list(session, input.clientId),
    'retention.answerDeletionRequest': (input, { session, ctx: call }) =>
      s.retention.deletions.answer(session, call.windowId, input.requestId),
    'amendments.list': (input, { session }) => s.amendments.list(session, input.clientId),
    'amendments.records': (input, { session }) => s.amendments.records(session, input.clientId),
    'amendments.create': (input, { session }) => s.amendments.create(session, input),
    'amendments.extend': (input, { session }) => s.amendments.extend(session, input),
    'amendments.accept': (input, { session }) => s.amendments.accept(session, input),
    'amendments.deny': (input, { session }) => s.amendments.deny(session, input),
    'amendments.recordStatement': (input, { session }) => s.amendments.recordStatement(session, input),
    'amendments.recordRebuttal': (input, { session }) => s.amendments.recordRebuttal(session, input),
    'amendments.setInclude': (input, { session }) => s.amendments.setInclude(session, input),
    'amendments.proposeNotices': (input, { session }) =>
      s.amendments.proposeNotices(session, input.requestId),
    'amendments.agreeNotices': (input, { session }) => s.amendments.agreeNotices(session, input),
    'amendments.writeLetter': (input, { session, ctx: call }) =>
      s.amendmentLetters.write(session, call.windowId, input),
    'amendments.ofRecord': (input, { session }) => s.amendments.ofRecord(session, input),
    'amendments.amended': (input, { session }) => s.amendments.amended(session, input.clientId),
    'clients.search': (input, { session }) => s.clients.search(session, input),
    'clients.create': (input, { session }) => s.clients.create(session, input),
    'clients.get': (input, { session }) => s.clients.get(session, input.clientId),
    'clients.update': (input, { session }) => s.clients.update(session, input),
    'clients.setStatus': (input, { session }) => s.clients.setStatus(session, input),
    'clients.setConfidentialCommunications': (input, { session }) =>
      s.clients.setConfidentialCommunications(session, input),
    'clients.addCareTeamMember': (input, { session }) =>
      s.clients.addCareTeamMember(session, input.clientId, input.userId),
    'clients.removeCareTeamMember': (input, { session }) =>
      s.clients.removeCareTeamMember(session, input.clientId, input.userId),
    'intake.get': (input, { session }) => s.intake.get(session, input.clientId),
    'intake.save': (input, { session }) => s.intake.save(session, input),
    'intake.complete': (input, { session }) => s.intake.complete(session, input.clientId),
    'consents.record': (input, { session }) => s.intake.recordConsent(session, input),
    'screenings.record': (input, { session }) => s.intake.recordScreening(session, input),
    'screenings.list': (input, { session }) => s.intake.listScreenings(session, input.clientId),
    'diagnoses.searchCodes': (input) => s.diagnoses.searchCodes(input.query),
    'diagnoses.list': (input, { session }) => s.diagnoses.list(session, input.clientId, input.asOf),
    'diagnoses.add': (input, { session }) => s.diagnoses.add(session, input),
    'diagnoses.change': (input, { session }) => s.diagnoses.change(session, input),
    'diagnoses.reorder': (input, { session }) => s.diagnoses.reorder(session, input),
    'diagnoses.history': (input, { session }) => s.diagnoses.history(session, input.diagnosisId),
    'cover.grantCover': (input, { session }) => s.cover.grant(session, input),
    'cover.endCover': (input, { session }) => s.cover.end(session, input.grantId),
    'cover.listCovers': (_input, { session }) => s.cover.list(session),
    'drafts.save': (input, { session }) => s.drafts.save(session, input.key, input.data),
    'drafts.get': (input, { session }) => s.drafts.get(session, input.key),
    'drafts.discard': (input, { session }) => s.drafts.discard(session, input.key),
    'notes.saveDraft': (input, { session }) => s.notes.saveDraft(session, input),
    'notes.get': (input, { session }) => s.notes.get(session, input.noteId),
    'notes.linkOptions': (input, { session }) => s.notes.linkOptions(session, input.clientId),
    'notes.sign': (input, { session }) => s.notes.sign(session, input.noteId, input.confirmedMismatch),
    'notes.print': (input, { session }) => s.notes.print(session, input.noteId),
    'notes.printChartSummary': (input, { session }) => s.chartPrint.summary(session, input.clientId),
    'notes.discardDraft': (input, { session }) => s.notes.discardDraft(session, input.noteId),
    'notes.addAddendum': (input, { session }) => s.notes.addAddendum(session, input.noteId, input.text),
    'notes.myDrafts': (_input, { session }) => s.notes.myDrafts(session),
    'notes.timeline': (input, { session }) => s.timeline.timeline(session, input.clientId),
    'notes.search': (input, { session }) =>
      s.noteSearch.search(session, input.query, input.clientId, input.limit),
    'notes.cosignQueue': (_input, { session }) => s.notes.cosignQueue(session),
    'notes.cosign': (input, { session }) => s.notes.cosign(session, input.noteId),
    'templates.list': () => s.noteTemplates.list(),
    'templates.available': () => s.noteTemplates.available(),
    'templates.create': (input, { session }) => s.noteTemplates.create(session, input),
    'templates.supersede': (input, { session }) => s.noteTemplates.supersede(session, input),
    'templates.retire': (input, { session }) => s.noteTemplates.retire(session, input.templateId),
    'staff.setSupervisor': (input, { session }) =>
      s.supervision.set(session, input.superviseeId, input.supervisorId),
    'staff.supervision': () => s.supervision.list(),
    'session.activity': (_input, { ctx: call }) => {
      s.autoLock.activity(call.windowId);
      return Promise.resolve(null);
    },
    'session.lock': async (_input, { ctx: call }) => {
      await s.autoLock.lock(call.windowId, 'manual');
      return null;
    },
    'session.draftFlushed': async (_input, { ctx: call }) => {
      await s.autoLock.flushed(call.windowId);
      return null;
    },
    'settings.getSession': () => Promise.resolve(s.sessionSettings.current),
    'settings.updateSession': (input, { session }) => s.sessionSettings.update(session, input),
    'releases.list': (input, { session }) => s.releases.list(session, input),
    'releases.reviewQueue': (_input, { session }) => s.releases.reviewQueue(session),
    'releases.create': (input, { session }) => s.releases.create(session, input),
    'releases.get': (input, { session }) => s.releases.get(session, input.requestId),
    'releases.addAuthorization': (input, { session }) => s.releases.addAuthorization(session, input),
    'releases.authorize': (input, { session }) => s.releases.authorize(session, input.requestId),
    'releases.preview': (input, { session }) => s.releases.preview(session, input.requestId, input.selection),
    'releases.approve': (input, { session }) => s.releases.approve(session, input.requestId, input.selection),
    'releases.deny': (input, { session }) => s.releases.deny(session, input),
    'releases.extend': (input, { session }) => s.releases.extend(session, input),
    'releases.revokeAuthorization': (input, { session }) => s.releases.revokeAuthorization(session, input),
    'releases.export': (input, { session, ctx: call }) =>
      s.releases.export(session, call.windowId, input.requestId, input.password),
    'releases.denialLetter': (input, { session }) => s.releases.denialLetter(session, input.requestId),
    'releases.exportDenialLetter': (input, { session, ctx: call }) =>
      s.releases.exportDenialLetter(session, call.windowId, input.requestId),
    'releases.verifyPackage': (_input, { session, ctx: call }) =>
      s.releases.verifyPackage(session, call.windowId),
    'releases.pendingProblems': () => s.releases.pendingProblems(),
    'disclosures.accounting': (input, { session }) =>
      s.releases.accounting(session, input.clientId, input.includeAll),
    'disclosures.record': (input, { session }) => s.releases.recordManual(session, input),
    'emergency.find': (input, { session }) => s.emergencyAccess.find(session, input),
    'emergency.open': (input, { session }) => s.emergencyAccess.open(session, input),
    'emergency.status': (input, { session }) => s.emergencyAccess.status(session, input.clientId),
    'emergency.listUnacknowledged': (_input, { session }) => s.emergencyAccess.listUnacknowledged(session),
    'emergency.acknowledge': (input, { session }) => s.emergencyAccess.acknowledge(session, input.grantId),
    'emergency.getSettings': () => s.emergencyAccess.getSettings(),
    'emergency.setSettings': (input, { session }) => s.emergencyAccess.setSettings(session, input),
    'denials.reviewSettings': () => s.denialReviews.settings(),
    'denials.saveReviewSettings': (input, { session }) => s.denialReviews.saveSettings(session, input),
    'denials.reviewsOfRelease': (input, { session }) => s.denialReviews.ofRelease(session, input.requestId),
    'denials.requestReview': (input, { session }) => s.denialReviews.request(session, input),
    'denials.decideReview': (input, { session }) => s.denialReviews.decide(session, input),
    'denials.writeReviewNotice': (input, { session, ctx: call }) =>
      s.denialReviews.writeNotice(session, call.windowId, input.reviewId),
    'suspensions.list': (input, { session }) => s.suspensions.list(session, input.clientId),
    'suspensions.record': (input, { session }) => s.suspensions.record(session, input),
    'plans.ofClient': (input, { session }) => s.plans.ofClient(session, input.clientId),
    'plans.get': (input, { session }) => s.plans.get(session, input.planId),
    'plans.createDraft': (input, { session }) => s.plans.createDraft(session, input.clientId),
    'plans.saveDraft': (input, { session }) => s.plans.saveDraft(session, input),
    'plans.discardDraft': (input, { session }) => s.plans.discardDraft(session, input.planId),
    'plans.signAsClinician': (input, { session }) => s.plans.signAsClinician(session, input.planId),
    'plans.recordClientSignature': (input, { session }) => s.plans.recordClientSignature(session, input),
    'plans.recordReview': (input, { session }) => s.plans.recordReview(session, input),
    'plans.reviewsDue': (_input, { session }) => s.plans.reviewsDue(session),
    'plans.settings': () => s.plans.settings(),
    'plans.updateSettings': (input, { session }) => s.plans.updateSettings(session, input),
    'restrictions.list': (input, { session }) => s.restrictions.list(session, input.clientId),
    'restrictions.record': (input, { session }) => s.restrictions.record(session, input),
    'restrictions.decide': (input, { session }) => s.restrictions.decide(session, input),
    'restrictions.terminate': (input, { session }) => s.restrictions.terminate(session, input),
    'backup.getSettings': () => Promise.resolve(s.backup.settings),
    'backup.updateSettings': (input, { session }) => s.backup.updateSettings(session, input),
    'backup.chooseFolder': (_input, { session, ctx: call }) => s.backup.chooseFolder(session, call.windowId),
    'backup.runNow': (_input, { ctx: call }) => s.backup.runNow(call.windowId),
    'backup.status': () => Promise.resolve(s.backup.status()),
    'backup.listGenerations': () => Promise.resolve(s.backup.list()),
    'backup.folderUsage': () => s.backup.folderUsage(),
    'backup.restoreHere': (input, { session, ctx: call }) =>
      s.backup.restoreHere(session, call.windowId, input),
    'backup.chooseRestoreFile': (_input, { ctx: call }) => s.backup.chooseRestoreFile(call.windowId),
    'backup.restoreFirstRun': (input, { ctx: call }) => s.backup.restoreFirstRun(call.windowId, input),
    'backup.issueSignInCode': (input, { session }) => s.oneTimeCodes.issue(session, input.userId),
    'backup.redeemSignInCode': (input, { ctx: call }) => s.oneTimeCodes.redeem(call.windowId, input),
    'audit.list': (input) => s.auditReader.list(input.filter, input.beforeSeq, input.limit),
    'audit.verify': (_input, { session }) => s.integrity.verify(session),
    'audit.status': () => Promise.resolve(s.integrity.status()),
    'audit.acknowledgeAlarm': (_input, { session }) => s.integrity.acknowledge(session),
    'audit.exportCsv': (input, { session, ctx: call }) =>
      s.auditReader.exportCsv(session, call.windowId, input.filter),
    'audit.clientHistory': (input, { session }) =>
      s.auditReader.clientHistory(session, input.clientId, input.beforeSeq, input.limit),
  };
}
