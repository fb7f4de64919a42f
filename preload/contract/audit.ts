// The audit log as the owner sees it: filtered pages, chain verification, CSV export; and a chart's
// Access history.
import { z } from 'zod';
import { channel, Empty, Id, IsoDateTime } from './common.ts';

export const AuditAction = z.enum([
  'practice.setup',
  'practice.update',
  'practice.stateLawUpdate',
  'auth.signIn',
  'auth.signInFailed',
  'auth.signOut',
  'auth.locked',
  'settings.update',
  'auth.recoveryUsed',
  'auth.recoveryFailed',
  'auth.passwordChanged',
  // Issue 21: the second factor at sign-in.
  'auth.secondFactorAsked',
  'auth.secondFactorAbandoned',
  'secondFactor.enrol',
  'secondFactor.disable',
  'secondFactor.reset',
  'secondFactor.policy',
  'vault.recoveryKeyConfirmed',
  'vault.recoveryKeyRotated',
  'vault.dataKeyRotated',
  'staff.create',
  'staff.changeRole',
  'staff.deactivate',
  'staff.resetPassword',
  'staff.invite',
  'staff.invitationReissued',
  'staff.invitationWithdrawn',
  'staff.setCustodian',
  'audit.verify',
  'audit.export',
  'client.create',
  'client.view',
  // Issue 21: emergency (break-glass) access.
  'emergency.find',
  'emergency.open',
  'emergency.list',
  'emergency.acknowledge',
  'emergency.settings',
  'client.update',
  'client.communicationsUpdate',
  'client.statusChange',
  'careTeam.add',
  'careTeam.remove',
  'intake.view',
  'intake.save',
  'intake.complete',
  'consent.record',
  'screening.record',
  'screening.view',
  // Issue 20: a client's diagnoses.
  'diagnosis.view',
  'diagnosis.add',
  'diagnosis.change',
  'diagnosis.reorder',
  'client.timelineView',
  'note.draftSave',
  'note.view',
  'note.sign',
  'note.discard',
  'note.addendum',
  'note.cosign',
  'note.integrityFailed',
  'note.search',
  // Issue 18: a paper copy of one note, and of a chart's summary.
  'note.print',
  // Issue 20: the editor read the client's current diagnoses and signed plan for a note.
  'note.linkOptions',
  'chart.print',
  'staff.setSupervisor',
  'release.create',
  'release.view',
  'release.authorization',
  'release.statusChange',
  'release.preview',
  'release.extend',
  'release.revokeAuthorization',
  'release.export',
  'release.denialLetter',
  'release.verify',
  'disclosure.record',
  'disclosure.accounting',
  // Issue 20: treatment plans (drafted, signed by the clinician and the client, reviewed).
  'plan.list',
  'plan.view',
  'plan.draftCreate',
  'plan.draftSave',
  'plan.discard',
  'plan.signClinician',
  'plan.signClient',
  'plan.review',
  'plan.integrityFailed',
  'plan.reviewsDue',
  'plan.settingsUpdate',
  // Issue 19: restriction requests (45 CFR 164.522(a)) and releases that went ahead despite one.
  'restriction.view',
  'restriction.record',
  'restriction.decide',
  'restriction.terminate',
  'restriction.override',
  'backup.create',
  'backup.failed',
  'backup.settingsUpdate',
  'backup.restore',
  'backup.codeIssued',
  'backup.codeRedeemed',
  // Issue 15: integrity and read coverage.
  'access.denied',
  'audit.alarm',
  'audit.alarmAcknowledged',
  'client.search',
  'release.list',
  'release.exportStarted',
  'release.exportAbandoned',
  'backup.pruned',
  // A list of notes (own drafts, the co-sign queue) naming the clients it showed.
  'note.list',
  // Issue 19: the due list of rights requests, naming the clients it showed.
  'due.list',
  // Issue 16: a stored row that did not parse, refused (the kind of record and its id, never content).
  'record.unreadable',
  // Issue 18: a chart's Access history tab was opened (it shows who read the chart).
  'client.accessHistoryView',
  // Issue 19: the review of a reviewable denial (164.524(a)(4)) and suspensions of the accounting (164.528(a)(2)).
  'denialReview.settings',
  'denialReview.view',
  'denialReview.request',
  'denialReview.decide',
  'denialReview.notice',
  'suspension.list',
  'suspension.record',
  // Issue 19: retention, legal holds, destruction of charts, clients' requests to delete.
  'retention.settingsUpdate',
  'retention.overview',
  'retention.holdPlaced',
  'retention.holdLifted',
  'chart.destroy',
  'chart.destroyReapplied',
  'deletionRequest.record',
  'deletionRequest.list',
  'deletionRequest.answer',
  // Issue 19: amendment requests (45 CFR 164.526).
  'amendment.list',
  'amendment.view',
  'amendment.record',
  'amendment.extend',
  'amendment.accept',
  'amendment.deny',
  'amendment.statement',
  'amendment.rebuttal',
  'amendment.include',
  'amendment.notifyAgreed',
  'amendment.letter',
  // Issue 20: the practice's own note templates.
  'template.create',
  'template.supersede',
  'template.retire',
  // Issue 21: planned cover of an absent clinician's caseload.
  'cover.grant',
  'cover.end',
]);
export type AuditAction = z.infer<typeof AuditAction>;

/**
 * "client.statusChange" -> "Client status change": how an action reads that has no words of its own
 * yet (main's wording and the renderer's action names both fall back to it).
 */
export function humanizeAction(action: string): string {
  const words = action
    .replace(/[._]/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const AuditEntry = z.strictObject({
  seq: z.number().int().positive(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorUsername: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  detail: z.string(),
  /** The entry in words, names looked up when it is read: "Opened chart of Ana Díaz". */
  summary: z.string(),
  /** The record it is about, by name ("Ana Díaz", "Note from Nov 3 · Ana Díaz"); null: none. */
  target: z.string().nullable(),
  /** Draft autosaves of one note in one session are one row: how many, and when the first was. */
  count: z.number().int().positive(),
  firstAt: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** One row of a chart's Access history: who did what, in words, without the stored detail. */
export const AccessHistoryEntry = z.strictObject({
  seq: z.number().int().positive(),
  at: z.string(),
  who: z.string(),
  action: z.string(),
  summary: z.string(),
  count: z.number().int().positive(),
  firstAt: z.string(),
});
export type AccessHistoryEntry = z.infer<typeof AccessHistoryEntry>;

/** What an integrity check can find: inside the chain, or against the head kept outside the database. */
export const AuditProblemKind = z.enum([
  'missing',
  'out-of-order',
  'chain-break',
  'edited',
  'truncated',
  'head-mismatch',
  'head-missing',
  'head-not-authentic',
  'head-rolled-back',
]);
export type AuditProblemKind = z.infer<typeof AuditProblemKind>;

export const AuditVerification = z.strictObject({
  ok: z.boolean(),
  checked: z.number().int().nonnegative(),
  problem: z
    .strictObject({
      kind: AuditProblemKind,
      seq: z.number().int(),
      message: z.string(),
    })
    .nullable(),
  /** Entries where a break was found earlier and acknowledged by the owner (read past, not hidden). */
  acknowledged: z.array(z.number().int()),
});
export type AuditVerification = z.infer<typeof AuditVerification>;

/** The owner's view of the log's integrity: a pending alarm, and the last full check. */
export const AuditStatus = z.strictObject({
  alarm: z
    .strictObject({
      kind: AuditProblemKind,
      seq: z.number().int(),
      message: z.string(),
      detectedAt: IsoDateTime,
    })
    .nullable(),
  lastCheck: z
    .strictObject({
      at: IsoDateTime,
      ok: z.boolean(),
      checked: z.number().int().nonnegative(),
      problemKind: AuditProblemKind.nullable(),
      problemSeq: z.number().int().nullable(),
    })
    .nullable(),
  checking: z.boolean(),
});
export type AuditStatus = z.infer<typeof AuditStatus>;

export const AuditFilterInput = z
  .strictObject({
    actorId: Id.optional(),
    clientId: Id.optional(),
    action: AuditAction.optional(),
    from: IsoDateTime.optional(),
    to: IsoDateTime.optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    error: 'The start date must be before the end date.',
    path: ['to'],
  });
export type AuditFilterInput = z.input<typeof AuditFilterInput>;

export const AuditListInput = z.strictObject({
  filter: AuditFilterInput,
  beforeSeq: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

export const auditChannels = {
  'audit.list': channel({
    input: AuditListInput,
    output: z.strictObject({ entries: z.array(AuditEntry), nextBeforeSeq: z.number().int().nullable() }),
    access: ['owner'],
  }),
  'audit.verify': channel({ input: Empty, output: AuditVerification, access: ['owner'] }),
  'audit.status': channel({ input: Empty, output: AuditStatus, access: ['owner'] }),
  'audit.acknowledgeAlarm': channel({
    input: z.strictObject({ confirm: z.literal(true) }),
    output: AuditStatus,
    access: ['owner'],
  }),
  // main asks where to save (a folder dialog) and writes the file; the renderer never sees a path.
  'audit.exportCsv': channel({
    input: z.strictObject({ filter: AuditFilterInput }),
    output: z.union([
      z.strictObject({ saved: z.literal(true), filename: z.string(), rows: z.number().int() }),
      z.strictObject({ saved: z.literal(false) }),
    ]),
    access: ['owner'],
  }),
  // A chart's Access history: the owner, and the client's primary clinician (main decides, per client).
  'audit.clientHistory': channel({
    input: z.strictObject({
      clientId: Id,
      beforeSeq: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(200).default(50),
    }),
    output: z.strictObject({
      entries: z.array(AccessHistoryEntry),
      nextBeforeSeq: z.number().int().nullable(),
    }),
    access: ['owner', 'clinician'],
  }),
} as const;
