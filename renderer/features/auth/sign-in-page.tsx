// Sign in with username and password. Explains back-off with a live countdown, and points to the
// recovery key when this computer's keychain has lost the device key.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { SignInInput } from '../../../preload/contract.ts';
import { call, isApiError } from '../../api.ts';
import { useSession, type SignOutReason } from '../../app/session.tsx';
import { applyServerError, GENERIC_PROBLEM } from '../../lib/form-errors.ts';
import { formatDuration } from '../../lib/format.ts';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { Field, PasswordInput, TextInput } from '../../ui/field.tsx';
import { AuthLayout } from './auth-layout.tsx';
import { useCountdown } from './use-countdown.ts';

type Values = z.input<typeof SignInInput>;
type Parsed = z.output<typeof SignInInput>;

type Problem =
  | { kind: 'message'; message: string; details: string[] }
  | { kind: 'rate-limited' }
  | { kind: 'device-key'; message: string };

const REASON_NOTICE: Record<SignOutReason, string | null> = {
  'signed-out': null,
  'app-quit': null,
  'window-closed': null,
  inactivity: 'Stillwater locked itself after a period of inactivity. Sign in to continue.',
  manual: 'Stillwater is locked. Sign in to continue.',
  'screen-locked': 'Stillwater locked when this computer’s screen locked. Sign in to continue.',
  suspend: 'Stillwater locked when this computer went to sleep. Sign in to continue.',
  'session-ended': 'Your session has ended. Sign in to continue.',
};

export interface SignInPageProps {
  reason: SignOutReason | null;
  onUseRecoveryKey: () => void;
}

export function SignInPage({ reason, onUseRecoveryKey }: SignInPageProps) {
  const { state, enter } = useSession();
  const [problem, setProblem] = useState<Problem | null>(null);
  const countdown = useCountdown();
  const form = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(SignInInput),
    defaultValues: { username: '', password: '' },
  });
  const { errors } = form.formState;

  const signIn = useMutation({
    mutationFn: (values: Parsed) => call('auth.signIn', values),
    onSuccess: (session) => {
      enter(session);
    },
    onError: (error) => {
      if (isApiError(error) && error.code === 'RATE_LIMITED') {
        countdown.start(error.retryAfterSeconds ?? 30);
        setProblem({ kind: 'rate-limited' });
        return;
      }
      if (isApiError(error) && error.code === 'DEVICE_KEY_MISSING') {
        setProblem({ kind: 'device-key', message: error.message });
        return;
      }
      const placed = applyServerError(error, form.setError, { fields: ['username', 'password'] });
      setProblem(placed ? { kind: 'message', ...placed } : null);
      if (isApiError(error) && error.code === 'INVALID_CREDENTIALS') {
        form.setFocus('password', { shouldSelect: true });
      }
    },
  });

  const rateLimited = problem?.kind === 'rate-limited' && countdown.remaining > 0;
  const notice = reason ? REASON_NOTICE[reason] : null;

  return (
    <AuthLayout
      eyebrow={state.practiceName}
      title="Sign in"
      lead="Use your own Stillwater username and password."
    >
      {notice && !problem && <Banner tone="info">{notice}</Banner>}
      {problem?.kind === 'message' && (
        <Banner tone="danger" live>
          {problem.message || GENERIC_PROBLEM}
          {problem.details.length > 0 && (
            <ul className="banner__list">
              {problem.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          )}
        </Banner>
      )}
      {problem?.kind === 'rate-limited' && (
        <Banner
          tone="warning"
          live
          title={rateLimited ? 'Sign-in is paused for a moment' : 'You can try again now'}
        >
          {rateLimited ? (
            <>
              There were too many unsuccessful attempts, so Stillwater is waiting before it accepts another.
              Try again in <strong className="countdown">{formatDuration(countdown.remaining)}</strong>.
            </>
          ) : (
            'Check the username and password carefully before you sign in.'
          )}
        </Banner>
      )}
      {problem?.kind === 'device-key' && (
        <Banner
          tone="warning"
          live
          title="Passwords cannot open the practice on this computer"
          actions={
            <Button size="sm" variant="primary" onClick={onUseRecoveryKey}>
              Use the recovery key
            </Button>
          }
        >
          {problem.message}
        </Banner>
      )}
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          void form.handleSubmit((values) => {
            setProblem(null);
            signIn.mutate(values);
          })(event);
        }}
      >
        <Field label="Username" error={errors.username?.message}>
          <TextInput
            {...form.register('username')}
            autoComplete="username"
            autoCapitalize="off"
            spellCheck={false}
            autoFocus
          />
        </Field>
        <Field label="Password" error={errors.password?.message}>
          <PasswordInput {...form.register('password')} autoComplete="current-password" />
        </Field>
        <Button
          type="submit"
          variant="primary"
          size="lg"
          block
          busy={signIn.isPending}
          disabled={rateLimited}
        >
          {signIn.isPending ? 'Unlocking…' : 'Sign in'}
        </Button>
      </form>
      <div className="auth-card__secondary">
        <button type="button" className="text-link" onClick={onUseRecoveryKey}>
          Forgot your password? Use the recovery key
        </button>
      </div>
    </AuthLayout>
  );
}
