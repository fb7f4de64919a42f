// Generates a new recovery key (the old one stops working at once), shows it once and asks for
// the same confirmation as setup.
import { KeyRound } from 'lucide-react';
import { useState } from 'react';
import { call } from '../../api.ts';
import { useSession, useSignedIn } from '../../app/session.tsx';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { Button } from '../../ui/button.tsx';
import { Dialog, DialogFooter } from '../../ui/dialog.tsx';
import { ProblemBanner } from '../../ui/problem-banner.tsx';
import { NewRecoveryKeySteps } from './new-key-steps.tsx';

type Step = 'intro' | 'show' | 'confirm' | 'done';

export function RotateRecoveryKeyDialog({ onClose }: { onClose: () => void }) {
  const { updateSession } = useSession();
  const { practiceName } = useSignedIn();
  const [step, setStep] = useState<Step>('intro');

  const rotate = useFormMutation({
    mutationFn: () => call('vault.rotateRecoveryKey', {}),
    onSuccess: () => {
      setStep('show');
    },
  });
  const recoveryKey = rotate.data?.recoveryKey;

  const titles: Record<Step, string> = {
    intro: 'Generate a new recovery key',
    show: 'Your new recovery key',
    confirm: 'Confirm you kept the new key',
    done: 'Recovery key confirmed',
  };

  return (
    <Dialog
      title={titles[step]}
      size={step === 'intro' || step === 'done' ? 'md' : 'lg'}
      // Once generated, the key exists only here: closing by accident would lose it.
      dismissible={step === 'intro' || step === 'done'}
      step={step}
      onClose={onClose}
    >
      {step === 'intro' && (
        <>
          <ProblemBanner problem={rotate.problem} />
          <div className="prose">
            <p>
              A new key replaces the current one immediately: <strong>the old key stops working</strong>, so
              any printed or saved copy of it becomes useless. Destroy old copies afterwards.
            </p>
            <p>Have a printer ready, or a safe place to save a file, before you continue.</p>
          </div>
          <DialogFooter>
            <Button variant="ghost" onClick={onClose}>
              Cancel
            </Button>
            <Button
              variant="primary"
              icon={<KeyRound aria-hidden="true" size={16} />}
              busy={rotate.pending}
              data-autofocus
              onClick={() => {
                rotate.submit();
              }}
            >
              Generate new key
            </Button>
          </DialogFooter>
        </>
      )}
      {(step === 'show' || step === 'confirm') && recoveryKey && (
        <NewRecoveryKeySteps
          step={step}
          onStep={setStep}
          recoveryKey={recoveryKey}
          practiceName={practiceName}
          onConfirmed={(session) => {
            updateSession(session);
            rotate.reset();
            setStep('done');
          }}
        />
      )}
      {step === 'done' && (
        <>
          <p className="prose">
            The new recovery key is active and confirmed. Destroy any copies of the previous key.
          </p>
          <DialogFooter>
            <Button variant="primary" onClick={onClose} data-autofocus>
              Done
            </Button>
          </DialogFooter>
        </>
      )}
    </Dialog>
  );
}
