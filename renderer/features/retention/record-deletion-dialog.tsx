// Records a client's request to delete their record: when it was received and what they asked, in
// their words. What is typed is a draft until it is recorded (`deletion-request:<client id>`).
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { contract, draftKey, todayIso, type ClientRecord } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { useDialogDraft, useSavedDraft, withDraft, type SavedDraft } from '../../lib/use-dialog-draft.ts';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { Field, TextArea, TextInput } from '../../ui/field.tsx';
import { FormDialog } from '../../ui/form-dialog.tsx';
import { retentionChanged } from './retention-queries.ts';

const Input = contract['retention.recordDeletionRequest'].input;
type Parsed = z.output<typeof Input>;
interface Values {
  clientId: string;
  receivedOn: string;
  requestText: string;
}

interface Props {
  client: ClientRecord;
  onClose: () => void;
}

export function RecordDeletionDialog(props: Props) {
  const saved = useSavedDraft(draftKey('deletion-request', props.client.id));
  return saved === undefined ? null : <RecordForm {...props} saved={saved} />;
}

function RecordForm({ client, onClose, saved }: Props & { saved: SavedDraft | null }) {
  const queryClient = useQueryClient();
  const form = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(Input),
    defaultValues: {
      ...withDraft<Values>({ clientId: '', receivedOn: todayIso(), requestText: '' }, saved),
      clientId: client.id,
    },
  });
  const draft = useDialogDraft(form, draftKey('deletion-request', client.id), saved);
  const record = useFormMutation({
    mutationFn: (input: Parsed) => call('retention.recordDeletionRequest', input),
    onSuccess: () => {
      retentionChanged(queryClient);
      void draft.discard().then(onClose);
    },
    form: { setError: form.setError, fields: ['receivedOn', 'requestText'] },
  });
  const { errors } = form.formState;
  return (
    <FormDialog
      title="Record a request to delete"
      description="The practice answers in writing within 60 days (or the shorter state-law deadline in Settings)."
      onClose={onClose}
      size="md"
      draft={draft}
      mutation={record}
      onSubmit={form.handleSubmit(record.submit)}
      problemTitle="The request was not recorded"
      submitLabel="Record request"
    >
      <div className="form__row form__row--narrow">
        <Field label="Received on" error={errors.receivedOn?.message}>
          <TextInput type="date" max={todayIso()} {...form.register('receivedOn')} />
        </Field>
      </div>
      <Field
        label="What the client asked"
        hint="In their words, as written or as said."
        error={errors.requestText?.message}
      >
        <TextArea rows={4} autoFocus {...form.register('requestText')} />
      </Field>
    </FormDialog>
  );
}
