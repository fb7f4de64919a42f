// The owner's backup schedule, retention and warning age (backup.updateSettings). Bounds and
// messages come from the contract's schema; main's field issues land under their fields.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { BackupSettingsInput, type BackupSettings } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { applyServerError, type FormProblem } from '../../lib/form-errors.ts';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { Field, TextInput } from '../../ui/field.tsx';
import { ProblemBanner } from '../../ui/problem-banner.tsx';
import { SwitchField } from '../../ui/switch-field.tsx';
import { BACKUP_SETTINGS_KEY, BACKUP_STATUS_KEY, BACKUP_USAGE_KEY } from './backup-queries.ts';

type Values = z.input<typeof BackupSettingsInput>;
type Parsed = z.output<typeof BackupSettingsInput>;

const FIELDS = [
  'schedule.onSignOut',
  'schedule.everyHours',
  'retention.daily',
  'retention.weekly',
  'retention.monthly',
  'maxAgeDays',
] as const;

const inputOf = (s: BackupSettings): Values => ({
  schedule: { ...s.schedule },
  retention: { ...s.retention },
  maxAgeDays: s.maxAgeDays,
});

const NUMBER = { type: 'number', inputMode: 'numeric', step: 1 } as const;

export function BackupSettingsForm({ current }: { current: BackupSettings }) {
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [saved, setSaved] = useState(false);
  const form = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(BackupSettingsInput),
    defaultValues: inputOf(current),
  });
  const { errors, isDirty } = form.formState;

  const update = useMutation({
    mutationFn: (values: Parsed) => call('backup.updateSettings', values),
    onSuccess: (next) => {
      queryClient.setQueryData(BACKUP_SETTINGS_KEY, next);
      void queryClient.invalidateQueries({ queryKey: BACKUP_STATUS_KEY });
      // Retention changes how many backups the drive must hold.
      void queryClient.invalidateQueries({ queryKey: BACKUP_USAGE_KEY });
      form.reset(inputOf(next));
      setSaved(true);
    },
    onError: (error) => {
      setProblem(applyServerError(error, form.setError, { fields: FIELDS }));
    },
  });

  return (
    <form
      className="form backup-settings"
      noValidate
      aria-label="Backup schedule and retention"
      onSubmit={(event) => {
        void form.handleSubmit((values) => {
          setProblem(null);
          setSaved(false);
          update.mutate(values);
        })(event);
      }}
    >
      <ProblemBanner problem={problem} />
      {saved && !isDirty && (
        <Banner tone="success" live>
          The backup schedule was saved.
        </Banner>
      )}
      <SwitchField
        label="Back up when the last person signs out or Stillwater closes"
        description="Skipped when nothing changed since the last backup."
        {...form.register('schedule.onSignOut')}
      />
      <div className="form__row form__row--narrow">
        <Field
          label="Back up every (hours)"
          hint="While Stillwater is open; 1 to 24."
          error={errors.schedule?.everyHours?.message}
        >
          <TextInput
            {...NUMBER}
            min={1}
            max={24}
            {...form.register('schedule.everyHours', { valueAsNumber: true })}
          />
        </Field>
        <Field
          label="Warn after (days)"
          hint="At sign-in, when the newest backup is older; 1 to 30."
          error={errors.maxAgeDays?.message}
        >
          <TextInput {...NUMBER} min={1} max={30} {...form.register('maxAgeDays', { valueAsNumber: true })} />
        </Field>
      </div>
      <fieldset className="backup-settings__retention">
        <legend className="field__label">Keep</legend>
        <p className="field__hint">
          The newest backup of each day, week and month, up to these numbers; older ones are deleted after
          each successful backup. The newest verified backup is always kept.
        </p>
        <div className="form__row form__row--thirds">
          <Field label="Daily backups" hint="1 to 60" error={errors.retention?.daily?.message}>
            <TextInput
              {...NUMBER}
              min={1}
              max={60}
              {...form.register('retention.daily', { valueAsNumber: true })}
            />
          </Field>
          <Field label="Weekly backups" hint="0 to 52" error={errors.retention?.weekly?.message}>
            <TextInput
              {...NUMBER}
              min={0}
              max={52}
              {...form.register('retention.weekly', { valueAsNumber: true })}
            />
          </Field>
          <Field label="Monthly backups" hint="0 to 120" error={errors.retention?.monthly?.message}>
            <TextInput
              {...NUMBER}
              min={0}
              max={120}
              {...form.register('retention.monthly', { valueAsNumber: true })}
            />
          </Field>
        </div>
      </fieldset>
      <div className="form__actions">
        <Button type="submit" variant="primary" busy={update.isPending} disabled={!isDirty}>
          Save backup schedule
        </Button>
        {isDirty && (
          <Button
            variant="ghost"
            onClick={() => {
              form.reset(inputOf(current));
            }}
          >
            Discard changes
          </Button>
        )}
      </div>
    </form>
  );
}
