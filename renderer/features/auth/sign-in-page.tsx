// Sign in with username and password. After a lock it says so and why; explains back-off with a
// live countdown, and points to the recovery key when this computer's keychain has lost the device
// key.
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
import { RedeemCodePage } from '../backup/redeem-code-page.tsx';
import { AuthLayout } from './auth-layout.tsx';
import { useCountdown } from './use-countdown.ts';

type Values = z.input<typeof SignInInput>;
type Parsed = z.output<typeof SignInInput>;

type Problem =
  | { kind: 'message'; message: string; details: string[] }
  | { kind: 'rate-limited' }
  | { kind: 'device-key'; message: string };

const REASON_NOTICE: Partial<Record<SignOutReason, string>> = {
  'session-ended': 'Your session has ended. Sign in to continue.',
};

/** Why Stillwater locked, for the locked screen's heading; null when this was not a lock. */
function lockedBecause(reason: SignOutReason | null, idleMinutes: number | null): string | null {
  switch (reason) {
    case 'inactivity':
      return idleMinutes === null
        ? 'Locked after a period without activity.'
        : `Locked after ${String(idleMinutes)} ${idleMinutes === 1 ? 'minute' : 'minutes'} without activity.`;
    case 'manual':
      return 'Locked with Lock now.';
    case 'screen-locked':
      return 'Locked when this computer’s screen locked.';
    case 'suspend':
      return 'Locked when this computer went to sleep.';
    case null:
    case 'signed-out':
    case 'app-quit':
    case 'window-closed':
    case 'session-ended':
      return null;
  }
}

export interface SignInPageProps {
  reason: SignOutReason | null;
  /** The practice's inactivity timeout when the lock happened (for "after 5 minutes"). */
  idleMinutes?: number | null;
  onUseRecoveryKey: () => void;
}

export function SignInPage(props: SignInPageProps) {
  // After a restore on a new computer, staff sign in once with a code from the owner.
  const [usingCode, setUsingCode] = useState(false);
  return usingCode ? (
    <RedeemCodePage
      onBack={() => {
        setUsingCode(false);
      }}
    />
  ) : (
    <PasswordSignIn
      {...props}
      onUseCode={() => {
        setUsingCode(true);
      }}
    />
  );
}

function PasswordSignIn({
  reason,
  idleMinutes = null,
  onUseRecoveryKey,
  onUseCode,
}: SignInPageProps & { onUseCode: () => void }) {
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
  const notice = reason ? REASON_NOTICE[reason] : undefined;
  const locked = lockedBecause(reason, idleMinutes);

  return (
    <AuthLayout
      eyebrow={state.practiceName}
      title={locked ? 'Locked — sign in to continue' : 'Sign in'}
      lead={
        locked ? (
          <>
            <p>{locked}</p>
            <p>
              Your drafts were saved. Sign in with your own username and password to pick up where you left
              off.
            </p>
          </>
        ) : (
          'Use your own Stillwater username and password.'
        )
      }
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
        <button type="button" className="text-link" onClick={onUseCode}>
          I have a one-time code
        </button>
      </div>
    </AuthLayout>
  );
}
