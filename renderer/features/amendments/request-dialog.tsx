// Records a client's written request to amend their record (45 CFR 164.526(b)): the day it was
// received, the records it names (only the designated record set is offered), the client's words,
// whom they want told if it is accepted, and whether a denial should go with later disclosures.
// Kept as a draft (`amendment-new:<client id>`) until it is recorded.
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus, Trash2 } from 'lucide-react';
import { Controller, useFieldArray, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import {
  CreateAmendmentInput,
  draftKey,
  NOTIFY_MAX,
  REQUEST_TEXT_MAX,
  todayIso,
  type AmendableRecord,
  type ClientRecord,
} from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { addDays, formatCalendarDate } from '../../lib/calendar-date.ts';
import { useDialogDraft, useSavedDraft, withDraft, type SavedDraft } from '../../lib/use-dialog-draft.ts';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { Button } from '../../ui/button.tsx';
import { ChoiceGroupField } from '../../ui/choice-group-field.tsx';
import { CheckboxField, Field, TextArea, TextInput } from '../../ui/field.tsx';
import { FormDialog } from '../../ui/form-dialog.tsx';
import { amendableRecordsQuery, amendmentChanged } from './amendment-queries.ts';

type Values = {
  clientId: string;
  receivedOn: string;
  requestText: string;
  records: string[];
  includeIfDenied: boolean;
  notify: { name: string; address: string }[];
};
type Parsed = z.output<typeof CreateAmendmentInput>;

const refOf = (r: Pick<AmendableRecord, 'itemKind' | 'recordId'>) => `${r.itemKind}:${r.recordId}`;

interface RequestDialogProps {
  client: ClientRecord;
  onClose: () => void;
}

export function RequestDialog(props: RequestDialogProps) {
  const saved = useSavedDraft(draftKey('amendment-new', props.client.id));
  const records = useQuery(amendableRecordsQuery(props.client.id));
  // The form is built from the draft and the records: render nothing until main has answered both.
  if (saved === undefined || !records.data) return null;
  return <RequestForm {...props} saved={saved} records={records.data} />;
}

function RequestForm({
  client,
  onClose,
  saved,
  records,
}: RequestDialogProps & { saved: SavedDraft | null; records: AmendableRecord[] }) {
  const queryClient = useQueryClient();
  const schema = z
    .custom<Values>()
    .transform((v): unknown => ({
      ...v,
      records: v.records.map((key) => {
        const [itemKind, recordId] = key.split(':');
        return { itemKind, recordId };
      }),
      // An empty row is not a person.
      notify: v.notify.filter((n) => n.name.trim() !== '' || n.address.trim() !== ''),
    }))
    .pipe(CreateAmendmentInput);
  const form = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(schema),
    defaultValues: {
      ...withDraft<Values>(
        {
          clientId: '',
          receivedOn: todayIso(),
          requestText: '',
          records: [],
          includeIfDenied: false,
          notify: [],
        },
        saved,
      ),
      clientId: client.id,
    },
  });
  const notify = useFieldArray({ control: form.control, name: 'notify' });
  const draft = useDialogDraft(form, draftKey('amendment-new', client.id), saved);
  const create = useFormMutation({
    mutationFn: (input: Parsed) => call('amendments.create', input),
    onSuccess: (v) => {
      amendmentChanged(queryClient, v);
      void draft.discard().then(onClose);
    },
    form: { setError: form.setError, fields: ['receivedOn', 'requestText', 'records', 'includeIfDenied'] },
  });
  const { errors } = form.formState;
  const receivedOn = useWatch({ control: form.control, name: 'receivedOn' });
  const due = /^\d{4}-\d{2}-\d{2}$/.test(receivedOn) ? formatCalendarDate(addDays(receivedOn, 60)) : null;
  const recordsError = errors.records?.message ?? errors.records?.root?.message;
  return (
    <FormDialog
      title="Record an amendment request"
      description={`${client.legalFirstName} ${client.legalLastName} asks in writing to change their record. The answer is due 60 days after the day it was received${due ? ` (${due})` : ''}, or sooner where the practice set a shorter state deadline.`}
      size="lg"
      onClose={onClose}
      draft={draft}
      mutation={create}
      onSubmit={form.handleSubmit(create.submit)}
      problemTitle="The request was not recorded"
      submitLabel="Record request"
      formClassName="amendment-form"
    >
      <div className="form-row">
        <Field
          label="Date received"
          hint="The day the written request reached the practice."
          error={errors.receivedOn?.message}
        >
          <TextInput type="date" max={todayIso()} data-autofocus {...form.register('receivedOn')} />
        </Field>
      </div>
      <Controller
        control={form.control}
        name="records"
        render={({ field }) => (
          <ChoiceGroupField
            multiple
            variant="checks"
            label="Records the client asks to amend"
            hint="Only records of the designated record set are listed. Psychotherapy notes are kept apart from it and cannot be amended this way."
            hintPlacement="above"
            options={records.map((r) => ({
              value: refOf(r),
              label: r.label,
            }))}
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            inputRef={field.ref}
            error={recordsError}
            optionsClassName="amendment-form__records"
          />
        )}
      />
      <Field
        label="What the client asks to change, in their words"
        hint={`Copy it from the written request (up to ${REQUEST_TEXT_MAX.toLocaleString('en-US')} characters).`}
        error={errors.requestText?.message}
      >
        <TextArea rows={5} {...form.register('requestText')} />
      </Field>
      <fieldset className="amendment-form__people">
        <legend>People the client wants told if the amendment is accepted</legend>
        <p className="field__hint">
          Optional. Anyone the disclosure log shows received these records is proposed as well once the
          request is accepted.
        </p>
        {notify.fields.map((row, i) => (
          <div key={row.id} className="amendment-form__person">
            <Field label="Name" error={errors.notify?.[i]?.name?.message}>
              <TextInput {...form.register(`notify.${i}.name`)} />
            </Field>
            <Field label="Address" optional error={errors.notify?.[i]?.address?.message}>
              <TextInput {...form.register(`notify.${i}.address`)} />
            </Field>
            <Button
              variant="ghost"
              size="sm"
              icon={<Trash2 aria-hidden="true" size={15} />}
              aria-label={`Remove person ${String(i + 1)}`}
              onClick={() => {
                notify.remove(i);
              }}
            />
          </div>
        ))}
        {notify.fields.length < NOTIFY_MAX && (
          <Button
            variant="secondary"
            size="sm"
            icon={<Plus aria-hidden="true" size={15} />}
            onClick={() => {
              notify.append({ name: '', address: '' });
            }}
          >
            Add a person
          </Button>
        )}
      </fieldset>
      <CheckboxField
        label="If the request is denied and the client files no statement of disagreement, send the request and the denial with later disclosures of these records"
        {...form.register('includeIfDenied')}
      />
    </FormDialog>
  );
}
