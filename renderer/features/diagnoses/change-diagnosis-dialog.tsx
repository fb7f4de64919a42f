// Change a diagnosis's status or onset date, with an optional reason. A new version is recorded and
// the earlier ones stay in its history; resolved and entered in error take it off the ranked list
// (the others close up). A draft until saved (`diagnosis-change:<diagnosis id>`).
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { todayIso } from '../../../preload/contract.ts';
import {
  ChangeDiagnosisInput,
  type Diagnosis,
  type DiagnosisStatus,
} from '../../../preload/contract/diagnoses.ts';
import { draftKey } from '../../../preload/contract/drafts.ts';
import { call } from '../../api.ts';
import { useDialogDraft, useSavedDraft, withDraft, type SavedDraft } from '../../lib/use-dialog-draft.ts';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { ChoiceGroupField } from '../../ui/choice-group-field.tsx';
import { Field, TextArea, TextInput } from '../../ui/field.tsx';
import { FormDialog } from '../../ui/form-dialog.tsx';
import { diagnosesChanged, diagnosesKey } from './diagnosis-queries.ts';

type Parsed = z.output<typeof ChangeDiagnosisInput>;
interface Values {
  diagnosisId: string;
  /** Kept with the draft so that the chart's destruction finds and removes it. */
  clientId: string;
  status: DiagnosisStatus;
  onsetDate: string;
  reason: string;
}

const toInput = (v: Values): unknown => ({
  diagnosisId: v.diagnosisId,
  status: v.status,
  onsetDate: v.onsetDate === '' ? null : v.onsetDate,
  reason: v.reason === '' ? undefined : v.reason,
});

interface Props {
  diagnosis: Diagnosis;
  onClose: () => void;
}

export function ChangeDiagnosisDialog(props: Props) {
  const saved = useSavedDraft(draftKey('diagnosis-change', props.diagnosis.id));
  return saved === undefined ? null : <ChangeForm {...props} saved={saved} />;
}

function ChangeForm({ diagnosis: d, onClose, saved }: Props & { saved: SavedDraft | null }) {
  const queryClient = useQueryClient();
  const form = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(z.custom<Values>().transform(toInput).pipe(ChangeDiagnosisInput)),
    defaultValues: {
      ...withDraft<Values>(
        {
          diagnosisId: '',
          clientId: '',
          status: d.current.status,
          onsetDate: d.current.onsetDate ?? '',
          reason: '',
        },
        saved,
      ),
      diagnosisId: d.id,
      clientId: d.clientId,
    },
  });
  const draft = useDialogDraft(form, draftKey('diagnosis-change', d.id), saved);
  const change = useFormMutation({
    mutationFn: (input: Parsed) => call('diagnoses.change', input),
    onSuccess: (list) => {
      queryClient.setQueryData(diagnosesKey(d.clientId), list);
      diagnosesChanged(queryClient, d.clientId);
      void draft.discard().then(onClose);
    },
    form: { setError: form.setError, fields: ['status', 'onsetDate', 'reason'] },
  });
  const { errors } = form.formState;
  const status = useWatch({ control: form.control, name: 'status' });
  const leaves = d.current.rank !== null && (status === 'resolved' || status === 'entered_in_error');
  return (
    <FormDialog
      title={`Change ${d.code}`}
      description={d.description}
      onClose={onClose}
      size="md"
      draft={draft}
      mutation={change}
      onSubmit={form.handleSubmit(change.submit)}
      problemTitle="The change was not saved"
      submitLabel="Save change"
      submitVariant={status === 'entered_in_error' ? 'danger' : 'primary'}
    >
      <Controller
        control={form.control}
        name="status"
        render={({ field }) => (
          <ChoiceGroupField
            label="Status"
            variant="list"
            autoFocus
            name={field.name}
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            inputRef={field.ref}
            error={errors.status?.message}
            options={[
              { value: 'active', label: 'Active' },
              { value: 'in_remission', label: 'In remission' },
              {
                value: 'resolved',
                label: 'Resolved',
                description: 'Leaves the ranked list; the history stays.',
              },
              {
                value: 'entered_in_error',
                label: 'Entered in error',
                description: 'Recorded by mistake. Final: the diagnosis stays in the history as it was.',
              },
            ]}
          />
        )}
      />
      {leaves && (
        <p className="field__hint">
          {d.code} leaves the ranked list; the diagnoses after it move up one place.
        </p>
      )}
      <div className="form__row form__row--narrow">
        <Field label="Onset date" optional error={errors.onsetDate?.message}>
          <TextInput type="date" max={todayIso()} {...form.register('onsetDate')} />
        </Field>
      </div>
      <Field label="Reason" optional hint="Kept in the diagnosis's history." error={errors.reason?.message}>
        <TextArea rows={3} {...form.register('reason')} />
      </Field>
    </FormDialog>
  );
}
