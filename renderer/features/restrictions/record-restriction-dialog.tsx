// Records a client's request to restrict disclosures (45 CFR 164.522(a)): which records (kinds,
// dates of service, named notes), to whom, for what; or a self-pay restriction, which names the
// dates of the care paid in full out of pocket and is always to health plans, for payment and
// operations. What is typed is a draft until it is recorded (`restriction:<client id>`).
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import {
  contract,
  draftKey,
  RECORD_TYPE_LABELS,
  RESTRICTED_PURPOSE_LABELS,
  todayIso,
  type ClientRecord,
  type RecordType,
  type RestrictedPurpose,
} from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { formatCalendarDate } from '../../lib/calendar-date.ts';
import { useDialogDraft, useSavedDraft, withDraft, type SavedDraft } from '../../lib/use-dialog-draft.ts';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { ChoiceGroupField } from '../../ui/choice-group-field.tsx';
import { CheckboxField, Field, TextArea, TextInput } from '../../ui/field.tsx';
import { FormDialog } from '../../ui/form-dialog.tsx';
import { restrictionsChanged } from './restriction-queries.ts';

const Input = contract['restrictions.record'].input;
type Parsed = z.output<typeof Input>;

interface Values {
  clientId: string;
  receivedOn: string;
  request: string;
  selfPay: boolean;
  recordTypes: RecordType[];
  from: string;
  to: string;
  noteIds: string[];
  recipientKind: 'anyone' | 'health_plan' | 'named';
  recipientName: string;
  purposes: RestrictedPurpose[];
}

const FIELDS = [
  'receivedOn',
  'request',
  'selfPay',
  'recordTypes',
  'from',
  'to',
  'noteIds',
  'recipientName',
  'purposes',
] as const;
/** Main's paths (scope.from, recipient.name) onto this form's fields. */
const fromMain = (path: string): (typeof FIELDS)[number] | null => {
  const field = path.replace(/^scope\./, '').replace(/^recipient(\.name)?$/, 'recipientName');
  return (FIELDS as readonly string[]).includes(field) ? (field as (typeof FIELDS)[number]) : null;
};
const KINDS = (Object.keys(RECORD_TYPE_LABELS) as RecordType[]).filter((t) => t !== 'addenda');

/** The form's values as the contract's input: a self-pay request is always to health plans, for payment and operations. */
function toInput(v: Values): unknown {
  const recipient =
    v.selfPay || v.recipientKind === 'health_plan'
      ? { kind: 'health_plan', name: v.selfPay ? undefined : v.recipientName }
      : v.recipientKind === 'named'
        ? { kind: 'named', name: v.recipientName }
        : { kind: 'anyone' };
  return {
    clientId: v.clientId,
    receivedOn: v.receivedOn,
    request: v.request,
    selfPay: v.selfPay,
    scope: {
      recordTypes: v.recordTypes,
      from: v.from || undefined,
      to: v.to || undefined,
      noteIds: v.noteIds,
    },
    recipient,
    purposes: v.selfPay ? ['payment', 'operations'] : v.purposes,
  };
}

interface Props {
  client: ClientRecord;
  /** The person may name notes (clinical access); front desk chooses kinds and dates. */
  mayNameNotes: boolean;
  onClose: () => void;
}

export function RecordRestrictionDialog(props: Props) {
  const saved = useSavedDraft(draftKey('restriction', props.client.id));
  return saved === undefined ? null : <RecordForm {...props} saved={saved} />;
}

function RecordForm({ client, mayNameNotes, onClose, saved }: Props & { saved: SavedDraft | null }) {
  const queryClient = useQueryClient();
  const form = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(z.custom<Values>().transform(toInput).pipe(Input)),
    defaultValues: {
      ...withDraft<Values>(
        {
          clientId: client.id,
          receivedOn: todayIso(),
          request: '',
          selfPay: false,
          recordTypes: [],
          from: '',
          to: '',
          noteIds: [],
          recipientKind: 'health_plan',
          recipientName: '',
          purposes: [],
        },
        saved,
      ),
      clientId: client.id,
    },
  });
  const draft = useDialogDraft(form, draftKey('restriction', client.id), saved);
  const record = useFormMutation({
    mutationFn: (input: Parsed) => call('restrictions.record', input),
    onSuccess: () => {
      restrictionsChanged(queryClient, client.id);
      void draft.discard().then(onClose);
    },
    form: { setError: form.setError, fields: FIELDS, mapPath: fromMain },
  });
  const notes = useQuery({
    queryKey: ['restrictions', client.id, 'notes'],
    queryFn: () => call('notes.timeline', { clientId: client.id }),
    enabled: mayNameNotes,
  });
  const signed = (notes.data ?? []).flatMap((e) => (e.type === 'note' && e.status === 'signed' ? [e] : []));
  const { errors } = form.formState;
  // The contract's paths (scope.from, recipient.name): the form's values are shaped otherwise.
  const nested = errors as {
    scope?: Record<string, { message?: string } | undefined>;
    recipient?: { message?: string; name?: { message?: string } };
  };
  const scopeErrors = nested.scope;
  const recipientError = nested.recipient?.name?.message ?? nested.recipient?.message;
  const selfPay = useWatch({ control: form.control, name: 'selfPay' });
  const recipientKind = useWatch({ control: form.control, name: 'recipientKind' });
  return (
    <FormDialog
      title="Record a restriction request"
      description={`${client.legalFirstName} ${client.legalLastName} asks the practice not to disclose some records. Record what was asked; the primary clinician or the owner then agrees or declines.`}
      onClose={onClose}
      size="lg"
      draft={draft}
      mutation={record}
      onSubmit={form.handleSubmit(record.submit)}
      problemTitle="The request was not recorded"
      submitLabel="Record request"
    >
      <div className="form__row form__row--narrow">
        <Field label="Date received" error={errors.receivedOn?.message}>
          <TextInput type="date" max={todayIso()} autoFocus {...form.register('receivedOn')} />
        </Field>
      </div>
      <Field
        label="The client’s request"
        hint="In the client’s words: what they asked, and whether in writing or orally."
        error={errors.request?.message}
      >
        <TextArea rows={3} {...form.register('request')} />
      </Field>
      <CheckboxField
        label="The client paid in full out of pocket for this care and asks that it not go to their health plan"
        error={errors.selfPay?.message}
        {...form.register('selfPay')}
      />
      {selfPay && (
        <p className="restriction-rule">
          The practice must agree: a self-pay restriction keeps these records from health plans for payment
          and health care operations, and only the client can end it (45 CFR 164.522(a)(1)(vi)).
        </p>
      )}
      <fieldset className="restriction-form__group">
        <legend className="restriction-form__legend">Which records</legend>
        <Controller
          control={form.control}
          name="recordTypes"
          render={({ field }) => (
            <ChoiceGroupField
              multiple
              variant="checks"
              label="Kinds of record"
              hint="None ticked: every kind. Addenda go with their notes."
              name={field.name}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              inputRef={field.ref}
              optionsClassName="restriction-form__kinds"
              options={KINDS.map((t) => ({ value: t, label: RECORD_TYPE_LABELS[t] }))}
            />
          )}
        />
        <div className="form__row form__row--narrow">
          <Field
            label={selfPay ? 'Care paid for from' : 'Service dates from'}
            optional={!selfPay}
            error={scopeErrors?.from?.message}
          >
            <TextInput type="date" {...form.register('from')} />
          </Field>
          <Field label="Through" optional={!selfPay} error={scopeErrors?.to?.message}>
            <TextInput type="date" {...form.register('to')} />
          </Field>
        </div>
        {mayNameNotes && signed.length > 0 && (
          <Controller
            control={form.control}
            name="noteIds"
            render={({ field }) => (
              <ChoiceGroupField
                multiple
                variant="checks"
                label="Only these notes"
                hint="None ticked: every note of the kinds and dates above."
                name={field.name}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                inputRef={field.ref}
                error={scopeErrors?.noteIds?.message}
                optionsClassName="restriction-form__notes"
                options={signed.map((n) => ({
                  value: n.noteId,
                  label: `${n.kind === 'psychotherapy' ? 'Psychotherapy note' : 'Progress note'} of ${formatCalendarDate(n.date)}`,
                }))}
              />
            )}
          />
        )}
      </fieldset>
      {!selfPay && (
        <fieldset className="restriction-form__group">
          <legend className="restriction-form__legend">Not to whom, for what</legend>
          <Controller
            control={form.control}
            name="recipientKind"
            render={({ field }) => (
              <ChoiceGroupField
                label="Recipient"
                variant="segmented"
                name={field.name}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                inputRef={field.ref}
                error={errors.recipientKind?.message}
                options={[
                  { value: 'health_plan', label: 'Health plans' },
                  { value: 'named', label: 'A named recipient' },
                  { value: 'anyone', label: 'Anyone' },
                ]}
              />
            )}
          />
          {recipientKind !== 'anyone' && (
            <Field
              label={recipientKind === 'named' ? 'Recipient’s name' : 'Health plan’s name'}
              optional={recipientKind === 'health_plan'}
              hint={
                recipientKind === 'health_plan'
                  ? 'Blank: every health plan. A release matches when its request says the recipient is a health plan.'
                  : 'A release matches when its recipient has this name.'
              }
              error={recipientError}
            >
              <TextInput autoComplete="off" {...form.register('recipientName')} />
            </Field>
          )}
          <Controller
            control={form.control}
            name="purposes"
            render={({ field }) => (
              <ChoiceGroupField
                multiple
                variant="checks"
                label="Purposes"
                hint="None ticked: every purpose."
                name={field.name}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                inputRef={field.ref}
                error={errors.purposes?.message}
                optionsClassName="restriction-form__kinds"
                options={(Object.keys(RESTRICTED_PURPOSE_LABELS) as RestrictedPurpose[]).map((x) => ({
                  value: x,
                  label:
                    RESTRICTED_PURPOSE_LABELS[x].charAt(0).toUpperCase() +
                    RESTRICTED_PURPOSE_LABELS[x].slice(1),
                }))}
              />
            )}
          />
        </fieldset>
      )}
    </FormDialog>
  );
}
