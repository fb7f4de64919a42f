// Records the reviewing official's determination (45 CFR 164.524(d)(4)): upheld or reversed, with
// the reasons. A staff official records their own; an outside official's is entered on their
// behalf. Main decides who may, and a reversal sends the request back to provide access.
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import { contract, draftKey, todayIso } from '../../../preload/contract.ts';
import type { DenialReviewRecord } from '../../../preload/contract/denial-reviews.ts';
import { call } from '../../api.ts';
import { useDialogDraft, useSavedDraft, withDraft, type SavedDraft } from '../../lib/use-dialog-draft.ts';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { ChoiceGroupField } from '../../ui/choice-group-field.tsx';
import { Field, TextArea, TextInput } from '../../ui/field.tsx';
import { FormDialog } from '../../ui/form-dialog.tsx';
import { reviewChanged } from './denial-review-queries.ts';

const Input = contract['denials.decideReview'].input;
type Values = Omit<z.input<typeof Input>, 'outcome'> & { outcome: z.input<typeof Input>['outcome'] | '' };

interface Props {
  review: DenialReviewRecord;
  onClose: () => void;
}

/** What is typed is a draft until the determination is recorded (`review-determination:<review id>`). */
export function DeterminationDialog(props: Props) {
  const saved = useSavedDraft(draftKey('review-determination', props.review.id));
  return saved === undefined ? null : <DeterminationForm {...props} saved={saved} />;
}

function DeterminationForm({ review, onClose, saved }: Props & { saved: SavedDraft | null }) {
  const queryClient = useQueryClient();
  const form = useForm<Values, unknown, z.output<typeof Input>>({
    resolver: zodResolver(
      z
        .custom<Values>()
        .transform((v): unknown => v)
        .pipe(Input),
    ),
    defaultValues: {
      ...withDraft<Values>({ reviewId: review.id, outcome: '', reasons: '', decidedOn: todayIso() }, saved),
      reviewId: review.id,
    },
  });
  const draft = useDialogDraft(form, draftKey('review-determination', review.id), saved);
  const record = useFormMutation({
    mutationFn: (input: z.output<typeof Input>) => call('denials.decideReview', input),
    onSuccess: () => {
      void reviewChanged(queryClient);
      void draft.discard().then(onClose);
    },
    form: { setError: form.setError, fields: ['outcome', 'reasons', 'decidedOn'] },
  });
  const { errors } = form.formState;
  const outside = review.reviewer.kind === 'outside';
  return (
    <FormDialog
      title="Record determination"
      description={
        outside
          ? `${review.reviewer.name} reviewed the denial from outside the practice; you record their determination on their behalf, as they gave it.`
          : 'Your determination as the designated reviewing official. The practice must follow it.'
      }
      onClose={onClose}
      size="md"
      draft={draft}
      mutation={record}
      onSubmit={form.handleSubmit(record.submit)}
      problemTitle="The determination was not recorded"
      submitLabel="Record determination"
    >
      <Controller
        control={form.control}
        name="outcome"
        render={({ field }) => (
          <ChoiceGroupField
            label="Determination"
            variant="list"
            name={field.name}
            value={field.value === '' ? null : field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            inputRef={field.ref}
            error={errors.outcome?.message}
            autoFocus
            options={[
              {
                value: 'upheld',
                label: 'Uphold the denial',
                description: 'The records stay withheld on the ground given.',
              },
              {
                value: 'reversed',
                label: 'Reverse the denial',
                description:
                  'The practice must provide access: the request goes back to choosing and approving the records.',
              },
            ]}
          />
        )}
      />
      <Field
        label="Reasons"
        hint="In plain language: they are quoted in the notice to the client."
        error={errors.reasons?.message}
      >
        <TextArea rows={5} {...form.register('reasons')} />
      </Field>
      <Field label="Date of the determination" error={errors.decidedOn?.message}>
        <TextInput type="date" max={todayIso()} min={review.receivedOn} {...form.register('decidedOn')} />
      </Field>
    </FormDialog>
  );
}
