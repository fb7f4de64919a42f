// Backup facts in words: an age ("3 hours ago"), a size, a backup's date, a phase of the run.
import type { BackupFailureReason, BackupProgress, BackupStatus } from '../../../preload/contract.ts';
import { LOCALE } from '../../lib/locale.ts';

export { formatBytes } from '../../../preload/contract.ts';

const plural = (n: number, one: string, many: string): string => `${String(n)} ${n === 1 ? one : many}`;

/** "just now", "40 minutes ago", "5 hours ago", "3 days ago". */
export function formatAge(hours: number): string {
  if (hours < 1 / 60) return 'just now';
  if (hours < 1) return `${plural(Math.max(1, Math.round(hours * 60)), 'minute', 'minutes')} ago`;
  if (hours < 48) return `${plural(Math.floor(hours), 'hour', 'hours')} ago`;
  return `${plural(Math.floor(hours / 24), 'day', 'days')} ago`;
}

const dateTime = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short' });
const longDate = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'full' });
const timeOnly = new Intl.DateTimeFormat(LOCALE, { timeStyle: 'short' });

/** "Mar 2, 2026, 3:00 PM" in this computer's time zone. */
export const backupDateTime = (iso: string): string => dateTime.format(new Date(iso));

export const backupTime = (iso: string): string => timeOnly.format(new Date(iso));

/** "Monday, March 2, 2026": how the restore confirmation names a backup. */
export const backupLongDate = (iso: string): string => longDate.format(new Date(iso));

export const PHASE_LABELS: Record<BackupProgress['phase'], string> = {
  preparing: 'Preparing…',
  copying: 'Copying the encrypted database…',
  verifying: 'Checking the copy…',
  finishing: 'Finishing…',
  done: 'Done',
  failed: 'Failed',
};

/** A failure's reason in a few words (the home card); Settings shows main's full sentence. */
export const REASON_SHORT: Record<BackupFailureReason, string> = {
  'not-configured': 'no folder chosen',
  'folder-missing': 'folder missing',
  'drive-not-connected': 'drive not connected',
  'disk-full': 'disk full',
  'no-permission': 'no permission to write',
  'verify-failed': 'the copy did not pass its check',
  'write-failed': 'could not write',
};

/** The owner's warning as a title and a sentence; null when backups are healthy. */
export function warningOf(status: BackupStatus): { title: string; text: string; failed: boolean } | null {
  if (!status.warning) return null;
  if (status.lastFailure)
    return { title: 'The last backup failed', text: status.lastFailure.message, failed: true };
  if (!status.configured && status.chooseFolderAgain)
    return {
      title: 'Choose the backup folder again',
      text: 'This practice was restored on a new computer. Its backups went to a folder on the old computer, which Stillwater does not use here. Choose the backup folder (the same drive is fine if it is connected); the first backup on this computer runs as soon as it is chosen.',
      failed: false,
    };
  if (!status.configured)
    return {
      title: 'Backups are not set up',
      text: 'Choose a backup folder on an external drive or the practice’s file server, so the records survive a lost or broken computer.',
      failed: false,
    };
  if (!status.lastVerified)
    return {
      title: 'No backup has been made yet',
      text: 'Make the first one with Back up now in Settings → Backups.',
      failed: false,
    };
  return {
    title: 'The newest backup is out of date',
    text: `${status.warning} Check that the backup drive is connected, then back up now.`,
    failed: false,
  };
}
