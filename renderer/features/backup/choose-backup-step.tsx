// Restore, step 1: main's file dialog picks the backup (the renderer never sends a path); its
// clear summary (date, size, record counts) is shown before the recovery key is asked for.
import { useMutation } from '@tanstack/react-query';
import { ArrowRight, FolderOpen } from 'lucide-react';
import type { BackupSummary } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { backupDateTime, formatBytes } from './backup-format.ts';
import { LOCALE } from '../../lib/locale.ts';

const count = (n: number): string => n.toLocaleString(LOCALE);

export function BackupSummaryFacts({ summary }: { summary: BackupSummary }) {
  const r = summary.records;
  return (
    <div className="backup-summary">
      <dl className="backup-summary__head">
        <div>
          <dt>Backup made</dt>
          <dd>{backupDateTime(summary.createdAt)}</dd>
        </div>
        <div>
          <dt>Size</dt>
          <dd>{formatBytes(summary.sizeBytes)}</dd>
        </div>
      </dl>
      <dl className="backup-summary__counts" aria-label="Records in the backup">
        <div>
          <dt>Clients</dt>
          <dd>{count(r.clients)}</dd>
        </div>
        <div>
          <dt>Notes</dt>
          <dd>{count(r.notes)}</dd>
        </div>
        <div>
          <dt>Releases</dt>
          <dd>{count(r.releases)}</dd>
        </div>
        <div>
          <dt>Disclosures</dt>
          <dd>{count(r.disclosures)}</dd>
        </div>
        <div>
          <dt>Staff</dt>
          <dd>{count(r.staff)}</dd>
        </div>
        <div>
          <dt>Audit entries</dt>
          <dd>{count(r.auditEntries)}</dd>
        </div>
      </dl>
    </div>
  );
}

export interface ChooseBackupStepProps {
  summary: BackupSummary | null;
  onChosen: (summary: BackupSummary) => void;
  onNext: () => void;
}

export function ChooseBackupStep({ summary, onChosen, onNext }: ChooseBackupStepProps) {
  const choose = useMutation({
    mutationFn: () => call('backup.chooseRestoreFile', {}),
    onSuccess: (chosen) => {
      // null: the dialog was cancelled; what was chosen before stays.
      if (chosen) onChosen(chosen);
    },
  });
  return (
    <div className="form">
      {choose.isError && (
        <Banner tone="danger" live title="This backup cannot be restored">
          {choose.error.message}
        </Banner>
      )}
      {summary && !choose.isError && <BackupSummaryFacts summary={summary} />}
      <div className="form__actions form__actions--split">
        <Button
          variant={summary ? 'secondary' : 'primary'}
          icon={<FolderOpen aria-hidden="true" size={16} />}
          busy={choose.isPending}
          onClick={() => {
            choose.mutate();
          }}
          autoFocus
        >
          {summary ? 'Choose another backup…' : 'Choose backup…'}
        </Button>
        {summary && !choose.isError && (
          <Button variant="primary" iconEnd={<ArrowRight aria-hidden="true" size={16} />} onClick={onNext}>
            Continue
          </Button>
        )}
      </div>
    </div>
  );
}
