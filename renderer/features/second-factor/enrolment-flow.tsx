// Setting up an authenticator app: (your password, and a current code when replacing one), then
// the QR code and the secret in groups to read, a first code to confirm, and the ten recovery
// codes shown this once. Used in Settings > My account and in the enrolment the policy forces.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { Check, ShieldCheck } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { AuthenticatorCode, type EnrolmentStart, type SessionInfo } from '../../../preload/contract.ts';
import { call, isApiError } from '../../api.ts';
import { applyServerError, type FormProblem } from '../../lib/form-errors.ts';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { CheckboxField, Field, PasswordInput, TextInput } from '../../ui/field.tsx';
import { ProblemBanner } from '../../ui/problem-banner.tsx';
import { QrCode } from './qr-code.tsx';

const ConfirmForm = z.strictObject({ code: AuthenticatorCode });

export interface EnrolmentFlowProps {
  /** Ask for the password first (not in the enrolment forced right after sign-in). */
  needsPassword: boolean;
  /** Replacing a factor: a current code (or a recovery code) is asked too. */
  replacing: boolean;
  /** The recovery codes were seen and kept: `session` is main's answer to the confirmation. */
  onDone: (session: SessionInfo) => void;
  /** Beside the first step's button (Cancel, or Sign out). */
  secondary?: ReactNode;
}

type Step =
  | { kind: 'start' }
  | { kind: 'scan'; start: EnrolmentStart }
  | { kind: 'codes'; codes: string[]; session: SessionInfo };

export function EnrolmentFlow(props: EnrolmentFlowProps) {
  const [step, setStep] = useState<Step>({ kind: 'start' });
  switch (step.kind) {
    case 'start':
      return (
        <StartStep
          {...props}
          onStarted={(start) => {
            setStep({ kind: 'scan', start });
          }}
        />
      );
    case 'scan':
      return (
        <ScanStep
          start={step.start}
          secondary={props.secondary}
          onConfirmed={(codes, session) => {
            setStep({ kind: 'codes', codes, session });
          }}
          onExpired={() => {
            setStep({ kind: 'start' });
          }}
        />
      );
    case 'codes':
      return (
        <RecoveryCodes
          codes={step.codes}
          onDone={() => {
            props.onDone(step.session);
          }}
        />
      );
  }
}

interface StartValues {
  currentPassword: string;
  code: string;
}

function StartStep({
  needsPassword,
  replacing,
  secondary,
  onStarted,
}: EnrolmentFlowProps & { onStarted: (start: EnrolmentStart) => void }) {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const form = useForm<StartValues>({ defaultValues: { currentPassword: '', code: '' } });
  const { errors } = form.formState;
  const start = useMutation({
    mutationFn: (values: StartValues) =>
      call('secondFactor.startEnrolment', {
        ...(needsPassword ? { currentPassword: values.currentPassword } : {}),
        ...(replacing ? { code: values.code } : {}),
      }),
    onSuccess: onStarted,
    onError: (error) => {
      setProblem(applyServerError(error, form.setError, { fields: ['currentPassword', 'code'] }));
    },
  });
  return (
    <form
      className="form"
      noValidate
      aria-label="Set up a second factor"
      onSubmit={(event) => {
        void form.handleSubmit((values) => {
          setProblem(null);
          start.mutate(values);
        })(event);
      }}
    >
      <ProblemBanner problem={problem} />
      <p className="form__lead">
        You need an authenticator app on your phone (for example Google Authenticator, Microsoft Authenticator
        or 1Password). It shows a new 6-digit code every 30 seconds.
      </p>
      {needsPassword && (
        <Field label="Your password" error={errors.currentPassword?.message}>
          <PasswordInput
            {...form.register('currentPassword', { required: 'Enter your password to continue.' })}
            autoComplete="current-password"
            autoFocus
          />
        </Field>
      )}
      {replacing && (
        <Field
          label="A code from your current app"
          hint="Or one of your recovery codes, if the phone is gone."
          error={errors.code?.message}
        >
          <TextInput
            {...form.register('code', { required: 'Enter a code from your current authenticator app.' })}
            autoComplete="one-time-code"
            spellCheck={false}
            className="code-input"
          />
        </Field>
      )}
      <div className="form__actions">
        <Button
          type="submit"
          variant="primary"
          icon={<ShieldCheck aria-hidden="true" size={16} />}
          busy={start.isPending}
          autoFocus={!needsPassword}
        >
          Show the QR code
        </Button>
        {secondary}
      </div>
    </form>
  );
}

function ScanStep({
  start,
  secondary,
  onConfirmed,
  onExpired,
}: {
  start: EnrolmentStart;
  secondary?: ReactNode;
  onConfirmed: (codes: string[], session: SessionInfo) => void;
  onExpired: () => void;
}) {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const form = useForm<z.input<typeof ConfirmForm>, unknown, z.output<typeof ConfirmForm>>({
    resolver: zodResolver(ConfirmForm),
    defaultValues: { code: '' },
  });
  const { errors } = form.formState;
  const confirm = useMutation({
    mutationFn: (code: string) => call('secondFactor.confirmEnrolment', { code }),
    onSuccess: (result) => {
      onConfirmed(result.recoveryCodes, result.session);
    },
    onError: (error) => {
      if (isApiError(error) && error.code === 'CONFLICT') {
        onExpired();
        return;
      }
      setProblem(applyServerError(error, form.setError, { fields: ['code'] }));
      form.setFocus('code', { shouldSelect: true });
    },
  });
  return (
    <div className="enrol">
      <ol className="enrol__steps">
        <li>
          <h3 className="enrol__heading">Scan this code with your authenticator app</h3>
          <div className="enrol__scan">
            <QrCode
              size={start.qr.size}
              modules={start.qr.modules}
              label="QR code for your authenticator app"
            />
            <div className="enrol__secret">
              <p className="muted">Can’t scan it? Choose “enter a setup key” in the app and type:</p>
              <p className="secret-text" data-testid="second-factor-secret" aria-label="Setup key">
                {start.secretGrouped}
              </p>
              <p className="muted">Time-based, 6 digits, every 30 seconds.</p>
            </div>
          </div>
        </li>
        <li>
          <h3 className="enrol__heading">Enter the code the app shows now</h3>
          <form
            className="form"
            noValidate
            aria-label="Confirm the authenticator app"
            onSubmit={(event) => {
              void form.handleSubmit((values) => {
                setProblem(null);
                confirm.mutate(values.code);
              })(event);
            }}
          >
            <ProblemBanner problem={problem} />
            <Field label="6-digit code" error={errors.code?.message}>
              <TextInput
                {...form.register('code')}
                inputMode="numeric"
                autoComplete="one-time-code"
                className="code-input"
                maxLength={8}
                autoFocus
              />
            </Field>
            <div className="form__actions">
              <Button type="submit" variant="primary" busy={confirm.isPending}>
                Confirm
              </Button>
              {secondary}
            </div>
          </form>
        </li>
      </ol>
    </div>
  );
}

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const [kept, setKept] = useState(false);
  return (
    <div className="enrol">
      <Banner tone="success" live title="Your second factor is set up">
        From now on Stillwater asks for a code from your app after your password.
      </Banner>
      <h3 className="enrol__heading">Your recovery codes</h3>
      <p>
        If your phone is lost, each of these codes signs you in once instead of the app. Write them down or
        print them and keep them somewhere safe, away from this computer.{' '}
        <strong>They are not shown again.</strong>
      </p>
      <ul className="recovery-codes" data-testid="recovery-codes" aria-label="Recovery codes">
        {codes.map((c) => (
          <li key={c} className="mono">
            {c}
          </li>
        ))}
      </ul>
      <CheckboxField
        label="I have kept these codes somewhere safe"
        checked={kept}
        onChange={(event) => {
          setKept(event.target.checked);
        }}
      />
      <div className="form__actions">
        <Button
          variant="primary"
          icon={<Check aria-hidden="true" size={16} />}
          disabled={!kept}
          onClick={onDone}
        >
          Done
        </Button>
      </div>
    </div>
  );
}
