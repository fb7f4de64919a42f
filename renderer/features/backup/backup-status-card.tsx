// The owner's home screen: one compact line about backups (the last verified one and its age, or
// what needs attention), linking to Settings > Backups.
import { useQuery } from '@tanstack/react-query';
import { ChevronRight, DatabaseBackup, TriangleAlert } from 'lucide-react';
import { hrefFor } from '../../app/use-hash-path.ts';
import { cx } from '../../ui/cx.ts';
import { backupDateTime, formatAge, REASON_SHORT, warningOf } from './backup-format.ts';
import { BACKUP_SETTINGS_PATH, backupStatusQuery } from './backup-queries.ts';

export function BackupStatusCard() {
  const status = useQuery(backupStatusQuery);
  if (!status.data) return null;
  const { lastVerified, lastFailure, warning } = status.data;
  const Icon = warning ? TriangleAlert : DatabaseBackup;
  const detail = lastFailure
    ? `Last attempt failed: ${REASON_SHORT[lastFailure.reason]}`
    : !status.data.configured
      ? status.data.chooseFolderAgain
        ? 'Choose the backup folder again'
        : 'Choose a backup folder'
      : warning
        ? (warningOf(status.data)?.title ?? warning)
        : lastVerified
          ? backupDateTime(lastVerified.at)
          : '';
  return (
    <a
      className={cx('backup-card', warning ? 'backup-card--warning' : 'backup-card--ok')}
      href={hrefFor(BACKUP_SETTINGS_PATH)}
    >
      {/* Said first, then the visible lines: a link's name holds the words it shows (WCAG 2.5.3). */}
      <span className="sr-only">Backups: {warning ?? 'up to date'}.</span>
      <Icon aria-hidden="true" size={18} className="backup-card__icon" />
      <span className="backup-card__text">
        <span className="backup-card__title">
          {lastVerified
            ? `Last verified backup ${formatAge(lastVerified.ageHours)}`
            : 'No verified backup yet'}
        </span>
        <span className="backup-card__detail">{detail}</span>
      </span>
      <ChevronRight aria-hidden="true" size={16} className="backup-card__chevron" />
    </a>
  );
}
