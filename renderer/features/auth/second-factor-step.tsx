// The step after the password for a person with a second factor: the code from their
// authenticator app, or one of their recovery codes. Until it is accepted main answers nothing
// else (SECOND_FACTOR_REQUIRED), and the step closes after five minutes.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { SecondFactorCode } from '../../../preload/contract.ts';
import { call, isApiError } from '../../api.ts';
import { useSession, useSignedIn } from '../../app/session.tsx';
import { applyServerError, type FormProblem } from '../../lib/form-errors.ts';
import { formatDuration } from '../../lib/format.ts';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { Field, TextInput } from '../../ui/field.tsx';
import { ProblemBanner } from '../../ui/problem-banner.tsx';
import { AuthLayout } from './auth-layout.tsx';
import { useCountdown } from './use-countdown.ts';

const CodeForm = z.strictObject({ code: SecondFactorCode });
type Values = z.input<typeof CodeForm>;
type Parsed = z.output<typeof CodeForm>;

export function SecondFactorStep() {
  const { updateSession, signOut, lockLocally } = useSession();
  const { session, practiceName } = useSignedIn();
  const [recovery, setRecovery] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const countdown = useCountdown();
  const leave = useMutation({ mutationFn: signOut });
  const form = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(CodeForm),
    defaultValues: { code: '' },
  });
  const { errors } = form.formState;

  const verify = useMutation({
    mutationFn: (values: Parsed) => call('secondFactor.verify', values),
    onSuccess: updateSession,
    onError: (error) => {
      if (isApiError(error) && error.code === 'NOT_SIGNED_IN') {
        lockLocally('session-ended');
        return;
      }
      if (isApiError(error) && error.code === 'RATE_LIMITED') countdown.start(error.retryAfterSeconds ?? 30);
      setProblem(applyServerError(error, form.setError, { fields: ['code'] }));
      form.setFocus('code', { shouldSelect: true });
    },
  });
  const waiting = countdown.remaining > 0;

  return (
    <AuthLayout
      eyebrow={practiceName}
      title={recovery ? 'Enter a recovery code' : 'Enter your code'}
      lead={
        recovery ? (
          <p>Each of the recovery codes you kept when you set up your second factor works once.</p>
        ) : (
          <p>
            Hello, {session.user.displayName}. Open the authenticator app on your phone and enter the 6-digit
            code it shows for Stillwater.
          </p>
        )
      }
    >
      {waiting ? (
        <Banner tone="warning" live title="Sign-in is paused for a moment">
          There were too many unsuccessful attempts. Try again in{' '}
          <strong className="countdown">{formatDuration(countdown.remaining)}</strong>.
        </Banner>
      ) : (
        <ProblemBanner problem={problem} />
      )}
      <form
        className="form"
        noValidate
        aria-label="Second factor"
        onSubmit={(event) => {
          void form.handleSubmit((values) => {
            setProblem(null);
            verify.mutate(values);
          })(event);
        }}
      >
        <Field
          label={recovery ? 'Recovery code' : '6-digit code'}
          hint={recovery ? 'Like ABCDE-12345.' : 'A new code appears every 30 seconds.'}
          error={errors.code?.message}
        >
          <TextInput
            key={recovery ? 'recovery' : 'code'}
            {...form.register('code')}
            inputMode={recovery ? 'text' : 'numeric'}
            autoComplete="one-time-code"
            autoCapitalize={recovery ? 'characters' : 'off'}
            spellCheck={false}
            className="code-input"
            maxLength={recovery ? 14 : 8}
            autoFocus
          />
        </Field>
        <Button type="submit" variant="primary" size="lg" block busy={verify.isPending} disabled={waiting}>
          {verify.isPending ? 'Checking…' : 'Continue'}
        </Button>
      </form>
      <div className="auth-card__secondary">
        <button
          type="button"
          className="text-link"
          onClick={() => {
            setRecovery((r) => !r);
            setProblem(null);
            form.reset({ code: '' });
          }}
        >
          {recovery ? 'Use the code from my app instead' : 'Lost your phone? Use a recovery code'}
        </button>
        <button
          type="button"
          className="text-link"
          onClick={() => {
            leave.mutate();
          }}
        >
          Cancel and sign out
        </button>
      </div>
    </AuthLayout>
  );
}
