// Ends an agreed restriction (45 CFR 164.522(a)(2)): the client asks in writing, or agrees orally
// and it is documented here; or the practice ends it and informs the client, which frees only
// records created from then on and is never possible for a self-pay restriction. The documentation
// is a draft until the end is recorded (`restriction-end:<restriction id>`).
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { Controller, useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import {
  contract,
  draftKey,
  TERMINATION_LABELS,
  todayIso,
  type Restriction,
  type TerminationHow,
} from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { useDialogDraft, useSavedDraft, withDraft, type SavedDraft } from '../../lib/use-dialog-draft.ts';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { ChoiceGroupField } from '../../ui/choice-group-field.tsx';
import { Field, TextArea, TextInput } from '../../ui/field.tsx';
import { FormDialog } from '../../ui/form-dialog.tsx';
import { restrictionsChanged } from './restriction-queries.ts';

const Input = contract['restrictions.terminate'].input;
type Parsed = z.output<typeof Input>;
interface Values {
  restrictionId: string;
  how: TerminationHow;
  on: string;
  note: string;
}

const HINTS: Record<TerminationHow, string> = {
  client_written: 'Releases are no longer limited by it, for any record.',
  client_oral: 'Document the conversation: when, with whom, what the client said.',
  practice_notice:
    'Only records created from this date on are freed; earlier records stay restricted (45 CFR 164.522(a)(2)(iii)). Say how the client was informed.',
};

interface Props {
  restriction: Restriction;
  onClose: () => void;
}

export function EndRestrictionDialog(props: Props) {
  const saved = useSavedDraft(draftKey('restriction-end', props.restriction.id));
  return saved === undefined ? null : <EndForm {...props} saved={saved} />;
}

function EndForm({ restriction, onClose, saved }: Props & { saved: SavedDraft | null }) {
  const queryClient = useQueryClient();
  const form = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(Input),
    defaultValues: {
      ...withDraft<Values>({ restrictionId: '', how: 'client_written', on: todayIso(), note: '' }, saved),
      restrictionId: restriction.id,
    },
  });
  const draft = useDialogDraft(form, draftKey('restriction-end', restriction.id), saved);
  const end = useFormMutation({
    mutationFn: (input: Parsed) => call('restrictions.terminate', input),
    onSuccess: () => {
      restrictionsChanged(queryClient, restriction.clientId);
      void draft.discard().then(onClose);
    },
    form: { setError: form.setError, fields: ['how', 'on', 'note'] },
  });
  const { errors } = form.formState;
  const how = useWatch({ control: form.control, name: 'how' });
  return (
    <FormDialog
      title="End the restriction"
      description={restriction.summary}
      onClose={onClose}
      size="md"
      draft={draft}
      mutation={end}
      onSubmit={form.handleSubmit(end.submit)}
      problemTitle="The end of the restriction was not recorded"
      submitLabel="End restriction"
      submitVariant="danger"
    >
      <Controller
        control={form.control}
        name="how"
        render={({ field }) => (
          <ChoiceGroupField
            label="How it ends"
            variant="list"
            autoFocus
            name={field.name}
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            inputRef={field.ref}
            error={errors.how?.message}
            options={(Object.keys(TERMINATION_LABELS) as TerminationHow[]).map((h) => ({
              value: h,
              label: TERMINATION_LABELS[h],
              description:
                h === 'practice_notice' && restriction.selfPay
                  ? 'Not possible: only the client can end a self-pay restriction (45 CFR 164.522(a)(2)(iii)).'
                  : undefined,
              disabled: h === 'practice_notice' && restriction.selfPay,
            }))}
          />
        )}
      />
      <div className="form__row form__row--narrow">
        <Field label="Ends on" error={errors.on?.message}>
          <TextInput type="date" max={todayIso()} {...form.register('on')} />
        </Field>
      </div>
      <Field label="Documentation" hint={HINTS[how]} error={errors.note?.message}>
        <TextArea rows={3} {...form.register('note')} />
      </Field>
    </FormDialog>
  );
}
