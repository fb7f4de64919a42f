// Records a health oversight agency's or law enforcement official's statement that an accounting
// would impede its activities (45 CFR 164.528(a)(2)): written, for the period it specifies; or
// oral, documented with the agency and the official, for 30 days unless a written statement
// follows within them. The recipient is picked from the client's disclosure log, so the match is exact.
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { contract, draftKey, todayIso, type ClientRecord } from '../../../preload/contract.ts';
import type { SuspensionRecord } from '../../../preload/contract/suspensions.ts';
import { call } from '../../api.ts';
import { formatCalendarDate } from '../../lib/calendar-date.ts';
import { useDialogDraft, useSavedDraft, withDraft, type SavedDraft } from '../../lib/use-dialog-draft.ts';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { ChoiceGroupField } from '../../ui/choice-group-field.tsx';
import { Field, Select, TextArea, TextInput } from '../../ui/field.tsx';
import { FormDialog } from '../../ui/form-dialog.tsx';
import { suspensionsChanged } from './suspension-queries.ts';

const Input = contract['suspensions.record'].input;
interface Values {
  clientId: string;
  recipientName: string;
  kind: 'written' | 'oral';
  agency: string;
  official: string;
  statedOn: string;
  until: string;
  followsId: string;
  note: string;
}
const FIELDS = [
  'recipientName',
  'kind',
  'agency',
  'official',
  'statedOn',
  'until',
  'followsId',
  'note',
] as const;

interface Props {
  client: ClientRecord;
  recipients: readonly string[];
  suspensions: readonly SuspensionRecord[];
  onClose: () => void;
}

/** What is typed is a draft until the statement is recorded (`suspension:<client id>`). */
export function SuspensionDialog(props: Props) {
  const saved = useSavedDraft(draftKey('suspension', props.client.id));
  return saved === undefined ? null : <SuspensionForm {...props} saved={saved} />;
}

function SuspensionForm({
  client,
  recipients,
  suspensions,
  onClose,
  saved,
}: Props & { saved: SavedDraft | null }) {
  const queryClient = useQueryClient();
  const form = useForm<Values, unknown, z.output<typeof Input>>({
    resolver: zodResolver(
      z
        .custom<Values>()
        .transform((v): unknown => ({
          ...v,
          until: v.kind === 'written' && v.until ? v.until : undefined,
          followsId: v.kind === 'written' && v.followsId ? v.followsId : undefined,
        }))
        .pipe(Input),
    ),
    defaultValues: {
      ...withDraft<Values>(
        {
          clientId: client.id,
          recipientName: '',
          kind: 'written',
          agency: '',
          official: '',
          statedOn: todayIso(),
          until: '',
          followsId: '',
          note: '',
        },
        saved,
      ),
      clientId: client.id,
    },
  });
  const draft = useDialogDraft(form, draftKey('suspension', client.id), saved);
  const record = useFormMutation({
    mutationFn: (input: z.output<typeof Input>) => call('suspensions.record', input),
    onSuccess: () => {
      suspensionsChanged(queryClient, client.id);
      void draft.discard().then(onClose);
    },
    form: { setError: form.setError, fields: FIELDS },
  });
  const { errors } = form.formState;
  const kind = useWatch({ control: form.control, name: 'kind' });
  const recipient = useWatch({ control: form.control, name: 'recipientName' });
  // A written statement continues an oral one from the same recipient that is still in force.
  const orals = suspensions.filter(
    (s) => s.kind === 'oral' && s.inForce && s.followedBy === null && s.recipientName === recipient,
  );
  return (
    <FormDialog
      title="Record a suspension"
      description={`A health oversight agency or law enforcement official stated that giving ${client.legalFirstName} ${client.legalLastName} an accounting would impede its activities. While it is in force, the accounting leaves out disclosures to that recipient only.`}
      onClose={onClose}
      size="md"
      draft={draft}
      mutation={record}
      onSubmit={form.handleSubmit(record.submit)}
      problemTitle="The statement was not recorded"
      submitLabel="Record statement"
    >
      <Field
        label="Recipient in the disclosure log"
        hint="Only disclosures to exactly this recipient are left out."
        error={errors.recipientName?.message}
      >
        <Select autoFocus {...form.register('recipientName')}>
          <option value="">Choose…</option>
          {recipients.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </Select>
      </Field>
      <Controller
        control={form.control}
        name="kind"
        render={({ field }) => (
          <ChoiceGroupField
            label="The statement was"
            name={field.name}
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            inputRef={field.ref}
            error={errors.kind?.message}
            options={[
              { value: 'written', label: 'Written' },
              { value: 'oral', label: 'Oral (30 days at most)' },
            ]}
          />
        )}
      />
      <div className="form__row">
        <Field label="Agency" error={errors.agency?.message}>
          <TextInput autoComplete="off" {...form.register('agency')} />
        </Field>
        <Field label="Official (name and title)" error={errors.official?.message}>
          <TextInput autoComplete="off" {...form.register('official')} />
        </Field>
      </div>
      <div className="form__row form__row--narrow">
        <Field label="Date of the statement" error={errors.statedOn?.message}>
          <TextInput type="date" max={todayIso()} {...form.register('statedOn')} />
        </Field>
        {kind === 'written' && (
          <Field
            label="Suspended through"
            hint="The last day of the period the statement specifies."
            error={errors.until?.message}
          >
            <TextInput type="date" {...form.register('until')} />
          </Field>
        )}
      </div>
      {kind === 'oral' && (
        <p className="muted">
          An oral statement suspends the accounting for 30 days from its date, unless the agency or official
          gives a written statement within them.
        </p>
      )}
      {kind === 'written' && orals.length > 0 && (
        <Field
          label="Follows an oral statement"
          optional
          hint="A written statement made within the oral one’s 30 days continues it; its own period then applies."
          error={errors.followsId?.message}
        >
          <Select {...form.register('followsId')}>
            <option value="">No</option>
            {orals.map((s) => (
              <option key={s.id} value={s.id}>
                Oral statement of {formatCalendarDate(s.statedOn)} ({s.official})
              </option>
            ))}
          </Select>
        </Field>
      )}
      <Field label="Note" optional error={errors.note?.message}>
        <TextArea rows={2} {...form.register('note')} />
      </Field>
    </FormDialog>
  );
}
