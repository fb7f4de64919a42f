// Settings > Backups: how much room the backup folder has — what Stillwater's backups in it take,
// the drive's free space, how many backups retention keeps — and main's warning in plain words
// when keeping that many would fill the drive (issue 17).
import { useQuery } from '@tanstack/react-query';
import { HardDrive } from 'lucide-react';
import type { BackupFolderUsage } from '../../../preload/contract.ts';
import { Banner } from '../../ui/banner.tsx';
import { formatBytes } from './backup-format.ts';
import { backupUsageQuery } from './backup-queries.ts';

const backupsWord = (n: number): string => `${String(n)} ${n === 1 ? 'backup' : 'backups'}`;

/** The folder's figures in a row of three; nothing when no folder is chosen or it cannot be read. */
export function FolderUsageFacts({ usage }: { usage: BackupFolderUsage | undefined }) {
  if (!usage?.reachable) return null;
  return (
    <dl className="backup-usage" aria-label="Backup folder usage">
      <div>
        <dt>Backups in the folder</dt>
        <dd className="backup-usage__value">{formatBytes(usage.totalBytes)}</dd>
        <dd className="backup-usage__detail">{backupsWord(usage.backupCount)}</dd>
      </div>
      <div>
        <dt>Free on the drive</dt>
        <dd className="backup-usage__value">
          <HardDrive aria-hidden="true" size={16} className="backup-usage__icon" />
          {formatBytes(usage.freeBytes ?? 0)}
        </dd>
        <dd className="backup-usage__detail">where the backup folder is</dd>
      </div>
      <div>
        <dt>Retention keeps up to</dt>
        <dd className="backup-usage__value">{backupsWord(usage.retentionKeeps)}</dd>
        <dd className="backup-usage__detail">
          {usage.neededBytes === null
            ? 'sizes known after the first backup'
            : `about ${formatBytes(usage.neededBytes)} at today’s size`}
        </dd>
      </div>
    </dl>
  );
}

/** Main's warning when retention would fill the drive; nothing when the backups fit. */
export function FolderUsageWarning({ usage }: { usage: BackupFolderUsage | undefined }) {
  if (!usage?.warning) return null;
  return (
    <Banner tone="warning" live title="The backup drive will run out of room">
      {usage.warning}
    </Banner>
  );
}

/** The folder's usage, refreshed with the other backup reads (a backup, a new folder, new retention). */
export function useFolderUsage(): BackupFolderUsage | undefined {
  return useQuery(backupUsageQuery).data;
}
