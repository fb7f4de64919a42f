// Settings > Emergency access (the owner's): how long a break of the glass keeps a chart open,
// 15 to 240 minutes, 60 unless changed. A grant keeps the length it was opened with.
import { useQuery } from '@tanstack/react-query';
import { EMERGENCY_MINUTES, EmergencySettings } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { QuerySection } from '../../ui/query-section.tsx';
import { NumberSettingForm } from '../settings/number-setting-form.tsx';
import { EMERGENCY_SETTINGS_KEY, emergencySettingsQuery } from './emergency-queries.ts';

const summary = (s: EmergencySettings): string =>
  `Emergency access keeps a chart open for ${String(s.minutes)} minutes, read-only. Access already open keeps the time it was opened with.`;

export function EmergencySettingsSection() {
  const settings = useQuery(emergencySettingsQuery);
  return (
    <QuerySection
      title="Emergency access"
      description="A clinician who is not on a client’s care team can open the chart in an emergency: read-only, never psychotherapy notes, and every read recorded. You and the client’s clinician are told on your Clients page."
      query={settings}
      loadingLabel="Loading emergency access…"
    >
      {(loaded) => (
        <NumberSettingForm
          schema={EmergencySettings}
          field="minutes"
          current={loaded}
          queryKey={EMERGENCY_SETTINGS_KEY}
          save={(values) => call('emergency.setSettings', values)}
          formLabel="Emergency access duration"
          label="Emergency access lasts (minutes)"
          hint={`${String(EMERGENCY_MINUTES.min)} to ${String(EMERGENCY_MINUTES.max)} minutes; ${String(EMERGENCY_MINUTES.default)} is the default.`}
          min={EMERGENCY_MINUTES.min}
          max={EMERGENCY_MINUTES.max}
          saveLabel="Save duration"
          savedTitle="Emergency access duration saved"
          summary={summary}
        />
      )}
    </QuerySection>
  );
}
