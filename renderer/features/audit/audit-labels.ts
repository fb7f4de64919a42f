// How audit entries read to a person: short action names (the filter's list), and the facts an
// entry's detail adds to its sentence (the sentence itself is made in main: core/audit/wording.ts).
import { type AuditEntry, humanizeAction, LockReason, ROLE_LABELS, Role } from '../../../preload/contract.ts';
import { formatCalendarDate } from '../../lib/calendar-date.ts';
import { formatDateTime, formatTime } from '../../lib/format.ts';

// Keyed by string, not Record<AuditAction, …>: core adds actions as modules land, and a new
// action must read sensibly (see actionLabel's fallback) rather than break the renderer's build.
const ACTION_LABELS: Readonly<Record<string, string>> = {
  'practice.setup': 'Practice set up',
  'practice.update': 'Practice profile changed',
  'auth.signIn': 'Signed in',
  'auth.signInFailed': 'Sign-in failed',
  'auth.signOut': 'Signed out',
  'auth.locked': 'Locked',
  'settings.update': 'Settings changed',
  'auth.recoveryUsed': 'Signed in with recovery key',
  'auth.recoveryFailed': 'Recovery key rejected',
  'auth.passwordChanged': 'Password changed',
  'auth.secondFactorAsked': 'Second-factor code asked',
  'auth.secondFactorAbandoned': 'Sign-in left at the code',
  'secondFactor.enrol': 'Second factor set up',
  'secondFactor.disable': 'Second factor turned off',
  'secondFactor.reset': 'Second factor reset by owner',
  'secondFactor.policy': 'Second-factor policy changed',
  'vault.recoveryKeyConfirmed': 'Recovery key confirmed',
  'vault.recoveryKeyRotated': 'New recovery key generated',
  'vault.dataKeyRotated': 'Data key rotated',
  'staff.create': 'Staff member added',
  'staff.changeRole': 'Role changed',
  'staff.deactivate': 'Staff member deactivated',
  'staff.resetPassword': 'Password reset by owner',
  'staff.invite': 'Staff member invited',
  'staff.invitationReissued': 'Invitation code reissued',
  'staff.invitationWithdrawn': 'Invitation withdrawn',
  'staff.setCustodian': 'Records custodian named',
  'audit.verify': 'Audit log verified',
  'audit.export': 'Audit log exported',
  'client.create': 'Client registered',
  'client.view': 'Client record opened',
  'emergency.find': 'Client looked up for emergency access',
  'emergency.open': 'Emergency access used',
  'emergency.acknowledge': 'Emergency access acknowledged',
  'emergency.list': 'Emergency accesses listed',
  'emergency.settings': 'Emergency access duration changed',
  'client.update': 'Client details changed',
  'client.statusChange': 'Client status changed',
  'careTeam.add': 'Added to care team',
  'careTeam.remove': 'Removed from care team',
  'intake.view': 'Intake opened',
  'intake.save': 'Intake saved',
  'intake.complete': 'Intake completed',
  'consent.record': 'Consent recorded',
  'screening.record': 'Screening recorded',
  'screening.view': 'Screening opened',
  'backup.create': 'Backup made and verified',
  'backup.failed': 'Backup failed',
  'backup.settingsUpdate': 'Backup settings changed',
  'backup.restore': 'Restored from a backup',
  'backup.codeIssued': 'One-time sign-in code issued',
  'backup.codeRedeemed': 'Signed in with a one-time code',
  'access.denied': 'Access refused',
  'audit.alarm': 'Audit log tampering detected',
  'audit.alarmAcknowledged': 'Audit alarm acknowledged by owner',
  'client.search': 'Client list shown',
  'release.list': 'Release requests listed',
  'release.exportStarted': 'Release export started',
  'release.exportAbandoned': 'Release export abandoned',
  'backup.pruned': 'Old backups removed',
  'note.list': 'Note list shown',
  'record.unreadable': 'Stored record could not be read',
  'client.timelineView': 'Notes timeline opened',
  'client.accessHistoryView': 'Access history opened',
  'note.draftSave': 'Draft note autosaved',
  'note.view': 'Note opened',
  'note.sign': 'Note signed',
  'note.discard': 'Draft note discarded',
  'note.addendum': 'Addendum added',
  'note.cosign': 'Note co-signed',
  'note.integrityFailed': 'Signed note found changed',
  'note.search': 'Notes searched',
  'note.print': 'Note printed',
  'chart.print': 'Chart summary printed',
  'staff.setSupervisor': 'Supervisor set',
  'release.create': 'Release request recorded',
  'release.view': 'Release request opened',
  'release.authorization': 'Authorization recorded',
  'release.statusChange': 'Release status changed',
  'release.preview': 'Release previewed',
  'release.extend': 'Release deadline extended',
  'release.revokeAuthorization': 'Authorization revoked',
  'release.export': 'Release exported',
  'release.denialLetter': 'Denial letter saved',
  'release.verify': 'Release package verified',
  'disclosure.record': 'Disclosure recorded',
  'disclosure.accounting': 'Accounting of disclosures viewed',
  'cover.grant': 'Cover arranged',
  'cover.end': 'Cover ended early',
};

export const actionLabel = (action: string): string => ACTION_LABELS[action] ?? humanizeAction(action);

const LOCK_REASONS: Record<LockReason, string> = {
  'signed-out': 'Signed out',
  inactivity: 'Locked after inactivity',
  manual: 'Locked',
  'screen-locked': 'Screen locked',
  suspend: 'Computer went to sleep',
  'app-quit': 'App closed',
  'window-closed': 'Window closed',
};

/** Why a session was locked (auth.locked): the person may come straight back. */
const LOCKED_BECAUSE: Partial<Record<LockReason, string>> = {
  inactivity: 'No activity: locked automatically',
  manual: 'Lock now',
  'screen-locked': 'Screen locked',
  suspend: 'Computer went to sleep',
};

/** settings.update for the inactivity lock: "Inactivity lock 5 → 1 min, warning 60 → 30 s". */
function sessionSettingsChange(d: Record<string, unknown>): string {
  const read = (v: unknown): { timeoutMinutes?: unknown; warningSeconds?: unknown } =>
    typeof v === 'object' && v !== null ? v : {};
  const before = read(d.before);
  const after = read(d.after);
  const num = (v: unknown): string => (typeof v === 'number' ? String(v) : '?');
  return `Inactivity lock ${num(before.timeoutMinutes)} → ${num(after.timeoutMinutes)} min, warning ${num(before.warningSeconds)} → ${num(after.warningSeconds)} s`;
}

const PRACTICE_COLUMNS: Record<string, string> = {
  name: 'name',
  address_line1: 'street address',
  address_line2: 'address line 2',
  city: 'city',
  region: 'state',
  postal_code: 'ZIP code',
  phone: 'phone',
  privacy_contact: 'privacy contact',
};

const roleLabel = (value: unknown): string => {
  const parsed = Role.safeParse(value);
  return parsed.success ? ROLE_LABELS[parsed.data] : String(value);
};

function parseDetail(detail: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(detail);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/**
 * Failed sign-ins happen while the database is closed; they are written at the next unlock, so
 * the moment of the attempt is in the detail, not the entry's own time.
 */
function attemptedAt(entry: Pick<AuditEntry, 'at'>, recordedAt: unknown): string {
  if (typeof recordedAt !== 'string') return '';
  const sameDay = recordedAt.slice(0, 10) === entry.at.slice(0, 10);
  return `attempted ${sameDay ? formatTime(recordedAt) : formatDateTime(recordedAt)}`;
}

/** backup.settingsUpdate: "Folder changed · every 24 h · keep 7 daily, 4 weekly, 12 monthly · warn after 3 days". */
function backupSettingsChange(d: Record<string, unknown>): string {
  const obj = (v: unknown): Record<string, unknown> =>
    typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  const num = (v: unknown): string => (typeof v === 'number' ? String(v) : '?');
  const schedule = obj(d.schedule);
  const keep = obj(d.retention);
  return [
    d.folderChanged === true ? 'Folder changed' : '',
    `every ${num(schedule.everyHours)} h${schedule.onSignOut === true ? ' and at sign-out' : ''}`,
    `keep ${num(keep.daily)} daily, ${num(keep.weekly)} weekly, ${num(keep.monthly)} monthly`,
    `warn after ${num(d.maxAgeDays)} days`,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** What an acknowledged audit alarm was about, in a few words. */
const ALARM_KINDS: Readonly<Record<string, string>> = {
  truncated: 'Entries removed at the end of the log',
  'head-mismatch': 'Newest entries rewritten',
  'head-missing': 'Record kept outside the database missing',
  'head-not-authentic': 'Record kept outside the database edited',
  'head-rolled-back': 'Record kept outside the database replaced with an older copy',
  'chain-break': 'Chain broken',
  missing: 'Entries missing',
  'out-of-order': 'Entries reordered',
  edited: 'An entry edited',
};

/** A list or search read: how many clients it showed (filter by a client to see whether it was one). */
function listRead(d: Record<string, unknown>): string {
  if (typeof d.count !== 'number') return '';
  const before = typeof d.shownBefore === 'number' ? d.shownBefore : 0;
  return [
    `${String(d.count)} client${d.count === 1 ? '' : 's'} shown`,
    before > 0 ? `${String(before)} already shown earlier in this session` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The entry's detail as a short sentence. */
export function describeDetail(entry: Pick<AuditEntry, 'action' | 'at' | 'targetId' | 'detail'>): string {
  const d = parseDetail(entry.detail);
  switch (entry.action) {
    case 'auth.signOut': {
      // "Signed out" is the Action already; other reasons (app closed, window closed) add to it.
      const reason = LockReason.safeParse(d.reason);
      return reason.success && reason.data !== 'signed-out' ? LOCK_REASONS[reason.data] : '';
    }
    case 'auth.locked': {
      const reason = LockReason.safeParse(d.reason);
      return reason.success ? (LOCKED_BECAUSE[reason.data] ?? LOCK_REASONS[reason.data]) : '';
    }
    case 'settings.update':
      return entry.targetId === 'session' ? sessionSettingsChange(d) : '';
    case 'auth.passwordChanged':
      return d.wasTemporary === true ? 'Replaced a temporary password' : '';
    case 'auth.signInFailed':
    case 'auth.recoveryFailed':
      return [
        d.knownUser === false
          ? 'Unknown username'
          : entry.action === 'auth.signInFailed'
            ? d.secondFactor === true
              ? 'Wrong second-factor code'
              : 'Wrong password'
            : '',
        attemptedAt(entry, d.recordedAt),
      ]
        .filter(Boolean)
        .join(' · ');
    case 'staff.create':
      return `As ${roleLabel(d.role)}`;
    case 'staff.changeRole':
      return `${roleLabel(d.from)} → ${roleLabel(d.to)}`;
    case 'practice.update':
      return Array.isArray(d.fields)
        ? `Changed ${d.fields.map((f) => PRACTICE_COLUMNS[String(f)] ?? String(f)).join(', ')}`
        : '';
    case 'practice.setup':
      return typeof d.owner === 'string' ? `Owner account: ${d.owner}` : '';
    case 'audit.verify':
      return d.ok === true
        ? `Chain intact, ${String(d.checked)} entries`
        : `Problem found${typeof d.problem === 'string' ? `: ${d.problem}` : ''}`;
    case 'audit.export':
      return typeof d.filename === 'string' ? d.filename : '';
    case 'backup.restore':
      return [
        typeof d.backupCreatedAt === 'string' ? `Backup of ${formatDateTime(d.backupCreatedAt)}` : '',
        d.sameComputer === true ? 'on this computer, the earlier database kept aside' : 'on a new computer',
      ]
        .filter(Boolean)
        .join(', ');
    case 'backup.failed':
      return typeof d.reason === 'string' ? d.reason.replace(/-/g, ' ') : '';
    case 'backup.settingsUpdate':
      return backupSettingsChange(d);
    case 'backup.codeIssued':
      return typeof d.expiresAt === 'string' ? `Expires ${formatDateTime(d.expiresAt)}` : '';
    case 'client.search':
    case 'release.list':
    case 'note.search':
    case 'note.list':
      return listRead(d);
    case 'backup.create':
      return typeof d.auditEntries === 'number' ? `${String(d.auditEntries)} audit entries` : '';
    case 'access.denied':
      return [
        d.by === 'role'
          ? 'Not allowed for their role'
          : d.by === 'record'
            ? 'Not allowed for this record'
            : '',
        typeof d.channel === 'string' ? `request ${d.channel}` : '',
      ]
        .filter(Boolean)
        .join(' · ');
    case 'audit.alarm':
      return [
        typeof d.message === 'string' ? d.message : '',
        d.source === 'unlock'
          ? 'found at sign-in'
          : d.source === 'full-check'
            ? 'found by the daily check'
            : d.source === 'verify'
              ? 'found by Verify chain'
              : '',
      ]
        .filter(Boolean)
        .join(' · ');
    case 'audit.alarmAcknowledged':
      return [
        typeof d.kind === 'string' ? (ALARM_KINDS[d.kind] ?? d.kind) : 'The audit alarm',
        typeof d.detectedAt === 'string' ? `found ${formatDateTime(d.detectedAt)}` : '',
      ]
        .filter(Boolean)
        .join(' · ');
    case 'backup.pruned':
      return '';
    case 'release.extend':
      return typeof d.newDueOn === 'string' ? `New deadline ${formatCalendarDate(d.newDueOn)}` : '';
    default:
      // The Action column already says it in words; stored ids and codes are for the CSV export.
      return '';
  }
}
