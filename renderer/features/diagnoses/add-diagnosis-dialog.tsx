// Add a diagnosis: a code from the shipped ICD-10-CM list found by code or words, or a code outside
// it (a Z code for a family circumstance) with its words; onset, status, where it goes on the ranked
// list, and whether it is a Part 2 record. Main applies the code rule and the ranking; the dialog
// mirrors the Z-code-as-primary warning before saving. A draft until saved (`diagnosis-new:<client>`).
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { todayIso, type ClientRecord } from '../../../preload/contract.ts';
import { AddDiagnosisInput } from '../../../preload/contract/diagnoses.ts';
import { draftKey } from '../../../preload/contract/drafts.ts';
import { call } from '../../api.ts';
import { useDialogDraft, useSavedDraft, withDraft, type SavedDraft } from '../../lib/use-dialog-draft.ts';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { Field, Select, TextInput } from '../../ui/field.tsx';
import { FormDialog } from '../../ui/form-dialog.tsx';
import { SwitchField } from '../../ui/switch-field.tsx';
import { CodeCombobox } from './code-combobox.tsx';
import { diagnosesChanged, diagnosesKey } from './diagnosis-queries.ts';

type Parsed = z.output<typeof AddDiagnosisInput>;
interface Values {
  clientId: string;
  /** A code outside the shipped list, typed with its words. */
  outOfList: boolean;
  code: string;
  /** The list's words for a chosen code (shown only; main stores the list's own). */
  listWords: string;
  description: string;
  onsetDate: string;
  status: 'active' | 'in_remission';
  /** '' puts it after the others. */
  rank: string;
  part2: boolean;
}

const toInput = (v: Values): unknown => ({
  clientId: v.clientId,
  code: v.code,
  description: v.outOfList ? v.description : undefined,
  onsetDate: v.onsetDate,
  status: v.status,
  rank: v.rank === '' ? undefined : Number(v.rank),
  part2: v.part2,
});

interface Props {
  client: ClientRecord;
  rankedCount: number;
  onClose: () => void;
}

export function AddDiagnosisDialog(props: Props) {
  const saved = useSavedDraft(draftKey('diagnosis-new', props.client.id));
  return saved === undefined ? null : <AddForm {...props} saved={saved} />;
}

/** Main's Z-code rule, mirrored so the person sees it before saving (main returns it too). */
const zAsPrimary = (code: string, rank: string, rankedCount: number): boolean =>
  code.trim().toUpperCase().startsWith('Z') && (rank === '1' || (rank === '' && rankedCount === 0));

function AddForm({ client, rankedCount, onClose, saved }: Props & { saved: SavedDraft | null }) {
  const queryClient = useQueryClient();
  const comboId = useId();
  const form = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(z.custom<Values>().transform(toInput).pipe(AddDiagnosisInput)),
    defaultValues: {
      ...withDraft<Values>(
        {
          clientId: '',
          outOfList: false,
          code: '',
          listWords: '',
          description: '',
          onsetDate: '',
          status: 'active',
          rank: '',
          part2: false,
        },
        saved,
      ),
      clientId: client.id,
    },
  });
  const draft = useDialogDraft(form, draftKey('diagnosis-new', client.id), saved);
  const add = useFormMutation({
    mutationFn: (input: Parsed) => call('diagnoses.add', input),
    onSuccess: (list) => {
      queryClient.setQueryData(diagnosesKey(client.id), list);
      diagnosesChanged(queryClient, client.id);
      void draft.discard().then(onClose);
    },
    form: {
      setError: form.setError,
      fields: ['code', 'description', 'onsetDate', 'status', 'rank', 'part2'],
    },
  });
  const { errors } = form.formState;
  const [outOfList, code, listWords, rank] = useWatch({
    control: form.control,
    name: ['outOfList', 'code', 'listWords', 'rank'],
  });
  const switchMode = (other: boolean): void => {
    form.setValue('outOfList', other, { shouldDirty: true });
    form.setValue('code', '', { shouldDirty: true });
    form.setValue('listWords', '');
    form.clearErrors(['code', 'description']);
  };
  const positions = Array.from({ length: rankedCount + 1 }, (_, i) => i + 1);
  return (
    <FormDialog
      title="Add a diagnosis"
      description={`${client.legalFirstName} ${client.legalLastName} · ICD-10-CM`}
      onClose={onClose}
      size="md"
      draft={draft}
      mutation={add}
      onSubmit={form.handleSubmit(add.submit)}
      problemTitle="The diagnosis was not added"
      submitLabel="Add diagnosis"
      className="add-diagnosis"
    >
      {!outOfList ? (
        <div className={errors.code ? 'field field--invalid' : 'field'}>
          <label htmlFor={comboId} className="field__label">
            Diagnosis
          </label>
          <CodeCombobox
            id={comboId}
            autoFocus
            value={code && listWords ? { code, description: listWords } : null}
            invalid={Boolean(errors.code)}
            describedBy={errors.code ? `${comboId}-error` : `${comboId}-hint`}
            onChange={(m) => {
              form.setValue('code', m?.code ?? '', { shouldDirty: true });
              form.setValue('listWords', m?.description ?? '', { shouldDirty: true });
              if (m) form.clearErrors('code');
            }}
          />
          {errors.code ? (
            <p id={`${comboId}-error`} className="field__error">
              {errors.code.message}
            </p>
          ) : (
            <p id={`${comboId}-hint`} className="field__hint">
              The FY2024 ICD-10-CM list of mental, behavioral and neurodevelopmental disorders (F01–F99).
              Billable codes only.
            </p>
          )}
          <p className="add-diagnosis__switch">
            <Button
              variant="link"
              size="sm"
              onClick={() => {
                switchMode(true);
              }}
            >
              Enter a code that is not in the list (a Z code, for example)
            </Button>
          </p>
        </div>
      ) : (
        <div className="add-diagnosis__other">
          <Banner tone="info" title="A code outside the shipped list">
            Enter a valid ICD-10-CM code and its description exactly as ICD-10-CM gives it. The diagnosis is
            marked “Not in the shipped list”.
          </Banner>
          <div className="form__row">
            <Field label="ICD-10-CM code" error={errors.code?.message} className="add-diagnosis__code">
              <TextInput
                autoFocus
                autoComplete="off"
                spellCheck={false}
                placeholder="Z63.0"
                {...form.register('code')}
              />
            </Field>
            <Field label="Description" error={errors.description?.message}>
              <TextInput
                autoComplete="off"
                placeholder="Problems in relationship with spouse or partner"
                {...form.register('description')}
              />
            </Field>
          </div>
          <p className="add-diagnosis__switch">
            <Button
              variant="link"
              size="sm"
              onClick={() => {
                switchMode(false);
              }}
            >
              Search the shipped list instead
            </Button>
          </p>
        </div>
      )}
      <div className="form__row">
        <Field label="Position" error={errors.rank?.message} hint="1 is the primary diagnosis.">
          <Select {...form.register('rank')}>
            <option value="">
              {rankedCount === 0 ? '1 (primary)' : `${String(rankedCount + 1)} (last)`}
            </option>
            {positions.slice(0, rankedCount).map((n) => (
              <option key={n} value={String(n)}>
                {n === 1 ? '1 (primary)' : String(n)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Status" error={errors.status?.message}>
          <Select {...form.register('status')}>
            <option value="active">Active</option>
            <option value="in_remission">In remission</option>
          </Select>
        </Field>
        <Field label="Onset date" optional error={errors.onsetDate?.message}>
          <TextInput type="date" max={todayIso()} {...form.register('onsetDate')} />
        </Field>
      </div>
      {zAsPrimary(code, rank, rankedCount) && (
        <Banner tone="warning" title="A Z code as the primary diagnosis">
          Payers commonly do not accept a Z code as establishing medical necessity. You can still record it;
          consider listing a diagnosis first.
        </Banner>
      )}
      <SwitchField
        label="Part 2 record"
        description="Substance-use information of the practice’s 42 CFR Part 2 program: shown only to the client’s care team, and released only with a Part 2 consent."
        {...form.register('part2')}
      />
    </FormDialog>
  );
}
