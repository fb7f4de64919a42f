// The practice requires a second factor this person does not have: right after the password (and
// a new password, if theirs was temporary) they set one up before anything else; only this screen
// and sign-out are available (main enforces it: SECOND_FACTOR_ENROLMENT_REQUIRED).
import { useSession, useSignedIn } from '../../app/session.tsx';
import { AuthLayout } from '../auth/auth-layout.tsx';
import { SignOutButton } from '../auth/sign-out-button.tsx';
import { EnrolmentFlow } from './enrolment-flow.tsx';

export function ForcedEnrolment() {
  const { updateSession } = useSession();
  const { session, practiceName } = useSignedIn();
  const firstName = session.user.displayName.split(/\s+/)[0] ?? session.user.displayName;
  return (
    <AuthLayout
      eyebrow={practiceName}
      title="Set up your second factor"
      wide
      lead={
        <p>
          Welcome, {firstName}. {practiceName} asks everyone in your role for a code from an authenticator app
          after the password. Set it up now; it takes a minute.
        </p>
      }
    >
      <EnrolmentFlow
        needsPassword={false}
        replacing={false}
        onDone={updateSession}
        secondary={<SignOutButton />}
      />
    </AuthLayout>
  );
}
