// First run on a new computer: choose the backup (main's file dialog), enter the recovery key, the
// owner's username and a new password (backup.restoreFirstRun), see what came back, open the app.
// Staff then sign in with one-time codes the owner issues.
import { ArrowRight } from 'lucide-react';
import { useState } from 'react';
import type { BackupSummary, SessionInfo } from '../../../preload/contract.ts';
import { useSession } from '../../app/session.tsx';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { Wordmark } from '../../ui/logo.tsx';
import { SetupChoice } from '../setup/setup-choice.tsx';
import { Stepper } from '../setup/stepper.tsx';
import { BackupSummaryFacts, ChooseBackupStep } from './choose-backup-step.tsx';
import { RestoreKeyStep } from './restore-key-step.tsx';

const STEPS = [
  { title: 'Backup', detail: 'Choose the backup to restore' },
  { title: 'Recovery key', detail: 'And your new password' },
  { title: 'Restored', detail: 'Check what came back' },
] as const;

const HEADINGS = [
  {
    title: 'Restore your practice from a backup',
    lead: 'Choose the backup folder on the external drive or the practice’s file server (or the manifest.json inside it). Nothing is changed until you enter the recovery key.',
  },
  {
    title: 'Unlock the backup',
    lead: 'The recovery key is on the sheet printed or saved when the practice was set up. Then choose a new password for this computer: passwords do not travel with a backup.',
  },
  {
    title: 'Your practice is restored',
    lead: 'Every client, note, release, disclosure and audit entry from the backup is on this computer, encrypted as before. The restore is written to the audit log.',
  },
] as const;

export function RestoreFirstRun({ onNewPractice }: { onNewPractice: () => void }) {
  const { enter } = useSession();
  const [step, setStep] = useState(0);
  const [summary, setSummary] = useState<BackupSummary | null>(null);
  const [restored, setRestored] = useState<{ session: SessionInfo; practiceName: string | null } | null>(
    null,
  );
  const heading = HEADINGS[step] ?? HEADINGS[0];

  return (
    <div className="setup">
      <aside className="setup__rail">
        <Wordmark className="wordmark--inverse" />
        <div className="setup__intro">
          <p className="setup__intro-title">Restore Stillwater</p>
          <p>Bring the practice back on this computer from an encrypted backup and its recovery key.</p>
        </div>
        <Stepper steps={STEPS} current={step} />
        <p className="setup__rail-foot">The backup is read here; nothing leaves this computer.</p>
      </aside>
      <main className="setup__main">
        <div className="setup__content">
          {step === 0 && (
            <SetupChoice
              mode="restore"
              onChange={(mode) => {
                if (mode === 'new') onNewPractice();
              }}
            />
          )}
          <p className="setup__step-count">
            Step {step + 1} of {STEPS.length}
          </p>
          <h1 className="setup__title" tabIndex={-1}>
            {heading.title}
          </h1>
          <p className="setup__lead">{heading.lead}</p>
          {step === 0 && (
            <ChooseBackupStep
              summary={summary}
              onChosen={setSummary}
              onNext={() => {
                setStep(1);
              }}
            />
          )}
          {step === 1 && summary && (
            <RestoreKeyStep
              summary={summary}
              onBack={() => {
                setStep(0);
              }}
              onRestored={(session, practiceName) => {
                setRestored({ session, practiceName });
                setStep(2);
              }}
            />
          )}
          {step === 2 && summary && restored && (
            <div className="restore-done">
              <BackupSummaryFacts summary={summary} />
              <Banner tone="info" title="Staff sign in with a one-time code">
                Staff passwords belonged to the old computer. For each colleague, open Staff and choose Issue
                sign-in code; they sign in with it once and choose a new password.
              </Banner>
              <div className="form__actions form__actions--end">
                <Button
                  variant="primary"
                  iconEnd={<ArrowRight aria-hidden="true" size={16} />}
                  onClick={() => {
                    enter(restored.session, restored.practiceName ?? undefined);
                  }}
                  data-autofocus
                >
                  Open Stillwater
                </Button>
              </div>
            </div>
          )}
        </div>
      </main>
    </div>
  );
}
