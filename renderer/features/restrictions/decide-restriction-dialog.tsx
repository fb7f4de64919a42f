// Agree to, or decline, a restriction request (45 CFR 164.522(a)(1)). A self-pay restriction cannot
// be declined (164.522(a)(1)(vi)): the choice is not offered and main refuses it anyway. The reason
// is a draft until the decision is recorded (`restriction-decision:<restriction id>`).
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { contract, draftKey, todayIso, type Restriction } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { useDialogDraft, useSavedDraft, withDraft, type SavedDraft } from '../../lib/use-dialog-draft.ts';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { ChoiceGroupField } from '../../ui/choice-group-field.tsx';
import { Field, TextArea, TextInput } from '../../ui/field.tsx';
import { FormDialog } from '../../ui/form-dialog.tsx';
import { restrictionsChanged } from './restriction-queries.ts';

const Input = contract['restrictions.decide'].input;
type Parsed = z.output<typeof Input>;
interface Values {
  restrictionId: string;
  decision: 'agree' | 'decline';
  decidedOn: string;
  reason: string;
}

interface Props {
  restriction: Restriction;
  onClose: () => void;
}

export function DecideRestrictionDialog(props: Props) {
  const saved = useSavedDraft(draftKey('restriction-decision', props.restriction.id));
  return saved === undefined ? null : <DecideForm {...props} saved={saved} />;
}

function DecideForm({ restriction, onClose, saved }: Props & { saved: SavedDraft | null }) {
  const queryClient = useQueryClient();
  const form = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(
      z
        .custom<Values>()
        .transform((v): unknown => ({ ...v, reason: v.reason || undefined }))
        .pipe(Input),
    ),
    defaultValues: {
      ...withDraft<Values>(
        { restrictionId: '', decision: 'agree', decidedOn: todayIso(), reason: '' },
        saved,
      ),
      restrictionId: restriction.id,
      // 164.522(a)(1)(vi): never a draft that declines a self-pay restriction.
      ...(restriction.selfPay ? { decision: 'agree' as const } : {}),
    },
  });
  const draft = useDialogDraft(form, draftKey('restriction-decision', restriction.id), saved);
  const decide = useFormMutation({
    mutationFn: (input: Parsed) => call('restrictions.decide', input),
    onSuccess: () => {
      restrictionsChanged(queryClient, restriction.clientId);
      void draft.discard().then(onClose);
    },
    form: { setError: form.setError, fields: ['decision', 'decidedOn', 'reason'] },
  });
  const { errors } = form.formState;
  const decision = useWatch({ control: form.control, name: 'decision' });
  return (
    <FormDialog
      title="Decide on the restriction request"
      description={restriction.summary}
      onClose={onClose}
      size="md"
      draft={draft}
      mutation={decide}
      onSubmit={form.handleSubmit(decide.submit)}
      problemTitle="The decision was not recorded"
      submitLabel={decision === 'decline' ? 'Decline request' : 'Agree to restriction'}
      submitVariant={decision === 'decline' ? 'danger' : 'primary'}
    >
      <Controller
        control={form.control}
        name="decision"
        render={({ field }) => (
          <ChoiceGroupField
            label="The practice"
            variant="cards"
            autoFocus
            name={field.name}
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            inputRef={field.ref}
            error={errors.decision?.message}
            options={[
              {
                value: 'agree',
                label: 'Agrees',
                description: 'Releases to this recipient or for this purpose leave these records out.',
              },
              {
                value: 'decline',
                label: 'Declines',
                description: restriction.selfPay
                  ? 'Not possible: the client paid in full out of pocket, and the practice must agree (45 CFR 164.522(a)(1)(vi)).'
                  : 'The practice is not bound; tell the client why.',
                disabled: restriction.selfPay,
              },
            ]}
          />
        )}
      />
      <div className="form__row form__row--narrow">
        <Field label="Date of the decision" error={errors.decidedOn?.message}>
          <TextInput type="date" max={todayIso()} {...form.register('decidedOn')} />
        </Field>
      </div>
      <Field
        label="Reason"
        optional={decision === 'agree'}
        hint={decision === 'decline' ? 'The reason the client is given.' : undefined}
        error={errors.reason?.message}
      >
        <TextArea rows={3} {...form.register('reason')} />
      </Field>
    </FormDialog>
  );
}
