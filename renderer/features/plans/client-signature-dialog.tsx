// Records the client's signature on a plan the clinician has signed: the client themself, or a
// representative with their authority recorded ("Parent of a minor", "Health care power of
// attorney"), and the date signed. Main records who entered it and when; the plan is then in force.
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { Controller, useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import {
  RecordClientSignatureInput,
  todayIso,
  type ClientRecord,
  type PlanView,
} from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { ChoiceGroupField } from '../../ui/choice-group-field.tsx';
import { Field, TextInput } from '../../ui/field.tsx';
import { FormDialog } from '../../ui/form-dialog.tsx';
import { plansChanged } from './plan-queries.ts';

type Values = z.input<typeof RecordClientSignatureInput>;
type Parsed = z.output<typeof RecordClientSignatureInput>;
const FIELDS = ['signer', 'signerName', 'authority', 'signedOn'] as const;

export function ClientSignatureDialog({
  client,
  view,
  onClose,
}: {
  client: ClientRecord;
  view: PlanView;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const form = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(RecordClientSignatureInput),
    defaultValues: {
      planId: view.plan.id,
      signer: 'client',
      signerName: `${client.legalFirstName} ${client.legalLastName}`,
      authority: '',
      signedOn: todayIso(),
    },
  });
  const record = useFormMutation({
    mutationFn: (input: Parsed) => call('plans.recordClientSignature', input),
    onSuccess: () => {
      plansChanged(queryClient);
      onClose();
    },
    form: { setError: form.setError, fields: FIELDS },
  });
  const signer = useWatch({ control: form.control, name: 'signer' });
  const { errors } = form.formState;
  return (
    <FormDialog
      title="Record the client’s signature"
      description={`Version ${String(view.plan.version)} of the plan, signed by ${view.plan.clinicianSignature?.by.displayName ?? 'the clinician'}. Once recorded, the plan is in force${view.plan.previousId ? ' and the earlier version is superseded' : ''}.`}
      onClose={onClose}
      mutation={record}
      onSubmit={form.handleSubmit(record.submit)}
      problemTitle="The signature was not recorded"
      submitLabel="Record signature"
    >
      <Controller
        control={form.control}
        name="signer"
        render={({ field }) => (
          <ChoiceGroupField
            label="Signed by"
            variant="segmented"
            name={field.name}
            value={field.value}
            onChange={(v) => {
              field.onChange(v);
              form.clearErrors();
              form.setValue(
                'signerName',
                v === 'client' ? `${client.legalFirstName} ${client.legalLastName}` : '',
              );
            }}
            onBlur={field.onBlur}
            inputRef={field.ref}
            error={errors.signer?.message}
            options={[
              { value: 'client', label: 'The client' },
              { value: 'representative', label: 'A representative' },
            ]}
          />
        )}
      />
      <Field
        label={signer === 'client' ? 'Client’s name as signed' : 'Representative’s name'}
        error={errors.signerName?.message}
      >
        <TextInput autoComplete="off" {...form.register('signerName')} />
      </Field>
      {signer === 'representative' && (
        <Field
          label="Authority to sign for the client"
          hint="For example: parent of a minor, legal guardian, health care power of attorney."
          error={errors.authority?.message}
        >
          <TextInput autoComplete="off" {...form.register('authority')} />
        </Field>
      )}
      <div className="form__row form__row--narrow">
        <Field label="Date signed" error={errors.signedOn?.message}>
          <TextInput type="date" max={todayIso()} {...form.register('signedOn')} />
        </Field>
      </div>
    </FormDialog>
  );
}
