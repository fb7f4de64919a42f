// Settings > Data key (owner): when to rotate the key the whole database is encrypted with, and the
// rotation itself: a confirm step (a new recovery key, or the current one typed to keep it), the
// re-encryption's progress, and a new recovery key shown once with the same confirmation as setup.
import { RefreshCcwDot } from 'lucide-react';
import { useState } from 'react';
import { call } from '../../api.ts';
import { useSession, useSignedIn } from '../../app/session.tsx';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { Button } from '../../ui/button.tsx';
import { ChoiceGroupField } from '../../ui/choice-group-field.tsx';
import { Dialog, DialogFooter } from '../../ui/dialog.tsx';
import { Field, TextInput } from '../../ui/field.tsx';
import { ProblemBanner } from '../../ui/problem-banner.tsx';
import { Section } from '../../ui/section.tsx';
import { Spinner } from '../../ui/spinner.tsx';
import { NewRecoveryKeySteps } from '../recovery-key/new-key-steps.tsx';

export function DataKeySection() {
  const [open, setOpen] = useState(false);
  return (
    <Section
      title="Data key"
      description="The key the whole practice database is encrypted with. Staff passwords and the recovery key each unlock it."
    >
      <div className="setting-row" id="data-key">
        <div className="setting-row__text">
          <p>Rotate the data key:</p>
          <ul className="muted">
            <li>after someone leaves the practice (deactivate them on the Staff page first);</li>
            <li>
              after a computer, a backup or a recovery key may have been seen by someone who should not have
              it.
            </li>
          </ul>
          <p className="muted">
            Everyone keeps their password. Backups made before the rotation still open on a new computer with
            the recovery key that was current when they were made; keep that key until those backups have aged
            out.
          </p>
        </div>
        <Button
          icon={<RefreshCcwDot aria-hidden="true" size={16} />}
          onClick={() => {
            setOpen(true);
          }}
        >
          Rotate the data key
        </Button>
      </div>
      {open && (
        <RotateDataKeyDialog
          onClose={() => {
            setOpen(false);
          }}
        />
      )}
    </Section>
  );
}

type Step = 'intro' | 'show' | 'confirm' | 'done';
type RecoveryChoice = 'new' | 'keep';

function RotateDataKeyDialog({ onClose }: { onClose: () => void }) {
  const { updateSession } = useSession();
  const { practiceName } = useSignedIn();
  const [step, setStep] = useState<Step>('intro');
  const [choice, setChoice] = useState<RecoveryChoice>('new');
  const [current, setCurrent] = useState('');

  const rotate = useFormMutation({
    mutationFn: (input: { newRecoveryKey: boolean; recoveryKey?: string }) =>
      call('vault.rotateDataKey', input),
    onSuccess: (result) => {
      setStep(result.recoveryKey ? 'show' : 'done');
    },
  });
  const recoveryKey = rotate.data?.recoveryKey ?? null;
  const titles: Record<Step, string> = {
    intro: 'Rotate the data key',
    show: 'Your new recovery key',
    confirm: 'Confirm you kept the new key',
    done: 'Data key rotated',
  };

  return (
    <Dialog
      title={titles[step]}
      size={step === 'show' || step === 'confirm' ? 'lg' : 'md'}
      // While it runs, and once a new recovery key exists only here, the dialog stays open.
      dismissible={(step === 'intro' && !rotate.pending) || step === 'done'}
      step={step}
      onClose={onClose}
    >
      {step === 'intro' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            rotate.submit(
              choice === 'new' ? { newRecoveryKey: true } : { newRecoveryKey: false, recoveryKey: current },
            );
          }}
        >
          <div className="stack">
            <ProblemBanner problem={rotate.problem} />
            <div className="prose">
              <p>
                Stillwater re-encrypts the whole database under a new, random key and re-wraps it for everyone
                who still has access. <strong>Everyone else must be signed out first.</strong> It takes a few
                seconds to a minute; do not close Stillwater meanwhile. If the computer stops half way, the
                practice opens afterwards with the old key or the new one, never neither.
              </p>
            </div>
            <ChoiceGroupField<RecoveryChoice>
              label="Recovery key"
              variant="cards"
              value={choice}
              onChange={setChoice}
              disabled={rotate.pending}
              options={[
                {
                  value: 'new',
                  label: 'Make a new recovery key (recommended)',
                  description:
                    'Shown once, to print or save. The current recovery key stops opening this computer’s practice.',
                },
                {
                  value: 'keep',
                  label: 'Keep the current recovery key',
                  description: 'Type it below: re-wrapping the new key under it needs the key itself.',
                },
              ]}
            />
            {choice === 'keep' && (
              <Field label="Current recovery key" hint="13 groups of 4 letters and digits, as printed.">
                <TextInput
                  value={current}
                  autoComplete="off"
                  spellCheck={false}
                  disabled={rotate.pending}
                  onChange={(e) => {
                    setCurrent(e.target.value);
                  }}
                />
              </Field>
            )}
            {rotate.pending && (
              <p className="muted" role="status" aria-live="polite">
                <Spinner /> Re-encrypting the practice database…
              </p>
            )}
          </div>
          <DialogFooter>
            <Button variant="ghost" onClick={onClose} disabled={rotate.pending}>
              Cancel
            </Button>
            <Button
              type="submit"
              variant="primary"
              icon={<RefreshCcwDot aria-hidden="true" size={16} />}
              busy={rotate.pending}
              data-autofocus
            >
              Rotate now
            </Button>
          </DialogFooter>
        </form>
      )}
      {(step === 'show' || step === 'confirm') && recoveryKey && (
        <NewRecoveryKeySteps
          step={step}
          onStep={setStep}
          recoveryKey={recoveryKey}
          practiceName={practiceName}
          intro={
            <p className="prose">
              The database is encrypted under its new key. This is the new recovery key; the previous one no
              longer opens this practice (keep it only for backups made before today).
            </p>
          }
          onConfirmed={(session) => {
            updateSession(session);
            rotate.reset();
            setStep('done');
          }}
        />
      )}
      {step === 'done' && (
        <>
          <p className="prose" role="status">
            The practice database is encrypted under a new data key. Everyone signs in with the password they
            had. Make a backup now so that the newest backup uses the new key.
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
