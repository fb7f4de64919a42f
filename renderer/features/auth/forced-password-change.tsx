// After signing in with a temporary password, the person must choose their own before anything
// else; only this screen and sign-out are available (main enforces it: PASSWORD_CHANGE_REQUIRED).
import { ROLE_LABELS } from '../../../preload/contract.ts';
import { useSession, useSignedIn } from '../../app/session.tsx';
import { AuthLayout } from './auth-layout.tsx';
import { SignOutButton } from './sign-out-button.tsx';
import { ChangePasswordFormView } from './change-password-form.tsx';

export function ForcedPasswordChange() {
  const { updateSession } = useSession();
  const { session, practiceName } = useSignedIn();
  const firstName = session.user.displayName.split(/\s+/)[0] ?? session.user.displayName;

  return (
    <AuthLayout
      eyebrow={practiceName}
      title="Choose your own password"
      wide
      lead={
        <>
          <p>
            Welcome, {firstName}. You signed in as <strong>{session.user.username}</strong> (
            {ROLE_LABELS[session.user.role]}) with a temporary password from the practice owner.
          </p>
          <p>Before you continue, replace it with a password that only you know.</p>
        </>
      }
    >
      <ChangePasswordFormView
        currentLabel="Temporary password"
        submitLabel="Save my new password"
        autoFocus
        onChanged={updateSession}
        secondary={<SignOutButton />}
      />
    </AuthLayout>
  );
}
