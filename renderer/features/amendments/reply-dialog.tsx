// After a denial: the client's statement of disagreement (45 CFR 164.526(d)(2), within the length
// the practice sets and the denial letter states) and the practice's rebuttal ((d)(3); a copy goes
// to the client as a letter). Each is recorded once. Kept as a draft (`amendment-reply:<request id>`).
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import {
  draftKey,
  REBUTTAL_MAX,
  RebuttalInput,
  STATEMENT_MAX,
  StatementInput,
  todayIso,
  type AmendmentView,
} from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { useDialogDraft, useSavedDraft, withDraft, type SavedDraft } from '../../lib/use-dialog-draft.ts';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { Field, TextArea, TextInput } from '../../ui/field.tsx';
import { FormDialog } from '../../ui/form-dialog.tsx';
import { amendmentChanged } from './amendment-queries.ts';

type Kind = 'statement' | 'rebuttal';
type Values = { text: string; date: string };

const WORDS = {
  statement: {
    title: 'Record the statement of disagreement',
    description:
      'The client’s written statement, copied as they wrote it. From now on it goes with every disclosure of these records, with the request and the denial.',
    label: 'The client’s statement',
    date: 'Date filed',
    submit: 'Record statement',
    max: STATEMENT_MAX,
  },
  rebuttal: {
    title: 'Write a rebuttal',
    description:
      'The practice’s reply to the statement. It goes with the records in every later disclosure, and the client gets a copy by letter.',
    label: 'The rebuttal',
    date: 'Date written',
    submit: 'Record rebuttal',
    max: REBUTTAL_MAX,
  },
} as const;

interface ReplyDialogProps {
  kind: Kind;
  request: AmendmentView;
  onClose: () => void;
}

export function ReplyDialog(props: ReplyDialogProps) {
  const saved = useSavedDraft(draftKey('amendment-reply', props.request.id));
  return saved === undefined ? null : <ReplyForm {...props} saved={saved} />;
}

function ReplyForm({ kind, request, onClose, saved }: ReplyDialogProps & { saved: SavedDraft | null }) {
  const queryClient = useQueryClient();
  const words = WORDS[kind];
  const schema = z
    .custom<Values>()
    .transform((v): unknown =>
      kind === 'statement'
        ? { requestId: request.id, text: v.text, filedOn: v.date }
        : { requestId: request.id, text: v.text, writtenOn: v.date },
    )
    .pipe(z.union([StatementInput, RebuttalInput]));
  const form = useForm<Values, unknown, z.output<typeof StatementInput> | z.output<typeof RebuttalInput>>({
    resolver: zodResolver(schema),
    defaultValues: withDraft<Values>({ text: '', date: todayIso() }, saved),
  });
  const draft = useDialogDraft(form, draftKey('amendment-reply', request.id), saved);
  const text = useWatch({ control: form.control, name: 'text' });
  const save = useFormMutation({
    mutationFn: (input: z.output<typeof StatementInput> | z.output<typeof RebuttalInput>) =>
      'filedOn' in input
        ? call('amendments.recordStatement', input)
        : call('amendments.recordRebuttal', input),
    onSuccess: (v) => {
      amendmentChanged(queryClient, v);
      void draft.discard().then(onClose);
    },
    form: { setError: form.setError, fields: ['text'] },
  });
  const { errors } = form.formState;
  const left = words.max - text.length;
  return (
    <FormDialog
      title={words.title}
      description={words.description}
      size="lg"
      onClose={onClose}
      draft={draft}
      mutation={save}
      onSubmit={form.handleSubmit(save.submit)}
      problemTitle="Nothing was recorded"
      submitLabel={words.submit}
    >
      <Field
        label={words.label}
        hint={
          <span
            className={left < 0 ? 'amendment-count amendment-count--over' : 'amendment-count'}
            aria-live="polite"
          >
            Up to {words.max.toLocaleString('en-US')} characters (about one page):{' '}
            {left >= 0
              ? `${left.toLocaleString('en-US')} left`
              : `${(-left).toLocaleString('en-US')} too many`}
            .
          </span>
        }
        error={errors.text?.message}
      >
        <TextArea rows={8} data-autofocus {...form.register('text')} />
      </Field>
      <Field label={words.date} error={errors.date?.message}>
        <TextInput type="date" max={todayIso()} {...form.register('date')} />
      </Field>
    </FormDialog>
  );
}
