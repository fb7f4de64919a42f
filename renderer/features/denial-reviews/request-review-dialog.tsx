// Records a client's request that a reviewable denial be reviewed (45 CFR 164.524(a)(4)): the day
// they asked and how. Main refers it at once to the designated reviewing official.
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { contract, draftKey, todayIso } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { useDialogDraft, useSavedDraft, withDraft, type SavedDraft } from '../../lib/use-dialog-draft.ts';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { ChoiceGroupField } from '../../ui/choice-group-field.tsx';
import { Field, TextInput } from '../../ui/field.tsx';
import { FormDialog } from '../../ui/form-dialog.tsx';
import { reviewChanged } from './denial-review-queries.ts';

const Input = contract['denials.requestReview'].input;
type Values = z.input<typeof Input>;

interface Props {
  requestId: string;
  reviewer: string;
  onClose: () => void;
}

/** What is typed is a draft until the request is recorded (`denial-review:<request id>`). */
export function RequestReviewDialog(props: Props) {
  const saved = useSavedDraft(draftKey('denial-review', props.requestId));
  return saved === undefined ? null : <RequestReviewForm {...props} saved={saved} />;
}

function RequestReviewForm({ requestId, reviewer, onClose, saved }: Props & { saved: SavedDraft | null }) {
  const queryClient = useQueryClient();
  const form = useForm<Values, unknown, z.output<typeof Input>>({
    resolver: zodResolver(Input),
    defaultValues: {
      ...withDraft<Values>({ requestId, receivedOn: todayIso(), receivedHow: 'written' }, saved),
      requestId,
    },
  });
  const draft = useDialogDraft(form, draftKey('denial-review', requestId), saved);
  const record = useFormMutation({
    mutationFn: (input: z.output<typeof Input>) => call('denials.requestReview', input),
    onSuccess: () => {
      void reviewChanged(queryClient);
      void draft.discard().then(onClose);
    },
    form: { setError: form.setError, fields: ['receivedOn', 'receivedHow'] },
  });
  const { errors } = form.formState;
  return (
    <FormDialog
      title="Request review"
      description={`The client asked that the denial be reviewed. It is referred at once to ${reviewer}, the designated reviewing official, who took no part in the denial.`}
      onClose={onClose}
      size="sm"
      draft={draft}
      mutation={record}
      onSubmit={form.handleSubmit(record.submit)}
      problemTitle="The request for review was not recorded"
      submitLabel="Record and refer"
    >
      <Field label="Date the client asked" error={errors.receivedOn?.message}>
        <TextInput type="date" max={todayIso()} autoFocus {...form.register('receivedOn')} />
      </Field>
      <Controller
        control={form.control}
        name="receivedHow"
        render={({ field }) => (
          <ChoiceGroupField
            label="How the client asked"
            name={field.name}
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            inputRef={field.ref}
            error={errors.receivedHow?.message}
            options={[
              { value: 'written', label: 'In writing' },
              { value: 'oral', label: 'In person or by phone' },
            ]}
          />
        )}
      />
    </FormDialog>
  );
}
