// The owner's backup reads (settings, status, generations, the folder's usage), shared by Settings, the home card and
// the sign-in warning, and the progress of a running backup from main's backup.progress events.
import { queryOptions, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { BackupProgress } from '../../../preload/contract.ts';
import { call, on } from '../../api.ts';

/** Settings links here as #/settings/backups; the section scrolls into view. */
export const BACKUP_SETTINGS_PATH = 'settings/backups';

export const BACKUP_KEY = ['backup'] as const;
export const BACKUP_STATUS_KEY = ['backup', 'status'] as const;
export const BACKUP_SETTINGS_KEY = ['backup', 'settings'] as const;
export const BACKUP_GENERATIONS_KEY = ['backup', 'generations'] as const;
export const BACKUP_USAGE_KEY = ['backup', 'usage'] as const;

export const backupStatusQuery = queryOptions({
  queryKey: BACKUP_STATUS_KEY,
  queryFn: () => call('backup.status', {}),
  // The age moves on while the app is open; a minute is fine enough for "2 hours ago".
  refetchInterval: 60_000,
});

export const backupSettingsQuery = queryOptions({
  queryKey: BACKUP_SETTINGS_KEY,
  queryFn: () => call('backup.getSettings', {}),
});

export const backupGenerationsQuery = queryOptions({
  queryKey: BACKUP_GENERATIONS_KEY,
  queryFn: () => call('backup.listGenerations', {}),
});

/** The folder's backup size, the drive's free space and whether retention would fill it. */
export const backupUsageQuery = queryOptions({
  queryKey: BACKUP_USAGE_KEY,
  queryFn: () => call('backup.folderUsage', {}),
});

/**
 * The running backup's phase and percentage, or null when none runs. A backup that ends (done or
 * failed) refreshes the status and the list, whoever started it (the schedule, or another window).
 */
export function useBackupProgress(initial: BackupProgress | null): BackupProgress | null {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<BackupProgress | null>(initial);
  useEffect(
    () =>
      on('backup.progress', (payload) => {
        if (payload.phase === 'done' || payload.phase === 'failed') {
          setProgress(null);
          void queryClient.invalidateQueries({ queryKey: BACKUP_KEY });
        } else {
          setProgress(payload);
        }
      }),
    [queryClient],
  );
  return progress;
}
