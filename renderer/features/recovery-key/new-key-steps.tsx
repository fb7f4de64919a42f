// A new recovery key, once: shown (to print or copy), then confirmed by typing its last groups.
// Shared by "Generate new key" (Settings → Recovery key) and the data-key rotation, which both
// make a key the owner must store before the dialog moves on.
import { ArrowRight } from 'lucide-react';
import type { ReactNode } from 'react';
import { Button } from '../../ui/button.tsx';
import { DialogFooter } from '../../ui/dialog.tsx';
import { RecoveryKeyConfirm, type RecoveryKeyConfirmProps } from './recovery-key-confirm.tsx';
import { RecoveryKeyShow } from './recovery-key-show.tsx';

export function NewRecoveryKeySteps({
  step,
  onStep,
  recoveryKey,
  practiceName,
  onConfirmed,
  intro,
}: {
  step: 'show' | 'confirm';
  onStep: (step: 'show' | 'confirm') => void;
  recoveryKey: string;
  practiceName: string;
  onConfirmed: RecoveryKeyConfirmProps['onConfirmed'];
  /** Said above the key when it is shown. */
  intro?: ReactNode;
}) {
  if (step === 'confirm')
    return (
      <RecoveryKeyConfirm
        recoveryKey={recoveryKey}
        submitLabel="Confirm new key"
        onBack={() => {
          onStep('show');
        }}
        onConfirmed={onConfirmed}
      />
    );
  return (
    <>
      {intro}
      <RecoveryKeyShow recoveryKey={recoveryKey} practiceName={practiceName} />
      <DialogFooter>
        <Button
          variant="primary"
          iconEnd={<ArrowRight aria-hidden="true" size={16} />}
          data-autofocus
          onClick={() => {
            onStep('confirm');
          }}
        >
          I have stored the key — continue
        </Button>
      </DialogFooter>
    </>
  );
}
