// Settings > Treatment plans: how many days after signing a plan's review falls due (90 unless the
// owner sets another; plans.updateSettings). Others see the value; main refuses them the change.
import { useQuery } from '@tanstack/react-query';
import { PlanSettings } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { QuerySection } from '../../ui/query-section.tsx';
import { NumberSettingForm } from '../settings/number-setting-form.tsx';
import { PLAN_SETTINGS_KEY, planSettingsQuery } from './plan-queries.ts';

const summary = (s: PlanSettings): string =>
  `A new treatment plan is due for review ${String(s.reviewDays)} days after it is started; each review sets the next date.`;

export function PlanSettingsSection({ editable }: { editable: boolean }) {
  const settings = useQuery(planSettingsQuery);
  return (
    <QuerySection
      title="Treatment plans"
      description="Plans due for review within a week, or overdue, are listed on each clinician’s Clients page."
      query={settings}
      loadingLabel="Loading the review interval…"
    >
      {(loaded) =>
        editable ? (
          <PlanSettingsForm current={loaded} />
        ) : (
          <p className="form__lead">{`${summary(loaded)} The practice owner sets this.`}</p>
        )
      }
    </QuerySection>
  );
}

function PlanSettingsForm({ current }: { current: PlanSettings }) {
  return (
    <NumberSettingForm
      schema={PlanSettings}
      field="reviewDays"
      current={current}
      queryKey={PLAN_SETTINGS_KEY}
      save={(values) => call('plans.updateSettings', values)}
      formLabel="Treatment plan review interval"
      label="Review a plan every (days)"
      hint="14 to 365 days; 90 is common. Plans already signed keep their date."
      min={14}
      max={365}
      saveLabel="Save review interval"
      savedTitle="Review interval saved"
      summary={summary}
    />
  );
}
