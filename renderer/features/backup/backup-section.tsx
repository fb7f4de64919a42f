// Settings > Backups (owner): the folder (chosen in main's dialog), the last verified backup and the
// last failure in plain words, the folder's backup size and free space (warned when retention would
// fill the drive), "Back up now" with its progress bar, the schedule and retention, and the
// generations in the folder with "Restore…".
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CircleCheck, DatabaseBackup, FolderOpen, TriangleAlert } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { BackupStatus } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { useHashPath } from '../../app/use-hash-path.ts';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { Section } from '../../ui/section.tsx';
import { LoadingState } from '../../ui/spinner.tsx';
import { backupDateTime, formatAge, warningOf } from './backup-format.ts';
import { BackupProgressBar } from './backup-progress-bar.tsx';
import {
  BACKUP_GENERATIONS_KEY,
  BACKUP_SETTINGS_PATH,
  BACKUP_SETTINGS_KEY,
  BACKUP_STATUS_KEY,
  BACKUP_USAGE_KEY,
  backupSettingsQuery,
  backupStatusQuery,
  useBackupProgress,
} from './backup-queries.ts';
import { BackupSettingsForm } from './backup-settings-form.tsx';
import { FolderUsageFacts, FolderUsageWarning, useFolderUsage } from './folder-usage.tsx';
import { GenerationsTable } from './generations-table.tsx';
import { RestoredNotice } from './restore-here-dialog.tsx';

export function BackupSection() {
  const status = useQuery(backupStatusQuery);
  const settings = useQuery(backupSettingsQuery);
  const ref = useRef<HTMLDivElement>(null);
  const path = useHashPath();
  useEffect(() => {
    if (path === BACKUP_SETTINGS_PATH) ref.current?.scrollIntoView({ block: 'start' });
  }, [path]);

  return (
    <div ref={ref} id="backups" className="backup-section">
      <Section
        title="Backups"
        description={
          <>
            An encrypted copy of every record, in a folder on another drive or the practice’s file server.
            Each backup is checked right after it is written. Nothing in it can be read without the recovery
            key.
          </>
        }
      >
        <RestoredNotice />
        {(status.isPending || settings.isPending) && <LoadingState label="Loading backups…" />}
        {status.isError && (
          <Banner tone="danger" live>
            {status.error.message}
          </Banner>
        )}
        {status.data && <BackupNow status={status.data} />}
        {settings.data && (
          <>
            <h3 className="subheading">Schedule and retention</h3>
            <BackupSettingsForm current={settings.data} />
          </>
        )}
        {status.data?.configured && (
          <>
            <h3 className="subheading">Backups in the folder</h3>
            <GenerationsTable
              folderMissing={
                status.data.lastFailure?.reason === 'folder-missing' ||
                status.data.lastFailure?.reason === 'drive-not-connected'
              }
            />
          </>
        )}
      </Section>
    </div>
  );
}

function BackupNow({ status }: { status: BackupStatus }) {
  const queryClient = useQueryClient();
  const progress = useBackupProgress(status.running);
  const [folderProblem, setFolderProblem] = useState<string | null>(null);
  const [finished, setFinished] = useState<BackupStatus | null>(null);
  const usage = useFolderUsage();

  const choose = useMutation({
    mutationFn: () => call('backup.chooseFolder', {}),
    onSuccess: (next) => {
      queryClient.setQueryData(BACKUP_SETTINGS_KEY, next);
      void queryClient.invalidateQueries({ queryKey: BACKUP_STATUS_KEY });
      void queryClient.invalidateQueries({ queryKey: BACKUP_GENERATIONS_KEY });
      void queryClient.invalidateQueries({ queryKey: BACKUP_USAGE_KEY });
    },
    onError: (error) => {
      setFolderProblem(error.message);
    },
  });

  const run = useMutation({
    mutationFn: () => call('backup.runNow', {}),
    onSuccess: (next) => {
      queryClient.setQueryData(BACKUP_STATUS_KEY, next);
      void queryClient.invalidateQueries({ queryKey: BACKUP_GENERATIONS_KEY });
      void queryClient.invalidateQueries({ queryKey: BACKUP_USAGE_KEY });
      setFinished(next);
    },
  });

  const running = progress ?? (run.isPending ? { phase: 'preparing' as const, percent: 0 } : null);
  const justMade =
    finished !== null &&
    finished.lastFailure === null &&
    finished.lastVerified !== null &&
    finished.lastVerified.name === status.lastVerified?.name;

  return (
    <div className="backup-now">
      <div className="backup-folder">
        <div className="backup-folder__text">
          <p className="backup-folder__label">Backup folder</p>
          {status.folder ? (
            <p className="backup-folder__path mono" title={status.folder}>
              {status.folder}
            </p>
          ) : (
            <p className="muted">No folder chosen yet.</p>
          )}
        </div>
        <Button
          icon={<FolderOpen aria-hidden="true" size={16} />}
          busy={choose.isPending}
          disabled={running !== null}
          onClick={() => {
            setFolderProblem(null);
            choose.mutate();
          }}
        >
          {status.folder ? 'Change folder…' : 'Choose folder…'}
        </Button>
      </div>
      {folderProblem && (
        <Banner tone="danger" live title="That folder cannot hold backups">
          {folderProblem}
        </Banner>
      )}

      <dl className="backup-facts">
        <div>
          <dt>Last verified backup</dt>
          <dd>
            {status.lastVerified ? (
              <>
                <CircleCheck aria-hidden="true" size={16} className="backup-facts__ok" />
                <span>{backupDateTime(status.lastVerified.at)}</span>
                <span className="muted">({formatAge(status.lastVerified.ageHours)})</span>
              </>
            ) : (
              <span className="muted">None yet</span>
            )}
          </dd>
        </div>
      </dl>
      <FolderUsageFacts usage={usage} />

      {status.lastFailure ? (
        <Banner
          tone="danger"
          live
          title={`The last backup failed (${backupDateTime(status.lastFailure.at)})`}
        >
          {status.lastFailure.message}
        </Banner>
      ) : (
        (status.configured || status.chooseFolderAgain) && <StatusWarning status={status} />
      )}
      {justMade && !running && (
        <Banner tone="success" live title="Backup made and verified">
          The copy was checked (integrity, audit log, record counts) and is ready to restore.
        </Banner>
      )}
      <FolderUsageWarning usage={usage} />
      {run.isError && (
        <Banner tone="danger" live>
          {run.error.message}
        </Banner>
      )}

      {running ? (
        <BackupProgressBar progress={running} />
      ) : (
        <div className="backup-now__actions">
          <Button
            variant="primary"
            icon={<DatabaseBackup aria-hidden="true" size={16} />}
            disabled={!status.configured}
            onClick={() => {
              setFinished(null);
              run.mutate();
            }}
          >
            Back up now
          </Button>
          {!status.configured && (
            <span className="backup-now__hint">
              <TriangleAlert aria-hidden="true" size={14} /> Choose a folder first.
            </span>
          )}
        </div>
      )}
    </div>
  );
}

function StatusWarning({ status }: { status: BackupStatus }) {
  const warning = warningOf(status);
  if (!warning) return null;
  return (
    <Banner tone="warning" title={warning.title}>
      {warning.text}
    </Banner>
  );
}
