// Settings > My account: who you are signed in as, and changing your password.
import { ROLE_LABELS } from '../../../preload/contract.ts';
import { useSession, useSignedIn } from '../../app/session.tsx';
import { Section } from '../../ui/section.tsx';
import { ChangePasswordFormView } from '../auth/change-password-form.tsx';
import { MySecondFactorPanel } from '../second-factor/my-second-factor.tsx';

export function MyAccountSection() {
  const { updateSession } = useSession();
  const { session } = useSignedIn();
  return (
    <Section title="My account" description="Your sign-in on this computer.">
      <dl className="facts">
        <div>
          <dt>Name</dt>
          <dd>{session.user.displayName}</dd>
        </div>
        <div>
          <dt>Username</dt>
          <dd className="mono">{session.user.username}</dd>
        </div>
        <div>
          <dt>Role</dt>
          <dd>{ROLE_LABELS[session.user.role]}</dd>
        </div>
      </dl>
      <h3 className="subheading">Change password</h3>
      <ChangePasswordFormView
        currentLabel="Current password"
        submitLabel="Change password"
        confirmOnSuccess
        onChanged={updateSession}
      />
      <MySecondFactorPanel />
    </Section>
  );
}
