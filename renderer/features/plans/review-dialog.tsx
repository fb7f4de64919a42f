// Records a review of the plan in force: continue it (with the date of the next review) or revise
// it (a new draft version starts from this plan's content, and the editor opens).
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Controller, useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import {
  PLAN_REVIEW_OUTCOME_LABELS,
  RecordPlanReviewInput,
  todayIso,
  type PlanReviewOutcome,
  type PlanView,
} from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { addDays, formatCalendarDate } from '../../lib/calendar-date.ts';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { ChoiceGroupField } from '../../ui/choice-group-field.tsx';
import { Field, TextArea, TextInput } from '../../ui/field.tsx';
import { FormDialog } from '../../ui/form-dialog.tsx';
import { planSettingsQuery, plansChanged } from './plan-queries.ts';

type Values = z.input<typeof RecordPlanReviewInput>;
type Parsed = z.output<typeof RecordPlanReviewInput>;
const FIELDS = ['reviewedOn', 'outcome', 'nextReviewOn', 'comment'] as const;

export function ReviewDialog({
  view,
  onClose,
  onRevised,
}: {
  view: PlanView;
  onClose: () => void;
  onRevised: (planId: string) => void;
}) {
  const queryClient = useQueryClient();
  const days = useQuery(planSettingsQuery).data?.reviewDays ?? 90;
  const form = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(RecordPlanReviewInput),
    defaultValues: {
      planId: view.plan.id,
      reviewedOn: todayIso(),
      outcome: 'continue',
      nextReviewOn: addDays(todayIso(), days),
      comment: '',
    },
  });
  const record = useFormMutation({
    mutationFn: (input: Parsed) => call('plans.recordReview', input),
    onSuccess: (next) => {
      plansChanged(queryClient);
      if (next.plan.id !== view.plan.id) onRevised(next.plan.id);
      onClose();
    },
    form: { setError: form.setError, fields: FIELDS },
  });
  const outcome = useWatch({ control: form.control, name: 'outcome' });
  const { errors } = form.formState;
  return (
    <FormDialog
      title="Record a review of the plan"
      description={`Version ${String(view.plan.version)}, review due ${formatCalendarDate(view.plan.reviewDueOn)}.`}
      onClose={onClose}
      mutation={record}
      onSubmit={form.handleSubmit((values) => {
        record.submit(values.outcome === 'revise' ? { ...values, nextReviewOn: undefined } : values);
      })}
      problemTitle="The review was not recorded"
      submitLabel={outcome === 'revise' ? 'Record and start the revision' : 'Record review'}
    >
      <div className="form__row form__row--narrow">
        <Field label="Reviewed on" error={errors.reviewedOn?.message}>
          <TextInput type="date" max={todayIso()} {...form.register('reviewedOn')} />
        </Field>
      </div>
      <Controller
        control={form.control}
        name="outcome"
        render={({ field }) => (
          <ChoiceGroupField
            label="Outcome"
            variant="cards"
            name={field.name}
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            inputRef={field.ref}
            error={errors.outcome?.message}
            options={(['continue', 'revise'] as PlanReviewOutcome[]).map((o) => ({
              value: o,
              label: PLAN_REVIEW_OUTCOME_LABELS[o],
              description:
                o === 'continue'
                  ? 'The plan stays in force; set the next review date.'
                  : 'A new version starts from this plan; it is in force once the clinician and the client sign it.',
            }))}
          />
        )}
      />
      {outcome === 'continue' && (
        <div className="form__row form__row--narrow">
          <Field label="Next review" error={errors.nextReviewOn?.message}>
            <TextInput type="date" min={todayIso()} {...form.register('nextReviewOn')} />
          </Field>
        </div>
      )}
      <Field label="Comment" optional error={errors.comment?.message}>
        <TextArea rows={3} {...form.register('comment')} />
      </Field>
    </FormDialog>
  );
}
