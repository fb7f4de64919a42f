// A denied request without a statement of disagreement goes with later disclosures of the records
// only when the client asks for that (45 CFR 164.526(d)(1)(iii), (d)(5)(ii)): records the client's
// choice and the day they made it.
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { IncludeInput, todayIso, type AmendmentView } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { Field, TextInput } from '../../ui/field.tsx';
import { FormDialog } from '../../ui/form-dialog.tsx';
import { amendmentChanged } from './amendment-queries.ts';

type Values = { askedOn: string };
type Parsed = z.output<typeof IncludeInput>;

export function IncludeDialog({ request, onClose }: { request: AmendmentView; onClose: () => void }) {
  const queryClient = useQueryClient();
  const include = !request.includeIfDenied;
  const form = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(
      z
        .custom<Values>()
        .transform((v): unknown => ({ requestId: request.id, include, askedOn: v.askedOn }))
        .pipe(IncludeInput),
    ),
    defaultValues: { askedOn: todayIso() },
  });
  const save = useFormMutation({
    mutationFn: (input: Parsed) => call('amendments.setInclude', input),
    onSuccess: (v) => {
      amendmentChanged(queryClient, v);
      onClose();
    },
    form: { setError: form.setError, fields: ['askedOn'] },
  });
  return (
    <FormDialog
      title={include ? 'Send the request and denial with disclosures' : 'Stop sending the request and denial'}
      description={
        include
          ? 'The client asks that their request and this denial go with every later disclosure of these records.'
          : 'The client no longer asks for their request and the denial to go with later disclosures.'
      }
      onClose={onClose}
      mutation={save}
      onSubmit={form.handleSubmit(save.submit)}
      problemTitle="Nothing was recorded"
      submitLabel="Record the client’s choice"
    >
      <Field label="Date the client asked" error={form.formState.errors.askedOn?.message}>
        <TextInput type="date" max={todayIso()} data-autofocus {...form.register('askedOn')} />
      </Field>
    </FormDialog>
  );
}
