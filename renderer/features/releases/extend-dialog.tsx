// The one extension of an access request (30 days, or state law's shorter one): the reason and the
// date the client was told in writing (164.524(b)(2)(ii)). Main refuses a second extension or one
// given too late, and computes the new date itself.
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { contract, draftKey, todayIso, type ReleaseRecord } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { addDays, formatCalendarDate } from '../../lib/calendar-date.ts';
import { useDialogDraft, useSavedDraft, withDraft, type SavedDraft } from '../../lib/use-dialog-draft.ts';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { Field, TextArea, TextInput } from '../../ui/field.tsx';
import { FormDialog } from '../../ui/form-dialog.tsx';
import { stateLawQuery } from '../settings/state-law-query.ts';
import { releaseChanged } from './release-queries.ts';

const Input = contract['releases.extend'].input;
type Values = { requestId: string; reason: string; notifiedOn: string };

interface ExtendDialogProps {
  record: ReleaseRecord;
  onClose: () => void;
}

/** The reason is a draft until the extension is recorded (`extension:<request id>`). */
export function ExtendDialog(props: ExtendDialogProps) {
  const saved = useSavedDraft(draftKey('extension', props.record.summary.id));
  return saved === undefined ? null : <ExtendForm {...props} saved={saved} />;
}

function ExtendForm({ record, onClose, saved }: ExtendDialogProps & { saved: SavedDraft | null }) {
  const queryClient = useQueryClient();
  const form = useForm<Values, unknown, z.output<typeof Input>>({
    resolver: zodResolver(
      z
        .custom<Values>()
        .transform((v): unknown => v)
        .pipe(Input),
    ),
    defaultValues: {
      ...withDraft<Values>({ requestId: '', reason: '', notifiedOn: todayIso() }, saved),
      requestId: record.summary.id,
    },
  });
  const draft = useDialogDraft(form, draftKey('extension', record.summary.id), saved);
  const extend = useFormMutation({
    mutationFn: (input: z.output<typeof Input>) => call('releases.extend', input),
    onSuccess: (r) => {
      releaseChanged(queryClient, r);
      void draft.discard().then(onClose);
    },
    form: { setError: form.setError, fields: ['reason', 'notifiedOn'] },
  });
  const { errors } = form.formState;
  const days = useQuery(stateLawQuery).data?.deadlines.accessExtensionDays ?? 30;
  const newDue = record.summary.dueOn ? formatCalendarDate(addDays(record.summary.dueOn, days)) : '';
  return (
    <FormDialog
      title={`Extend the due date by ${String(days)} days`}
      description={`The new due date would be ${newDue}. The rule allows this once, with the reason given to the client in writing.`}
      onClose={onClose}
      draft={draft}
      mutation={extend}
      onSubmit={form.handleSubmit(extend.submit)}
      problemTitle="The due date was not extended"
      submitLabel="Extend due date"
    >
      <Field
        label="Reason for the delay"
        hint="As written to the client, e.g. records from the prior clinician are being retrieved from storage."
        error={errors.reason?.message}
      >
        <TextArea rows={3} data-autofocus {...form.register('reason')} />
      </Field>
      <Field label="Date the client was told in writing" error={errors.notifiedOn?.message}>
        <TextInput type="date" {...form.register('notifiedOn')} />
      </Field>
    </FormDialog>
  );
}
