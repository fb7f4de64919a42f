// Records a disclosure made outside the app (a duty-to-warn call, a mandated abuse report, records
// read to an investigator) so that the accounting of disclosures is complete (45 CFR 164.528; each
// entry: date, recipient and address, what, why) and names its basis (164.512).
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import { contract, draftKey, todayIso, type ClientRecord } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { useDialogDraft, useSavedDraft, withDraft, type SavedDraft } from '../../lib/use-dialog-draft.ts';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { ChoiceGroupField, type ChoiceOption } from '../../ui/choice-group-field.tsx';
import { Field, TextArea, TextInput } from '../../ui/field.tsx';
import { FormDialog } from '../../ui/form-dialog.tsx';

const Input = contract['disclosures.record'].input;
type Basis = z.output<typeof Input>['basis'];
type Values = {
  clientId: string;
  disclosedOn: string;
  recipientName: string;
  recipientAddress: string;
  description: string;
  purpose: string;
  basis: Basis | '';
};

const BASES: readonly ChoiceOption<Basis>[] = [
  {
    value: 'emergency',
    label: 'Serious threat (duty to warn)',
    description:
      'To avert a serious and imminent threat to someone’s health or safety (45 CFR 164.512(j)). It may not carry substance-use (42 CFR Part 2) records.',
  },
  {
    value: 'mandated_report',
    label: 'Mandated report',
    description: 'A report of child or elder abuse or neglect that state law requires.',
  },
  {
    value: 'required_by_law',
    label: 'Required by law',
    description: 'Another disclosure a law requires (a public-health report, an oversight agency).',
  },
  {
    value: 'legal_order',
    label: 'Court order',
    description: 'Records given under a court order outside a release request.',
  },
  { value: 'other', label: 'Other', description: 'Describe the basis in the purpose.' },
];

interface ManualDisclosureDialogProps {
  client: ClientRecord;
  onClose: () => void;
}

/** What is typed is a draft until the disclosure is recorded (`disclosure:<client id>`). */
export function ManualDisclosureDialog(props: ManualDisclosureDialogProps) {
  const saved = useSavedDraft(draftKey('disclosure', props.client.id));
  return saved === undefined ? null : <ManualDisclosureForm {...props} saved={saved} />;
}

function ManualDisclosureForm({
  client,
  onClose,
  saved,
}: ManualDisclosureDialogProps & { saved: SavedDraft | null }) {
  const queryClient = useQueryClient();
  const form = useForm<Values, unknown, z.output<typeof Input>>({
    resolver: zodResolver(
      z
        .custom<Values>()
        .transform((v): unknown => ({ ...v, recipientAddress: v.recipientAddress || undefined }))
        .pipe(Input),
    ),
    defaultValues: {
      ...withDraft<Values>(
        {
          clientId: '',
          disclosedOn: todayIso(),
          recipientName: '',
          recipientAddress: '',
          description: '',
          purpose: '',
          basis: '',
        },
        saved,
      ),
      clientId: client.id,
    },
  });
  const draft = useDialogDraft(form, draftKey('disclosure', client.id), saved);
  const record = useFormMutation({
    mutationFn: (input: z.output<typeof Input>) => call('disclosures.record', input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['disclosures', client.id] });
      void draft.discard().then(onClose);
    },
    form: {
      setError: form.setError,
      fields: ['disclosedOn', 'recipientName', 'recipientAddress', 'description', 'purpose', 'basis'],
    },
  });
  const { errors } = form.formState;
  return (
    <FormDialog
      title="Record a disclosure"
      description={`A disclosure of ${client.legalFirstName} ${client.legalLastName}’s information made outside Stillwater: a phone call, a report, records shown. It is added to the accounting of disclosures and cannot be removed.`}
      onClose={onClose}
      size="md"
      draft={draft}
      mutation={record}
      onSubmit={form.handleSubmit(record.submit)}
      problemTitle="The disclosure was not recorded"
      submitLabel="Record disclosure"
    >
      <Controller
        control={form.control}
        name="basis"
        render={({ field }) => (
          <ChoiceGroupField
            label="Basis"
            variant="list"
            name={field.name}
            options={BASES}
            value={field.value === '' ? null : field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            inputRef={field.ref}
            error={errors.basis?.message}
            autoFocus
          />
        )}
      />
      <Field label="Date of the disclosure" error={errors.disclosedOn?.message}>
        <TextInput type="date" max={todayIso()} {...form.register('disclosedOn')} />
      </Field>
      <Field
        label="Recipient"
        hint="The person and agency or facility."
        error={errors.recipientName?.message}
      >
        <TextInput autoComplete="off" {...form.register('recipientName')} />
      </Field>
      <Field label="Recipient address" optional error={errors.recipientAddress?.message}>
        <TextInput autoComplete="off" {...form.register('recipientAddress')} />
      </Field>
      <Field
        label="What was disclosed"
        hint="Only what was needed: the minimum necessary."
        error={errors.description?.message}
      >
        <TextArea rows={3} {...form.register('description')} />
      </Field>
      <Field
        label="Purpose"
        hint="Why it was disclosed, as the accounting will state it."
        error={errors.purpose?.message}
      >
        <TextArea rows={2} {...form.register('purpose')} />
      </Field>
    </FormDialog>
  );
}
