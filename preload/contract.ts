// The IPC contract: every channel (input schema, output schema, who may call it) and every
// event main sends. main validates against it, preload builds the bridge from it, and the
// renderer takes its types and form schemas from it.
import { z } from 'zod';
import { amendmentChannels } from './contract/amendments.ts';
import { auditChannels } from './contract/audit.ts';
import { authChannels } from './contract/auth.ts';
import { backupChannels, BackupProgress } from './contract/backup.ts';
import { clientChannels } from './contract/clients.ts';
import { coverChannels } from './contract/cover.ts';
import { diagnosisChannels } from './contract/diagnoses.ts';
import { emergencyAccessChannels } from './contract/emergency-access.ts';
import { draftChannels } from './contract/drafts.ts';
import { denialReviewChannels } from './contract/denial-reviews.ts';
import { dueChannels } from './contract/due.ts';
import { retentionChannels } from './contract/retention.ts';
import { intakeChannels } from './contract/intake.ts';
import { disclosureChannels } from './contract/disclosures.ts';
import { joinParts, joinSlices } from './contract/join-slices.ts';
import { noteChannels } from './contract/notes.ts';
import { noteTemplateChannels } from './contract/note-templates.ts';
import { releaseAuthorizationChannels } from './contract/releases/authorizations.ts';
import { releasePackageChannels } from './contract/releases/packages.ts';
import { releaseRequestChannels } from './contract/releases/requests.ts';
import { releaseReviewChannels } from './contract/releases/review.ts';
import { secondFactorChannels } from './contract/second-factor.ts';
import { sessionChannels } from './contract/session.ts';
import type { Result } from './contract/common.ts';
import { practiceChannels } from './contract/practice.ts';
import { planChannels } from './contract/plan-channels.ts';
import { restrictionChannels } from './contract/restrictions.ts';
import { staffChannels } from './contract/staff.ts';
import { suspensionChannels } from './contract/suspensions.ts';

/**
 * The slices, each with the channel-name prefixes it owns (a prefix is the text before the first '.').
 * joinSlices refuses, when this module loads, a channel named twice, a channel outside its slice's
 * prefixes, a prefix two slices claim and a prefix a slice claims without using it.
 */
export const contractSlices = {
  /** The app's status, first-run setup, signing in and the practice's recovery key. */
  auth: { owns: ['app', 'setup', 'auth', 'vault'], channels: authChannels },
  practice: { owns: ['practice'], channels: practiceChannels },
  staff: { owns: ['staff'], channels: staffChannels },
  audit: { owns: ['audit'], channels: auditChannels },
  clients: { owns: ['clients'], channels: clientChannels },
  /** Intake is where consents are recorded and screenings given. */
  intake: { owns: ['intake', 'consents', 'screenings'], channels: intakeChannels },
  drafts: { owns: ['drafts'], channels: draftChannels },
  notes: { owns: ['notes'], channels: noteChannels },
  /** A client's ICD-10-CM diagnoses, ranked, with their history, and the code list's type-ahead (issue 20). */
  diagnoses: { owns: ['diagnoses'], channels: diagnosisChannels },
  /** Break-glass: read-only emergency access to a chart off one's care team (issue 21). */
  emergencyAccess: { owns: ['emergency'], channels: emergencyAccessChannels },
  /** Planned cover: a colleague reads an absent clinician's caseload for a window of time (issue 21). */
  cover: { owns: ['cover'], channels: coverChannels },
  /** The practice's own note templates, versioned (issue 20); the owner defines them. */
  noteTemplates: { owns: ['templates'], channels: noteTemplateChannels },
  /** A second factor at sign-in: enrolment, the code step, the policy, the owner's reset (issue 21). */
  secondFactor: { owns: ['secondFactor'], channels: secondFactorChannels },
  /** The session's own settings (inactivity timeout, warning) live with the session. */
  session: { owns: ['session', 'settings'], channels: sessionChannels },
  /** One file per responsibility under contract/releases/; joinParts refuses a channel two of them define. */
  releases: {
    owns: ['releases'],
    channels: joinParts('releases', {
      requests: releaseRequestChannels,
      authorizations: releaseAuthorizationChannels,
      review: releaseReviewChannels,
      packages: releasePackageChannels,
    }),
  },
  /** A release is one kind of disclosure; the accounting of disclosures lists them all. */
  disclosures: { owns: ['disclosures'], channels: disclosureChannels },
  /** A client's restriction requests (45 CFR 164.522(a)); the release code enforces the agreed ones. */
  restrictions: { owns: ['restrictions'], channels: restrictionChannels },
  backup: { owns: ['backup'], channels: backupChannels },
  /** The open client-rights requests with a legal clock, from every domain (issue 19). */
  due: { owns: ['due'], channels: dueChannels },
  /** Retention, legal holds, destruction of charts and clients' requests to delete (issue 19). */
  retention: { owns: ['retention'], channels: retentionChannels },
  /** The review of a reviewable denial of access (164.524(a)(4)). */
  denialReviews: { owns: ['denials'], channels: denialReviewChannels },
  /** Suspensions of the accounting of disclosures (164.528(a)(2)). */
  suspensions: { owns: ['suspensions'], channels: suspensionChannels },
  /** Treatment plans: drafted, signed by the clinician and the client, reviewed (issue 20). */
  plans: { owns: ['plans'], channels: planChannels },
  /** A client's requests to amend their record (45 CFR 164.526). */
  amendments: { owns: ['amendments'], channels: amendmentChannels },
} as const;

export const contract = joinSlices(contractSlices);

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type Output<C extends Channel> = z.output<Contract[C]['output']>;

export const LockReason = z.enum([
  'signed-out',
  'inactivity',
  'manual',
  'screen-locked',
  'suspend',
  'app-quit',
  'window-closed',
]);
export type LockReason = z.infer<typeof LockReason>;

/** Events main sends to the renderer. */
export const events = {
  'session.locked': z.strictObject({ reason: LockReason }),
  /** The inactivity lock is near: show the countdown; any input (session.activity) dismisses it. */
  'session.warning': z.strictObject({ secondsLeft: z.number().int().nonnegative() }),
  /** Main dismissed the warning (activity arrived). */
  'session.active': z.strictObject({}),
  /** Main is locking: save what is being typed now, then call session.draftFlushed. */
  'session.saveNow': z.strictObject({ reason: LockReason }),
  /** A backup is running: phase and percentage for the progress bar. */
  'backup.progress': BackupProgress,
} as const;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

export const channelNames = Object.keys(contract) as Channel[];
export const eventNames = Object.keys(events) as EventName[];

/** What preload exposes as window.stillwater (and the test harness imitates). */
export interface StillwaterApi {
  call<C extends Channel>(channel: C, input: Input<C>): Promise<Result<Output<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export const IPC_INVOKE = 'stillwater:invoke';
export const IPC_EVENT_PREFIX = 'stillwater:event:';

export * from './contract/common.ts';
export * from './contract/auth.ts';
export * from './contract/practice.ts';
export * from './contract/staff.ts';
export * from './contract/audit.ts';
export * from './contract/clients.ts';
export * from './contract/intake.ts';
export * from './contract/screening.ts';
export * from './contract/drafts.ts';
export * from './contract/notes.ts';
export * from './contract/note-links.ts';
export * from './contract/note-templates.ts';
export * from './contract/service-code.ts';
export * from './contract/session.ts';
export * from './contract/second-factor.ts';
export * from './contract/releases.ts';
export * from './contract/restrictions.ts';
export * from './contract/cover.ts';
export * from './contract/emergency-access.ts';
export * from './contract/backup.ts';
export * from './contract/due.ts';
export * from './contract/retention.ts';
export * from './contract/amendments.ts';
export * from './contract/plans.ts';
export * from './contract/plan-channels.ts';
