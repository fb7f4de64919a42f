// The bar shown while a backup runs: its phase in words and the percentage main reports.
import type { BackupProgress } from '../../../preload/contract.ts';
import { PHASE_LABELS } from './backup-format.ts';

export function BackupProgressBar({ progress }: { progress: BackupProgress }) {
  return (
    <div className="backup-progress">
      <div className="backup-progress__label">
        <span>{PHASE_LABELS[progress.phase]}</span>
        <span className="backup-progress__percent">{progress.percent}%</span>
      </div>
      <div
        className="backup-progress__track"
        role="progressbar"
        aria-label="Backup progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={progress.percent}
        aria-valuetext={`${PHASE_LABELS[progress.phase]} ${String(progress.percent)}%`}
      >
        <div className="backup-progress__fill" style={{ width: `${String(progress.percent)}%` }} />
      </div>
    </div>
  );
}
