// The backup status the owner sees (Settings → Backups, the sign-in warning): the newest verified
// backup, the last failure if it is newer, and one warning in plain words.
import type { BackupProgress, BackupSettings, BackupStatus } from '../../../preload/contract/backup.ts';
import { HOUR } from './schedule.ts';
import type { BackupState } from './state-file.ts';
import { FAILURE_MESSAGES } from './writer.ts';

/** After a restore on a new computer the old computer's folder is not assumed to be reachable. */
export const CHOOSE_AGAIN_MESSAGE =
  'This practice was restored on a new computer. Choose the backup folder again in Settings → Backups; the first backup runs as soon as it is chosen.';

export function backupStatus(
  s: BackupState,
  settings: BackupSettings,
  running: BackupProgress | null,
  now: number,
): BackupStatus {
  const lastVerified = s.lastSuccess
    ? {
        name: s.lastSuccess.name,
        at: s.lastSuccess.at,
        ageHours: Math.max(0, Math.round(((now - Date.parse(s.lastSuccess.at)) / HOUR) * 10) / 10),
      }
    : null;
  const failedLast = s.lastFailure && (!s.lastSuccess || s.lastFailure.at > s.lastSuccess.at);
  const lastFailure =
    s.lastFailure && failedLast
      ? {
          at: s.lastFailure.at,
          reason: s.lastFailure.reason,
          message: FAILURE_MESSAGES[s.lastFailure.reason],
        }
      : null;
  let warning: string | null = null;
  if (!settings.folder)
    warning = s.chooseFolderAgain ? CHOOSE_AGAIN_MESSAGE : FAILURE_MESSAGES['not-configured'];
  else if (lastFailure) warning = `The last backup failed. ${lastFailure.message}`;
  else if (!lastVerified) warning = 'No backup has been made yet. Use "Back up now" in Settings → Backups.';
  else if (lastVerified.ageHours > settings.maxAgeDays * 24)
    warning = `The newest verified backup is ${String(Math.floor(lastVerified.ageHours / 24))} days old.`;
  return {
    configured: settings.folder !== null,
    folder: settings.folder,
    running,
    lastVerified,
    lastFailure,
    warning,
    chooseFolderAgain: !settings.folder && s.chooseFolderAgain,
  };
}
