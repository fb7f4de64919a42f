// Administer a PHQ-9 or GAD-7: each item answered 0–3 with the standard wording, the date given,
// intake or follow-up, and the optional difficulty question. The total and severity band show as
// the answers go in (the contract's score(), the same one main stores), and a PHQ-9 item 9 above
// 0 raises a follow-up flag at once.
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { TriangleAlert } from 'lucide-react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import {
  ANSWER_LABELS,
  DIFFICULTY_LABELS,
  draftKey,
  INSTRUMENTS,
  ScreeningInput,
  SEVERITY_LABELS,
  score,
  todayIso,
  type Instrument,
  type ScreeningRecord,
} from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { useDialogDraft, useSavedDraft, withDraft, type SavedDraft } from '../../lib/use-dialog-draft.ts';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { Badge } from '../../ui/badge.tsx';
import { ChoiceGroupField, type ChoiceOption } from '../../ui/choice-group-field.tsx';
import { Field, TextInput } from '../../ui/field.tsx';
import { FormDialog } from '../../ui/form-dialog.tsx';
import { screeningsKey, SEVERITY_TONES } from './screening-queries.ts';

type Context = 'intake' | 'follow_up';

interface Values {
  administeredOn: string;
  context: Context;
  /** -1 until answered. */
  items: number[];
  /** -1: not asked. */
  difficulty: number;
}

const ANSWERS: ChoiceOption<number>[] = ANSWER_LABELS.map((label, value) => ({
  value,
  label,
  description: String(value),
}));

const DIFFICULTY: ChoiceOption<number>[] = [
  { value: -1, label: 'Not asked' },
  ...DIFFICULTY_LABELS.map((label, value) => ({ value, label })),
];

const CONTEXTS: ChoiceOption<Context>[] = [
  { value: 'intake', label: 'Intake' },
  { value: 'follow_up', label: 'Follow-up' },
];

const STEM: Record<Instrument, string> = {
  phq9: 'Over the last 2 weeks, how often has the client been bothered by any of the following problems?',
  gad7: 'Over the last 2 weeks, how often has the client been bothered by the following problems?',
};

export interface AdministerDialogProps {
  clientId: string;
  instrument: Instrument;
  /** Intake when this is the first of its kind on the chart. */
  firstOfKind: boolean;
  onClose: () => void;
  onSaved: (record: ScreeningRecord) => void;
}

/** The answers are a draft until the screening is saved (`phq9:<client id>`, `gad7:<client id>`). */
export function AdministerDialog(props: AdministerDialogProps) {
  const saved = useSavedDraft(draftKey(props.instrument, props.clientId));
  return saved === undefined ? null : <AdministerForm {...props} saved={saved} />;
}

function AdministerForm({
  clientId,
  instrument,
  firstOfKind,
  onClose,
  onSaved,
  saved,
}: AdministerDialogProps & { saved: SavedDraft | null }) {
  const queryClient = useQueryClient();
  const def = INSTRUMENTS[instrument];
  const schema = z
    .custom<Values>()
    .transform((v): unknown => ({
      clientId,
      instrument,
      administeredOn: v.administeredOn,
      items: v.items,
      difficulty: v.difficulty < 0 ? undefined : v.difficulty,
      context: v.context,
    }))
    .pipe(ScreeningInput);
  const form = useForm<Values, unknown, z.output<typeof ScreeningInput>>({
    resolver: zodResolver(schema),
    defaultValues: withDraft<Values>(
      {
        administeredOn: todayIso(),
        context: firstOfKind ? 'intake' : 'follow_up',
        items: def.items.map(() => -1),
        difficulty: -1,
      },
      saved,
    ),
  });
  const draft = useDialogDraft(form, draftKey(instrument, clientId), saved);
  const { errors } = form.formState;
  const items = useWatch({ control: form.control, name: 'items' });
  const answered = items.filter((v) => v >= 0).length;
  const live = score(
    instrument,
    items.map((v) => Math.max(0, v)),
  );
  const item9 = instrument === 'phq9' ? (items[8] ?? -1) : -1;

  const save = useFormMutation({
    mutationFn: (input: z.output<typeof ScreeningInput>) => call('screenings.record', input),
    onSuccess: (record) => {
      void queryClient.invalidateQueries({ queryKey: screeningsKey(clientId) });
      void draft.discard().then(() => {
        onSaved(record);
      });
    },
    form: {
      setError: form.setError,
      fields: ['administeredOn', 'context', 'difficulty', ...def.items.map((_, i) => `items.${i}` as const)],
    },
  });

  return (
    <FormDialog
      title={`Administer ${def.name}`}
      description={def.title}
      size="lg"
      onClose={onClose}
      draft={draft}
      className="screening-dialog"
      mutation={save}
      onSubmit={form.handleSubmit(save.submit)}
      formClassName="screening-form"
      problemTitle="The screening was not saved"
      submitLabel={`Save ${def.name}`}
      footer={(actions) => (
        <div className="screening-total" aria-live="polite">
          <div className="screening-total__score">
            <span className="screening-total__label">Total</span>
            <span className="screening-total__value">
              {live.total}
              <span className="screening-total__max"> / {def.max}</span>
            </span>
            <Badge tone={SEVERITY_TONES[live.severity]}>{SEVERITY_LABELS[live.severity]}</Badge>
            {live.item9Positive && <Badge tone="danger">Item 9: follow up</Badge>}
            <span className="screening-total__answered">
              {answered} of {def.items.length} answered
            </span>
          </div>
          <div className="screening-total__actions">{actions}</div>
        </div>
      )}
    >
      <div className="screening-form__meta">
        <Field label="Date given" error={errors.administeredOn?.message}>
          <TextInput type="date" {...form.register('administeredOn')} data-autofocus />
        </Field>
        <Controller
          control={form.control}
          name="context"
          render={({ field }) => (
            <ChoiceGroupField
              label="Given at"
              name={field.name}
              options={CONTEXTS}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              inputRef={field.ref}
              error={errors.context?.message}
            />
          )}
        />
      </div>
      <p className="screening-form__stem">{STEM[instrument]}</p>
      {errors.items?.message && (
        <p className="field__error" role="alert">
          {errors.items.message}
        </p>
      )}
      <ol className="screening-items">
        {def.items.map((text, index) => (
          <li key={text} className="screening-item">
            <Controller
              control={form.control}
              name={`items.${index}`}
              render={({ field }) => (
                <ChoiceGroupField
                  label={
                    <>
                      <span className="screening-item__number">{index + 1}</span>
                      <span>{text}</span>
                    </>
                  }
                  name={field.name}
                  options={ANSWERS}
                  value={field.value}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                  inputRef={field.ref}
                  error={errors.items?.[index]?.message}
                  className="screening-item__choices"
                />
              )}
            />
            {instrument === 'phq9' && index === 8 && item9 > 0 && <Item9Flag answer={item9} />}
          </li>
        ))}
      </ol>
      <Controller
        control={form.control}
        name="difficulty"
        render={({ field }) => (
          <ChoiceGroupField
            label="If any problems were endorsed: how difficult have they made it to do work, take care of things at home, or get along with other people?"
            name={field.name}
            options={DIFFICULTY}
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            inputRef={field.ref}
            error={errors.difficulty?.message}
            hint="Optional. Not part of the total."
            className="screening-difficulty"
          />
        )}
      />
    </FormDialog>
  );
}

function Item9Flag({ answer }: { answer: number }) {
  return (
    <div className="item9-flag" role="alert">
      <TriangleAlert aria-hidden="true" size={18} />
      <div>
        <p className="item9-flag__title">Follow up on item 9 today</p>
        <p>
          The client reported thoughts of being better off dead or of self-harm on “
          {ANSWER_LABELS[answer]?.toLowerCase()}”. Ask directly about suicidal thoughts, assess risk, and
          document a safety plan before the session ends.
        </p>
      </div>
    </div>
  );
}
