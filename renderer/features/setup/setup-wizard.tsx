// First run: the practice profile, the owner's account, then the recovery key shown once and
// confirmed as kept. The owner is signed in when the practice is created, but enters the app
// only after confirming the key. Or, on a new computer, the practice restored from a backup.
import { useEffect, useRef, useState } from 'react';
import type { Output } from '../../../preload/contract.ts';
import { useSession } from '../../app/session.tsx';
import { Wordmark } from '../../ui/logo.tsx';
import { Button } from '../../ui/button.tsx';
import { ArrowRight } from 'lucide-react';
import { EMPTY_PRACTICE, type PracticeValues } from '../practice/practice-fields.tsx';
import { RecoveryKeyConfirm } from '../recovery-key/recovery-key-confirm.tsx';
import { RecoveryKeyShow } from '../recovery-key/recovery-key-show.tsx';
import { RestoreFirstRun } from '../backup/restore-first-run.tsx';
import { SetupChoice, type SetupMode } from './setup-choice.tsx';
import { EMPTY_OWNER, OwnerStep, type OwnerValues } from './owner-step.tsx';
import { PracticeStep, type PracticeParsed } from './practice-step.tsx';
import { Stepper } from './stepper.tsx';

const STEPS = [
  { title: 'Practice', detail: 'Name, address and privacy contact' },
  { title: 'Your account', detail: 'The owner’s sign-in' },
  { title: 'Recovery key', detail: 'Print or save it' },
  { title: 'Confirm', detail: 'Check the copy you kept' },
] as const;

const HEADINGS = [
  {
    title: 'Tell us about your practice',
    lead: 'This appears on records releases, denials and the notice of privacy practices. You can change it later in Settings.',
  },
  {
    title: 'Create the owner account',
    lead: 'As the owner you manage staff, settings and the audit log, and you can see clients as a clinician. Choose a password only you know.',
  },
  {
    title: 'Your recovery key',
    lead: 'Your practice is created and its records are encrypted. This key is the only way in if every password is lost, or to open the records on another computer.',
  },
  {
    title: 'Confirm you kept the key',
    lead: 'One last check before you start.',
  },
] as const;

export function SetupWizard() {
  const { enter } = useSession();
  const [mode, setMode] = useState<SetupMode>('new');
  const [step, setStep] = useState(0);
  const [practice, setPractice] = useState<{ values: PracticeValues; parsed: PracticeParsed | null }>({
    values: EMPTY_PRACTICE,
    parsed: null,
  });
  const [owner, setOwner] = useState<OwnerValues>(EMPTY_OWNER);
  const [created, setCreated] = useState<Output<'setup.createPractice'> | null>(null);
  const heading = HEADINGS[step] ?? HEADINGS[0];
  const titleRef = useRef<HTMLHeadingElement>(null);
  // Moving to a step without a form field (the key itself): start reading at its heading.
  useEffect(() => {
    if (step === 2) titleRef.current?.focus();
  }, [step]);
  const practiceName = practice.parsed?.name ?? practice.values.name;

  if (mode === 'restore')
    return (
      <RestoreFirstRun
        onNewPractice={() => {
          setMode('new');
        }}
      />
    );
  return (
    <div className="setup">
      <aside className="setup__rail">
        <Wordmark className="wordmark--inverse" />
        <div className="setup__intro">
          <p className="setup__intro-title">Set up Stillwater</p>
          <p>
            A few minutes now, and your practice’s records are encrypted on this computer from the first
            entry.
          </p>
        </div>
        <Stepper steps={STEPS} current={step} />
        <p className="setup__rail-foot">Nothing you enter here leaves this computer.</p>
      </aside>
      <main className="setup__main">
        <div className="setup__content">
          {step === 0 && <SetupChoice mode={mode} onChange={setMode} />}
          <p className="setup__step-count">
            Step {step + 1} of {STEPS.length}
          </p>
          <h1 ref={titleRef} className="setup__title" tabIndex={-1}>
            {heading.title}
          </h1>
          <p className="setup__lead">{heading.lead}</p>
          {step === 0 && (
            <PracticeStep
              values={practice.values}
              onNext={(values, parsed) => {
                setPractice({ values, parsed });
                setStep(1);
              }}
            />
          )}
          {step === 1 && practice.parsed && (
            <OwnerStep
              values={owner}
              practice={practice.parsed}
              onBack={(values) => {
                setOwner(values);
                setStep(0);
              }}
              onCreated={(result) => {
                // The passwords are no longer needed in memory.
                setOwner(EMPTY_OWNER);
                setCreated(result);
                setStep(2);
              }}
            />
          )}
          {step === 2 && created && (
            <>
              <RecoveryKeyShow recoveryKey={created.recoveryKey} practiceName={practiceName} />
              <div className="form__actions form__actions--end">
                <Button
                  variant="primary"
                  iconEnd={<ArrowRight aria-hidden="true" size={16} />}
                  onClick={() => {
                    setStep(3);
                  }}
                >
                  I have stored the key — continue
                </Button>
              </div>
            </>
          )}
          {step === 3 && created && (
            <RecoveryKeyConfirm
              recoveryKey={created.recoveryKey}
              submitLabel="Confirm and open Stillwater"
              onBack={() => {
                setStep(2);
              }}
              onConfirmed={(session) => {
                enter(session, practiceName);
              }}
            />
          )}
        </div>
      </main>
    </div>
  );
}
