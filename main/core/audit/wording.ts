// Every audit entry in words (issue 18): "Opened chart of Ana Díaz", "Viewed note from Nov 3",
// "Exported release to County Court". The words are made from the stored entry when it is read,
// with names looked up then (a renamed client reads under their name today); the entry itself, and
// so the hash chain, never changes (DESIGN.md section 7). One function words every action: the
// owner's log, a chart's Access history and the CSV export all call describeEntry, and a unit test
// fails when an action in the contract has no wording here.
import { humanizeAction } from '../../../preload/contract/audit.ts';
import type { NoteLabel } from '../notes/index.ts';
import type { ReleaseLabel } from '../releases/index.ts';
import { MONTHS } from '../../../preload/contract/us-date.ts';

/** The stored fields an entry's words are made from. */
export interface WordedEntry {
  action: string;
  at: string;
  actorUsername: string | null;
  targetType: string | null;
  targetId: string | null;
  detail: string;
}

/** Names looked up when the log is read; null: no longer on file (a purged chart, a discarded draft). */
export interface AuditNames {
  client(id: string): string | null;
  staff(id: string): string | null;
  note(id: string): NoteLabel | null;
  release(id: string): ReleaseLabel | null;
}

export interface Wording {
  summary: string;
  /** The record the entry is about, by name; null when it is about none. */
  target: string | null;
}

export interface WordingOptions {
  /** Draft autosaves grouped into this row. */
  count?: number;
  /** The client a filtered view is about: a list read then says whether it showed them. */
  focusClientId?: string;
}

/** "2026-11-03" -> "Nov 3" (US order), with the year when it is not the year of `at`. */
export function shortDate(day: string, at: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return 'an unknown date';
  const text = `${MONTHS[Number(m[2]) - 1] ?? '?'} ${String(Number(m[3]))}`;
  return m[1] === at.slice(0, 4) ? text : `${text}, ${m[1] ?? ''}`;
}

function parseDetail(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const plural = (n: number, one: string, many = `${one}s`): string => `${String(n)} ${n === 1 ? one : many}`;

/** " (90834 confirmed for a 53-minute session)": a service-code mismatch the signer signed anyway. */
function confirmedCode(d: Record<string, unknown>): string {
  const c = d.serviceCodeMismatchConfirmed;
  if (typeof c !== 'object' || c === null) return '';
  const code = 'serviceCode' in c ? str(c.serviceCode) : null;
  const minutes = 'durationMinutes' in c && typeof c.durationMinutes === 'number' ? c.durationMinutes : null;
  if (!code) return '';
  return minutes === null
    ? ` (${code} confirmed without a session length)`
    : ` (${code} confirmed for a ${String(minutes)}-minute session)`;
}

const RELEASE_STATUS_VERBS: Readonly<Record<string, string>> = {
  authorized: 'Marked authorized',
  approved: 'Approved',
  denied: 'Denied',
  exported: 'Exported',
  revoked: 'Marked revoked',
  expired: 'Marked expired',
  draft: 'Sent back to review',
};

/** What the wording functions see of one entry: its detail, and its records by name. */
interface Facts {
  entry: WordedEntry;
  d: Record<string, unknown>;
  options: WordingOptions;
  /** "Ana Díaz" (the client the entry is about), or a stand-in when none is on file. */
  client: string;
  /** "note from Nov 3" / "psychotherapy note from Nov 3" / "a draft note since discarded". */
  note: string;
  /** "release to County Court" / "release to Ana Díaz" (her own copy) / "a release request". */
  release: string;
  /** The staff member the entry targets. */
  user: string;
  /** Whether the entry names the focus client in its list. */
  showsFocus: boolean;
  names: AuditNames;
}

type Words = (f: Facts) => string;

/**
 * Keyed by string rather than Record<AuditAction, …> so that an action added elsewhere does not break
 * the build mid-change; tests/unit/audit/wording.test.ts fails until it has its words here.
 */
export const WORDING: Readonly<Record<string, Words>> = {
  'practice.setup': () => 'Set up the practice',
  'practice.update': () => 'Changed the practice profile',
  'practice.stateLawUpdate': () => 'Changed the state-law deadlines and notice',
  'auth.signIn': () => 'Signed in',
  'auth.signInFailed': (f) =>
    f.d.knownUser === false ? 'Failed sign-in (unknown username)' : `Failed sign-in as ${f.user}`,
  'auth.signOut': () => 'Signed out',
  'auth.locked': () => 'Stillwater locked',
  'settings.update': () => 'Changed the inactivity lock',
  'auth.recoveryUsed': () => 'Signed in with the recovery key',
  'auth.recoveryFailed': (f) =>
    f.d.knownUser === false
      ? 'Failed sign-in with a recovery key'
      : `Failed sign-in with a recovery key as ${f.user}`,
  'auth.passwordChanged': () => 'Changed their password',
  'auth.secondFactorAsked': () => 'Entered the right password; the second-factor code was asked',
  'auth.secondFactorAbandoned': () => 'Left sign-in at the second-factor code',
  'secondFactor.enrol': (f) =>
    f.d.replaced === true ? 'Replaced their second factor' : 'Set up a second factor',
  'secondFactor.disable': () => 'Turned off their second factor',
  'secondFactor.reset': (f) => `Reset the second factor of ${f.user}`,
  'secondFactor.policy': () => 'Changed who must use a second factor',
  'vault.recoveryKeyConfirmed': () => 'Confirmed the recovery key is kept safe',
  'vault.recoveryKeyRotated': () => 'Made a new recovery key',
  'vault.dataKeyRotated': () => 'Re-encrypted the practice database under a new data key',
  'staff.create': (f) => `Added staff member ${f.user}`,
  'staff.changeRole': (f) => `Changed the role of ${f.user}`,
  'staff.deactivate': (f) => `Deactivated ${f.user}`,
  'staff.resetPassword': (f) => `Reset the password of ${f.user}`,
  'staff.invite': (f) => `Invited ${f.user}`,
  'staff.invitationReissued': (f) => `Issued a new invitation code for ${f.user}`,
  'staff.invitationWithdrawn': (f) => `Withdrew the invitation of ${f.user}`,
  'staff.setCustodian': (f) =>
    f.d.custodianId === null
      ? `Cleared the records custodian of ${f.user}`
      : `Named the records custodian of ${f.user}`,
  'audit.verify': (f) =>
    f.d.ok === false ? 'Verified the audit log: a problem was found' : 'Verified the audit log',
  'audit.export': (f) => {
    const filter = f.d.filter;
    const about =
      typeof filter === 'object' &&
      filter !== null &&
      'clientId' in filter &&
      typeof filter.clientId === 'string'
        ? ` of ${f.names.client(filter.clientId) ?? 'a client no longer on file'}`
        : '';
    const rows = typeof f.d.rows === 'number' ? ` (${plural(f.d.rows, 'entry', 'entries')})` : '';
    return `Exported the audit log${about}${rows}`;
  },
  'client.create': (f) => `Registered ${f.client} as a new client`,
  'client.view': (f) => `Opened chart of ${f.client}`,
  'emergency.find': (f) => `Looked up ${f.client} to open the chart in an emergency`,
  'emergency.open': (f) => `Used emergency access to the chart of ${f.client}`,
  'emergency.list': () => 'Viewed the emergency accesses to acknowledge',
  'emergency.acknowledge': (f) => `Acknowledged an emergency access to the chart of ${f.client}`,
  'emergency.settings': () => 'Changed how long emergency access lasts',
  'client.update': (f) => `Changed the details of ${f.client}`,
  'client.communicationsUpdate': (f) =>
    f.d.onFile === false
      ? `Ended confidential communications for ${f.client}`
      : `Changed confidential communications for ${f.client}`,
  'client.statusChange': (f) => {
    const to = str(f.d.to);
    return to ? `Marked ${f.client} ${to}` : `Changed the status of ${f.client}`;
  },
  'careTeam.add': (f) => `Added ${f.user} to the care team of ${f.client}`,
  'careTeam.remove': (f) => `Removed ${f.user} from the care team of ${f.client}`,
  'intake.view': (f) => `Viewed the intake of ${f.client}`,
  'intake.save': (f) => `Saved the intake of ${f.client}`,
  'intake.complete': (f) => `Completed the intake of ${f.client}`,
  'consent.record': (f) => `Recorded a consent of ${f.client}`,
  'screening.record': (f) => `Recorded ${screening(f.d)} for ${f.client}`,
  'screening.view': (f) => `Viewed the screenings of ${f.client}`,
  'diagnosis.view': (f) =>
    f.d.diagnosisId
      ? `Viewed the history of a diagnosis of ${f.client}`
      : `Viewed the diagnoses of ${f.client}`,
  'diagnosis.add': (f) => `Added a diagnosis to the chart of ${f.client}`,
  'diagnosis.change': (f) => `Changed a diagnosis of ${f.client}`,
  'diagnosis.reorder': (f) => `Reordered the diagnoses of ${f.client}`,
  'client.timelineView': (f) => `Viewed the notes timeline of ${f.client}`,
  'note.draftSave': (f) => {
    const n = f.options.count ?? 1;
    return n > 1
      ? `Edited draft ${f.note} (${plural(n, 'autosave')})`
      : f.d.created === true
        ? `Started draft ${f.note}`
        : `Autosaved draft ${f.note}`;
  },
  'note.view': (f) => `Viewed ${f.note}`,
  'note.sign': (f) => `Signed ${f.note}${confirmedCode(f.d)}`,
  'note.discard': () => 'Discarded a draft note',
  'note.addendum': (f) => `Added an addendum to ${f.note}`,
  'note.cosign': (f) => `Co-signed ${f.note}`,
  'note.integrityFailed': (f) => `Found ${f.note} changed since it was signed`,
  'note.search': (f) =>
    f.entry.targetType === 'client' ? `Searched the notes of ${f.client}` : `Searched notes`,
  'note.print': (f) => `Printed ${f.note}`,
  'note.linkOptions': (f) => `Viewed the diagnoses and treatment-plan goals of ${f.client} for a note`,
  'chart.print': (f) => `Printed the chart summary of ${f.client}`,
  'staff.setSupervisor': (f) =>
    f.d.supervisorId === null ? `Removed the supervisor of ${f.user}` : `Set the supervisor of ${f.user}`,
  'release.create': (f) => `Recorded a request for ${f.release}`,
  'release.view': (f) => `Opened ${f.release}`,
  'release.authorization': (f) => `Recorded an authorization for ${f.release}`,
  'release.statusChange': (f) => {
    const verb = RELEASE_STATUS_VERBS[str(f.d.to) ?? ''];
    return verb ? `${verb} ${f.release}` : `Changed the status of ${f.release}`;
  },
  'release.preview': (f) => `Previewed ${f.release}`,
  'release.extend': (f) => `Extended the deadline of ${f.release}`,
  'release.revokeAuthorization': (f) => `Recorded that an authorization for ${f.release} was revoked`,
  'release.export': (f) => `Exported ${f.release}`,
  'release.denialLetter': (f) => `Saved the denial letter for ${f.release}`,
  'release.verify': (f) =>
    f.d.ok === false ? 'Verified a release package: it does not match the log' : 'Verified a release package',
  'disclosure.record': (f) => `Recorded a disclosure of the records of ${f.client}`,
  'disclosure.accounting': (f) => `Viewed the accounting of disclosures of ${f.client}`,
  'plan.list': (f) => `Viewed the treatment plans of ${f.client}`,
  'plan.view': (f) => `Viewed ${planVersion(f)} of the treatment plan of ${f.client}`,
  'plan.draftCreate': (f) =>
    f.d.previousId
      ? `Started a revision of the treatment plan of ${f.client}`
      : `Started a treatment plan for ${f.client}`,
  'plan.draftSave': (f) => {
    const n = f.options.count ?? 1;
    return n > 1
      ? `Edited the draft treatment plan of ${f.client} (${plural(n, 'save')})`
      : `Saved the draft treatment plan of ${f.client}`;
  },
  'plan.discard': (f) => `Discarded a draft treatment plan of ${f.client}`,
  'plan.signClinician': (f) => `Signed ${planVersion(f)} of the treatment plan of ${f.client}`,
  'plan.signClient': (f) =>
    f.d.signer === 'representative'
      ? `Recorded the representative’s signature on ${planVersion(f)} of the treatment plan of ${f.client}`
      : `Recorded the client’s signature on ${planVersion(f)} of the treatment plan of ${f.client}`,
  'plan.review': (f) =>
    f.d.outcome === 'revise'
      ? `Reviewed the treatment plan of ${f.client}: to be revised`
      : `Reviewed the treatment plan of ${f.client}: continued`,
  'plan.integrityFailed': (f) =>
    `Found ${planVersion(f)} of the treatment plan of ${f.client} changed since it was signed`,
  'plan.reviewsDue': (f) =>
    f.showsFocus
      ? `Saw ${f.client} in the treatment plan reviews due`
      : 'Opened the treatment plan reviews due',
  'plan.settingsUpdate': () => 'Changed the treatment plan review interval',
  'restriction.view': (f) => `Viewed the restriction requests of ${f.client}`,
  'restriction.record': (f) => `Recorded a restriction request of ${f.client}`,
  'restriction.decide': (f) =>
    f.d.to === 'declined'
      ? `Declined a restriction request of ${f.client}`
      : `Agreed to a restriction request of ${f.client}`,
  'restriction.terminate': (f) =>
    f.d.how === 'practice_notice'
      ? `Ended a restriction of ${f.client} (by the practice, for records created from then on)`
      : `Recorded that ${f.client} ended a restriction`,
  'restriction.override': (f) =>
    `${f.d.stage === 'export' ? 'Exported' : 'Approved'} ${f.release} despite a restriction (emergency treatment or required by law)`,
  'backup.create': () => 'Made a backup',
  'backup.failed': () => 'Backup failed',
  'backup.settingsUpdate': () => 'Changed the backup settings',
  'backup.restore': () => 'Restored from a backup',
  'backup.codeIssued': (f) => `Issued a one-time sign-in code for ${f.user}`,
  'backup.codeRedeemed': () => 'Signed in with a one-time code',
  'access.denied': (f) => `Was refused access${deniedWhat(f)}`,
  'template.create': (f) => `Created ${templateName(f)}`,
  'template.supersede': (f) =>
    `Published ${typeof f.d.version === 'number' ? `version ${String(f.d.version)}` : 'a new version'} of ${templateName(f)} (it supersedes the earlier version for new notes)`,
  'template.retire': (f) => `Retired ${templateName(f)} (no new notes in it)`,
  'cover.grant': (f) => `Arranged cover of the caseload of ${f.user}`,
  'cover.end': (f) => `Ended the cover of the caseload of ${f.user} early`,
  'audit.alarm': () => 'Found the audit log altered',
  'audit.alarmAcknowledged': () => 'Acknowledged the audit alarm',
  'client.search': (f) => (f.showsFocus ? `Saw ${f.client} in the client list` : `Searched the client list`),
  'release.list': (f) =>
    f.showsFocus
      ? `Saw ${f.client} in the release requests`
      : f.entry.targetType === 'client'
        ? `Listed the release requests of ${f.client}`
        : `Listed release requests`,
  'release.exportStarted': (f) => `Started exporting ${f.release}`,
  'release.exportAbandoned': (f) => `Export of ${f.release} did not finish and was cleaned up`,
  'backup.pruned': (f) =>
    typeof f.d.count === 'number' ? `Removed ${plural(f.d.count, 'old backup')}` : 'Removed old backups',
  'note.list': (f) =>
    f.showsFocus
      ? `Saw a note of ${f.client} in ${f.entry.targetId === 'cosign' ? 'the co-sign queue' : 'their drafts'}`
      : f.entry.targetId === 'cosign'
        ? `Opened the co-sign queue`
        : `Opened their draft notes`,
  'due.list': (f) =>
    f.showsFocus ? `Saw ${f.client} in the requests with a due date` : 'Opened the requests with a due date',
  'record.unreadable': () => 'Found a stored record that could not be read',
  'client.accessHistoryView': (f) => `Viewed the access history of ${f.client}`,
  'denialReview.settings': () => 'Changed the designated reviewing official for denials of access',
  'denialReview.view': (f) => `Viewed the reviews of the denial of ${f.release}`,
  'denialReview.request': (f) => `Recorded a request for review of the denial of ${f.release}`,
  'denialReview.decide': (f) =>
    f.d.outcome === 'reversed'
      ? `Recorded that the reviewer reversed the denial of ${f.release}`
      : `Recorded that the reviewer upheld the denial of ${f.release}`,
  'denialReview.notice': (f) => `Saved the notice of the review of ${f.release}`,
  'suspension.list': (f) => `Viewed the suspensions of the accounting of ${f.client}`,
  'suspension.record': (f) =>
    `Recorded ${f.d.kind === 'oral' ? 'an oral' : 'a written'} statement suspending the accounting of ${f.client}`,
  'retention.settingsUpdate': () => 'Changed the retention settings',
  'retention.overview': () => 'Viewed the charts past retention',
  'retention.holdPlaced': (f) => `Placed a legal hold on the chart of ${f.client}`,
  'retention.holdLifted': (f) => `Lifted a legal hold on the chart of ${f.client}`,
  'chart.destroy': (f) =>
    `Destroyed chart ${str(f.d.chartNumber) ?? 'of a client'} after its retention period`,
  'chart.destroyReapplied': (f) =>
    `Removed destroyed chart ${str(f.d.chartNumber) ?? 'of a client'} again after a restore`,
  'deletionRequest.record': (f) => `Recorded a request to delete the record of ${f.client}`,
  'deletionRequest.list': (f) => `Viewed the deletion requests of ${f.client}`,
  'deletionRequest.answer': (f) => `Saved the answer to a request to delete the record of ${f.client}`,
  'amendment.list': (f) => `Viewed the amendment requests of ${f.client}`,
  'amendment.view': (f) =>
    AMENDMENT_READS[str(f.d.what) ?? '']?.(f.client) ?? `Viewed amendments of ${f.client}`,
  'amendment.record': (f) => `Recorded a request of ${f.client} to amend their record`,
  'amendment.extend': (f) => `Extended the deadline of an amendment request of ${f.client}`,
  'amendment.accept': (f) => `Accepted an amendment request of ${f.client}`,
  'amendment.deny': (f) => `Denied an amendment request of ${f.client}`,
  'amendment.statement': (f) => `Recorded a statement of disagreement of ${f.client}`,
  'amendment.rebuttal': (f) => `Wrote a rebuttal to a statement of disagreement of ${f.client}`,
  'amendment.include': (f) =>
    f.d.include === false
      ? `Recorded that ${f.client} no longer asks that a denied amendment go with disclosures`
      : `Recorded that ${f.client} asks that a denied amendment go with disclosures`,
  'amendment.notifyAgreed': (f) => `Recorded whom ${f.client} agreed should be told of an amendment`,
  'amendment.letter': (f) =>
    `Saved ${AMENDMENT_LETTERS[str(f.d.kind) ?? ''] ?? 'a letter'} about an amendment request of ${f.client}`,
};

/** What an 'amendment.view' entry read (its detail's `what`). */
const AMENDMENT_READS: Readonly<Record<string, (client: string) => string>> = {
  records: (client) => `Viewed the records of ${client} that an amendment request may name`,
  record: (client) => `Viewed the amendments to a record of ${client}`,
  amended: (client) => `Viewed which records of ${client} were amended`,
  notices: (client) => `Viewed whom to tell of an amendment of ${client}`,
};

const AMENDMENT_LETTERS: Readonly<Record<string, string>> = {
  denial: 'the denial letter',
  acceptance: 'the acceptance letter',
  rebuttal: 'the copy of the rebuttal',
  notice: 'a notice to a recipient',
};

/** "version 2": the plan version an entry is about. */
const planVersion = (f: Facts): string =>
  typeof f.d.version === 'number' ? `version ${String(f.d.version)}` : 'a version';

const SCREENINGS: Readonly<Record<string, string>> = { phq9: 'a PHQ-9', gad7: 'a GAD-7' };
const screening = (d: Record<string, unknown>): string =>
  SCREENINGS[str(d.instrument) ?? ''] ?? 'a screening';

function deniedWhat(f: Facts): string {
  switch (f.entry.targetType) {
    case 'client':
      return ` to the chart of ${f.client}`;
    case 'note':
      return ` to ${f.note}`;
    case 'release':
      return ` to ${f.release}`;
    case 'user':
      return ` to the account of ${f.user}`;
    case null:
    default: {
      const channel = str(f.d.channel) ?? '';
      const area = AREAS[channel.slice(0, channel.indexOf('.') + 1)];
      return area ? ` to ${area}` : '';
    }
  }
}

/** “Intake follow-up”: a note template by the name its version had (never PHI). */
const templateName = (f: Facts): string => {
  const name = str(f.d.name);
  return name ? `the note template “${name}”` : 'a note template';
};

/** What a refused request without a named record was reaching for, by its channel's domain. */
const AREAS: Readonly<Record<string, string>> = {
  'audit.': 'the audit log',
  'clients.': 'client records',
  'intake.': 'an intake',
  'consents.': 'consents',
  'screenings.': 'screenings',
  'diagnoses.': 'diagnoses',
  'notes.': 'notes',
  'templates.': 'note templates',
  'releases.': 'release requests',
  'denials.': 'reviews of denials',
  'suspensions.': 'suspensions of the accounting',
  'restrictions.': 'restriction requests',
  'amendments.': 'amendment requests',
  'disclosures.': 'the disclosure log',
  'plans.': 'treatment plans',
  'staff.': 'staff accounts',
  'practice.': 'the practice profile',
  'settings.': 'settings',
  'backup.': 'backups',
  'vault.': 'the recovery key',
};

/** The client an entry is about: its target, its note's or release's client, or the one its detail names. */
export function clientOfEntry(entry: WordedEntry, names: AuditNames): string | null {
  const d = parseDetail(entry.detail);
  if (entry.targetType === 'client' && entry.targetId) return entry.targetId;
  if (entry.targetType === 'note' && entry.targetId)
    return names.note(entry.targetId)?.client_id ?? str(d.clientId);
  if (entry.targetType === 'release' && entry.targetId)
    return names.release(entry.targetId)?.client_id ?? str(d.clientId);
  return str(d.clientId);
}

/** The entry in words, and the record it is about by name. */
export function describeEntry(entry: WordedEntry, names: AuditNames, options: WordingOptions = {}): Wording {
  const d = parseDetail(entry.detail);
  const listed = Array.isArray(d.clientIds)
    ? d.clientIds.filter((x): x is string => typeof x === 'string')
    : [];
  const showsFocus = options.focusClientId !== undefined && listed.includes(options.focusClientId);
  const clientId = showsFocus ? (options.focusClientId ?? null) : clientOfEntry(entry, names);
  const client = (clientId && names.client(clientId)) ?? 'a client no longer on file';

  const noteLabel = entry.targetType === 'note' && entry.targetId ? names.note(entry.targetId) : null;
  const note = noteLabel
    ? `${noteLabel.kind === 'psychotherapy' ? 'psychotherapy note' : 'note'} from ${shortDate(noteLabel.service_date, entry.at)}`
    : entry.action === 'note.discard' || entry.action === 'note.draftSave'
      ? 'note (since discarded)'
      : 'a note no longer on file';

  const releaseLabel =
    entry.targetType === 'release' && entry.targetId ? names.release(entry.targetId) : null;
  const recipient = releaseLabel?.recipient(client) ?? null;
  const release = recipient ? `release to ${recipient}` : 'a release request';

  const userId = entry.targetType === 'user' ? entry.targetId : str(d.userId);
  const user = (userId && names.staff(userId)) ?? 'a staff member';

  const facts: Facts = { entry, d, options, client, note, release, user, showsFocus, names };
  const words = WORDING[entry.action];
  const summary = words ? words(facts) : humanizeAction(entry.action);

  let target: string | null;
  switch (entry.targetType) {
    case 'client':
      target = client;
      break;
    case 'note':
      target = `${capitalize(note)} · ${client}`;
      break;
    case 'release':
      target = `${capitalize(release)} · ${client}`;
      break;
    case 'user':
      target = user;
      break;
    case 'practice':
      target = 'Practice profile';
      break;
    case 'settings':
      target = 'Inactivity lock';
      break;
    case 'list':
      target = entry.targetId === 'cosign' ? 'Co-sign queue' : 'Draft notes';
      break;
    case null:
    default:
      target = showsFocus || clientId ? client : null;
  }
  return { summary, target };
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
