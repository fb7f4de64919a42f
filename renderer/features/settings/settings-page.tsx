// Settings: everyone's own account; the practice profile, the state-law deadlines and notice, the
// inactivity lock, the practice's note templates, how long emergency access lasts, the recovery
// key and backups (edited by the owner).
import { useSignedIn } from '../../app/session.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { BackupSection } from '../backup/backup-section.tsx';
import { NoteTemplatesSection } from '../note-templates/templates-section.tsx';
import { ReviewingOfficialSection } from '../denial-reviews/reviewing-official-section.tsx';
import { PlanSettingsSection } from '../plans/plan-settings-section.tsx';
import { RetentionSection } from '../retention/retention-section.tsx';
import { SecondFactorPolicySection } from '../second-factor/policy-section.tsx';
import { EmergencySettingsSection } from '../emergency-access/emergency-settings-section.tsx';
import { DataKeySection } from './data-key-section.tsx';
import { InactivityLockSection } from './inactivity-lock-section.tsx';
import { MyAccountSection } from './my-account-section.tsx';
import { PracticeProfileSection } from './practice-profile-section.tsx';
import { RecoveryKeySection } from './recovery-key-section.tsx';
import { StateLawSection } from './state-law-section.tsx';

export function SettingsPage() {
  const { session } = useSignedIn();
  const owner = session.user.role === 'owner';
  return (
    <div className="page">
      <PageHeader title="Settings" description={owner ? 'Your account and the practice.' : 'Your account.'} />
      <div className="stack">
        <MyAccountSection />
        <PracticeProfileSection editable={owner} />
        <StateLawSection editable={owner} />
        <InactivityLockSection editable={owner} />
        <ReviewingOfficialSection editable={owner} />
        {session.user.role !== 'front_desk' && <PlanSettingsSection editable={owner} />}
        {owner && <NoteTemplatesSection />}
        {owner && <EmergencySettingsSection />}
        {owner && <SecondFactorPolicySection />}
        {owner && <RecoveryKeySection />}
        {owner && <DataKeySection />}
        {owner && <BackupSection />}
        {owner && <RetentionSection />}
      </div>
    </div>
  );
}
