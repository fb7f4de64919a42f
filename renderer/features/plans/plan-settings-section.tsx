// Settings > Treatment plans: how many days after signing a plan's review falls due (90 unless the
// owner sets another; plans.updateSettings). Others see the value; main refuses them the change.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { PlanSettings } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { applyServerError, type FormProblem } from '../../lib/form-errors.ts';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { Field, TextInput } from '../../ui/field.tsx';
import { ProblemBanner } from '../../ui/problem-banner.tsx';
import { Section } from '../../ui/section.tsx';
import { LoadingState } from '../../ui/spinner.tsx';
import { PLAN_SETTINGS_KEY, planSettingsQuery } from './plan-queries.ts';

type Values = z.input<typeof PlanSettings>;

const summary = (s: PlanSettings): string =>
  `A new treatment plan is due for review ${String(s.reviewDays)} days after it is started; each review sets the next date.`;

export function PlanSettingsSection({ editable }: { editable: boolean }) {
  const settings = useQuery(planSettingsQuery);
  return (
    <Section
      title="Treatment plans"
      description="Plans due for review within a week, or overdue, are listed on each clinician’s Clients page."
    >
      {settings.isPending && <LoadingState label="Loading the review interval…" />}
      {settings.isError && (
        <Banner tone="danger" live>
          {settings.error.message}
        </Banner>
      )}
      {settings.data &&
        (editable ? (
          <PlanSettingsForm current={settings.data} />
        ) : (
          <p className="form__lead">{`${summary(settings.data)} The practice owner sets this.`}</p>
        ))}
    </Section>
  );
}

function PlanSettingsForm({ current }: { current: PlanSettings }) {
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [saved, setSaved] = useState<PlanSettings | null>(null);
  const form = useForm<Values, unknown, PlanSettings>({
    resolver: zodResolver(PlanSettings),
    defaultValues: current,
  });
  const { errors, isDirty } = form.formState;
  const update = useMutation({
    mutationFn: (values: PlanSettings) => call('plans.updateSettings', values),
    onSuccess: (next) => {
      queryClient.setQueryData(PLAN_SETTINGS_KEY, next);
      form.reset(next);
      setSaved(next);
    },
    onError: (error) => {
      setProblem(applyServerError(error, form.setError, { fields: ['reviewDays'] as const }));
    },
  });
  return (
    <form
      className="form"
      noValidate
      aria-label="Treatment plan review interval"
      onSubmit={(event) => {
        void form.handleSubmit((values) => {
          setProblem(null);
          setSaved(null);
          update.mutate(values);
        })(event);
      }}
    >
      <ProblemBanner problem={problem} />
      {saved && !isDirty && (
        <Banner tone="success" live title="Review interval saved">
          {summary(saved)}
        </Banner>
      )}
      <div className="form__row form__row--narrow">
        <Field
          label="Review a plan every (days)"
          hint="14 to 365 days; 90 is common. Plans already signed keep their date."
          error={errors.reviewDays?.message}
        >
          <TextInput
            type="number"
            inputMode="numeric"
            min={14}
            max={365}
            step={1}
            {...form.register('reviewDays', { valueAsNumber: true })}
          />
        </Field>
      </div>
      <div className="form__actions">
        <Button type="submit" variant="primary" busy={update.isPending} disabled={!isDirty}>
          Save review interval
        </Button>
      </div>
    </form>
  );
}
