// Change a client's status (active, inactive, discharged) from a date, with the reason. Only a
// clinician can discharge (main refuses front desk); the reason is required unless reactivating.
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import {
  draftKey,
  SetStatusInput,
  todayIso,
  type ClientRecord,
  type ClientStatus,
} from '../../../../preload/contract.ts';
import { call } from '../../../api.ts';
import { formatCalendarDate } from '../../../lib/calendar-date.ts';
import { useDialogDraft, useSavedDraft, withDraft, type SavedDraft } from '../../../lib/use-dialog-draft.ts';
import { useFormMutation } from '../../../lib/use-form-mutation.ts';
import { ChoiceGroupField, type ChoiceOption } from '../../../ui/choice-group-field.tsx';
import { Field, TextArea, TextInput } from '../../../ui/field.tsx';
import { FormDialog } from '../../../ui/form-dialog.tsx';
import { legalName, STATUS_LABELS } from '../client-format.tsx';
import { clientChanged } from '../client-queries.ts';

interface Values {
  status: ClientStatus;
  effectiveDate: string;
  reason: string;
}

const DESCRIPTIONS: Record<ClientStatus, string> = {
  active: 'Being seen, or about to start.',
  inactive: 'Not being seen for now; the chart stays open.',
  discharged: 'Treatment has ended. Only a clinician can discharge.',
};

interface ChangeStatusDialogProps {
  client: ClientRecord;
  canDischarge: boolean;
  onClose: () => void;
}

/** The reason is a draft until the status changes (`client-status:<client id>`). */
export function ChangeStatusDialog(props: ChangeStatusDialogProps) {
  const saved = useSavedDraft(draftKey('client-status', props.client.id));
  return saved === undefined ? null : <ChangeStatusForm {...props} saved={saved} />;
}

function ChangeStatusForm({
  client,
  canDischarge,
  onClose,
  saved,
}: ChangeStatusDialogProps & { saved: SavedDraft | null }) {
  const queryClient = useQueryClient();
  const schema = z
    .custom<Values>()
    .transform((v): unknown => ({ clientId: client.id, ...v }))
    .pipe(SetStatusInput);
  const form = useForm<Values, unknown, z.output<typeof SetStatusInput>>({
    resolver: zodResolver(schema),
    defaultValues: withDraft<Values>(
      {
        status: client.status === 'active' ? 'inactive' : 'active',
        effectiveDate: todayIso(),
        reason: '',
      },
      saved,
    ),
  });
  const draft = useDialogDraft(form, draftKey('client-status', client.id), saved);
  const { errors } = form.formState;
  const options: ChoiceOption<ClientStatus>[] = (Object.keys(STATUS_LABELS) as ClientStatus[])
    .filter((s) => s !== client.status && (s !== 'discharged' || canDischarge))
    .map((s) => ({ value: s, label: STATUS_LABELS[s], description: DESCRIPTIONS[s] }));

  const change = useFormMutation({
    mutationFn: (input: z.output<typeof SetStatusInput>) => call('clients.setStatus', input),
    onSuccess: (record) => {
      clientChanged(queryClient, record);
      void draft.discard().then(onClose);
    },
    form: { setError: form.setError, fields: ['status', 'effectiveDate', 'reason'] },
  });

  return (
    <FormDialog
      title="Change status"
      description={`${legalName(client)} has been ${STATUS_LABELS[client.status].toLowerCase()} since ${formatCalendarDate(client.statusDate)}. Every change is kept in the status history.`}
      onClose={onClose}
      draft={draft}
      mutation={change}
      onSubmit={form.handleSubmit(change.submit)}
      submitLabel="Change status"
    >
      <Controller
        control={form.control}
        name="status"
        render={({ field }) => (
          <ChoiceGroupField
            label="New status"
            name={field.name}
            variant="cards"
            options={options}
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            inputRef={field.ref}
            error={errors.status?.message}
            hint={canDischarge ? undefined : 'Only a clinician can discharge a client.'}
          />
        )}
      />
      <div className="form__row form__row--narrow">
        <Field label="Effective date" error={errors.effectiveDate?.message}>
          <TextInput type="date" {...form.register('effectiveDate')} />
        </Field>
      </div>
      <Field
        label="Reason"
        hint="e.g. Moved out of state; treatment goals met."
        error={errors.reason?.message}
      >
        <TextArea {...form.register('reason')} rows={3} data-autofocus />
      </Field>
    </FormDialog>
  );
}
