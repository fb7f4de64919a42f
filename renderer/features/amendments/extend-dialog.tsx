// The one extension of an amendment request (45 CFR 164.526(b)(2)(ii)): the reason and the day the
// client was told in writing, within the first 60 days. Main refuses a second one or a late one.
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { ExtendAmendmentInput, todayIso, type AmendmentView } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { formatCalendarDate } from '../../lib/calendar-date.ts';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { Field, TextArea, TextInput } from '../../ui/field.tsx';
import { FormDialog } from '../../ui/form-dialog.tsx';
import { amendmentChanged } from './amendment-queries.ts';
import { stateLawQuery } from '../settings/state-law-query.ts';

type Values = { requestId: string; reason: string; notifiedOn: string };
type Parsed = z.output<typeof ExtendAmendmentInput>;

export function ExtendDialog({ request, onClose }: { request: AmendmentView; onClose: () => void }) {
  const queryClient = useQueryClient();
  const form = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(
      z
        .custom<Values>()
        .transform((v): unknown => v)
        .pipe(ExtendAmendmentInput),
    ),
    defaultValues: { requestId: request.id, reason: '', notifiedOn: todayIso() },
  });
  const extend = useFormMutation({
    mutationFn: (input: Parsed) => call('amendments.extend', input),
    onSuccess: (v) => {
      amendmentChanged(queryClient, v);
      onClose();
    },
    form: { setError: form.setError, fields: ['reason', 'notifiedOn'] },
  });
  const { errors } = form.formState;
  const extensionDays = useQuery(stateLawQuery).data?.deadlines.amendmentExtensionDays ?? 30;
  return (
    <FormDialog
      title="Extend the due date"
      description={`Due ${formatCalendarDate(request.dueOn)}. The rule allows one extension of up to ${String(extensionDays)} days, when the client is told in writing, before that date, why and by when.`}
      onClose={onClose}
      mutation={extend}
      onSubmit={form.handleSubmit(extend.submit)}
      problemTitle="The due date was not extended"
      submitLabel="Extend due date"
    >
      <Field
        label="Reason for the delay"
        hint="As written to the client, e.g. the author of the note is on leave until next month."
        error={errors.reason?.message}
      >
        <TextArea rows={3} data-autofocus {...form.register('reason')} />
      </Field>
      <Field label="Date the client was told in writing" error={errors.notifiedOn?.message}>
        <TextInput type="date" max={todayIso()} {...form.register('notifiedOn')} />
      </Field>
    </FormDialog>
  );
}
