// The root: asks main once what state the practice is in, then shows setup, sign-in, the forced
// password change or the app itself.
import { useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import type { AppStatus } from '../../preload/contract.ts';
import { call } from '../api.ts';
import { RecoverPage } from '../features/auth/recover-page.tsx';
import { SignInPage } from '../features/auth/sign-in-page.tsx';
import { ForcedPasswordChange } from '../features/auth/forced-password-change.tsx';
import { SecondFactorStep } from '../features/auth/second-factor-step.tsx';
import { ForcedEnrolment } from '../features/second-factor/forced-enrolment.tsx';
import { SessionLock } from '../features/lock/session-lock.tsx';
import { SetupWizard } from '../features/setup/setup-wizard.tsx';
import { AppShell } from '../features/shell/app-shell.tsx';
import { Button } from '../ui/button.tsx';
import { Banner } from '../ui/banner.tsx';
import { LogoMark } from '../ui/logo.tsx';
import { Spinner } from '../ui/spinner.tsx';
import type { SessionGoneSignal } from './query-client.ts';
import { SessionProvider, useSession, type SignOutReason } from './session.tsx';

export function App({ sessionGone }: { sessionGone: SessionGoneSignal }) {
  const status = useQuery({
    queryKey: ['app', 'status'],
    queryFn: () => call('app.status', {}),
    staleTime: Infinity,
  });
  // The first answer seeds the session state; from then on the session moves by sign-in and lock.
  const [seed, setSeed] = useState<AppStatus | null>(null);
  if (seed === null && status.data !== undefined) setSeed(status.data);

  if (seed)
    return (
      <SessionProvider initial={seed} sessionGone={sessionGone}>
        <Screens />
      </SessionProvider>
    );
  if (status.isError)
    return (
      <main className="splash">
        <div className="splash__problem">
          <Banner tone="danger" title="Stillwater could not start" live>
            {status.error.message}
          </Banner>
          <Button
            variant="primary"
            onClick={() => {
              void status.refetch();
            }}
          >
            Try again
          </Button>
        </div>
      </main>
    );
  return (
    <main className="splash" aria-busy="true">
      <LogoMark size={48} />
      <p className="splash__text">
        <Spinner /> Opening Stillwater…
      </p>
    </main>
  );
}

function Screens() {
  const { state } = useSession();
  switch (state.gate.kind) {
    case 'setup':
      return <SetupWizard />;
    case 'signedOut':
      return (
        <SignedOutScreens
          key={state.epoch}
          reason={state.gate.reason}
          idleMinutes={state.gate.idleMinutes ?? null}
        />
      );
    case 'signedIn':
      return (
        <Fragment key={state.epoch}>
          {state.gate.session.secondFactor === 'needed' ? (
            <SecondFactorStep />
          ) : state.gate.session.mustChangePassword ? (
            <ForcedPasswordChange />
          ) : state.gate.session.secondFactor === 'enrol' ? (
            <ForcedEnrolment />
          ) : (
            <AppShell />
          )}
          <SessionLock />
        </Fragment>
      );
  }
}

function SignedOutScreens({
  reason,
  idleMinutes,
}: {
  reason: SignOutReason | null;
  idleMinutes: number | null;
}) {
  const [recovering, setRecovering] = useState(false);
  return recovering ? (
    <RecoverPage
      onBack={() => {
        setRecovering(false);
      }}
    />
  ) : (
    <SignInPage
      reason={reason}
      idleMinutes={idleMinutes}
      onUseRecoveryKey={() => {
        setRecovering(true);
      }}
    />
  );
}
