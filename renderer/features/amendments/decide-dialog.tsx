// Decides an amendment request (45 CFR 164.526(c), (d)): accept, with the amendment as it will be
// appended and linked to each record named (the records themselves never change), or deny on one of
// the four bases the rule allows, with the explanation the denial letter gives. Main decides who may
// (the author of the records, the primary clinician or the owner) and refuses a second decision.
// Kept as a draft (`amendment-decision:<request id>`) until it is recorded.
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import {
  AcceptAmendmentInput,
  AMENDMENT_TEXT_MAX,
  DENIAL_BASIS_LABELS,
  DenyAmendmentInput,
  draftKey,
  EXPLANATION_MAX,
  type AmendmentView,
  type DenialBasis,
} from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { formatCalendarDate } from '../../lib/calendar-date.ts';
import { useDialogDraft, useSavedDraft, withDraft, type SavedDraft } from '../../lib/use-dialog-draft.ts';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { Banner } from '../../ui/banner.tsx';
import { ChoiceGroupField } from '../../ui/choice-group-field.tsx';
import { Field, Select, TextArea } from '../../ui/field.tsx';
import { FormDialog } from '../../ui/form-dialog.tsx';
import { amendmentChanged } from './amendment-queries.ts';

type Outcome = 'accept' | 'deny';
type Values = { outcome: Outcome | ''; amendmentText: string; basis: DenialBasis | ''; explanation: string };
type Parsed =
  | { outcome: 'accept'; input: z.output<typeof AcceptAmendmentInput> }
  | { outcome: 'deny'; input: z.output<typeof DenyAmendmentInput> };

const BASES = Object.keys(DENIAL_BASIS_LABELS) as DenialBasis[];
const BASIS_HINTS: Record<DenialBasis, string> = {
  not_created_here:
    'Someone else created it, and the client has given no reason to think they can no longer amend it.',
  not_in_record_set:
    'The information is not part of the records the practice uses to make decisions about the client.',
  not_open_to_access: 'The client would not have a right to see it under 45 CFR 164.524.',
  accurate_complete: 'The record is right as written.',
};

interface DecideDialogProps {
  request: AmendmentView;
  onClose: () => void;
}

export function DecideDialog(props: DecideDialogProps) {
  const saved = useSavedDraft(draftKey('amendment-decision', props.request.id));
  return saved === undefined ? null : <DecideForm {...props} saved={saved} />;
}

function DecideForm({ request, onClose, saved }: DecideDialogProps & { saved: SavedDraft | null }) {
  const queryClient = useQueryClient();
  const schema = z
    .custom<Values>()
    .superRefine((v, ctx) => {
      if (!v.outcome)
        ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'Choose to accept or deny.' });
    })
    .transform((v, ctx): Parsed => {
      const parsed =
        v.outcome === 'accept'
          ? AcceptAmendmentInput.safeParse({ requestId: request.id, amendmentText: v.amendmentText })
          : DenyAmendmentInput.safeParse({
              requestId: request.id,
              basis: v.basis || undefined,
              explanation: v.explanation,
            });
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
        return z.NEVER;
      }
      return v.outcome === 'accept'
        ? { outcome: 'accept', input: parsed.data as z.output<typeof AcceptAmendmentInput> }
        : { outcome: 'deny', input: parsed.data as z.output<typeof DenyAmendmentInput> };
    });
  const form = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(schema),
    defaultValues: withDraft<Values>({ outcome: '', amendmentText: '', basis: '', explanation: '' }, saved),
  });
  const draft = useDialogDraft(form, draftKey('amendment-decision', request.id), saved);
  const outcome = useWatch({ control: form.control, name: 'outcome' });
  const basis = useWatch({ control: form.control, name: 'basis' });
  const decide = useFormMutation({
    mutationFn: (d: Parsed) =>
      d.outcome === 'accept' ? call('amendments.accept', d.input) : call('amendments.deny', d.input),
    onSuccess: (v) => {
      amendmentChanged(queryClient, v);
      void draft.discard().then(onClose);
    },
    form: { setError: form.setError, fields: ['amendmentText', 'basis', 'explanation'] },
  });
  const { errors } = form.formState;
  return (
    <FormDialog
      title="Decide the amendment request"
      description={`Received ${formatCalendarDate(request.receivedOn)}. A decision is final; the letter to the client is written next.`}
      size="lg"
      onClose={onClose}
      draft={draft}
      mutation={decide}
      onSubmit={form.handleSubmit(decide.submit)}
      problemTitle="The decision was not recorded"
      submitLabel={outcome === 'deny' ? 'Deny request' : 'Accept and append'}
      submitVariant={outcome === 'deny' ? 'danger' : 'primary'}
    >
      <div className="amendment-decide__records">
        <span className="muted">Records named:</span> {request.records.map((x) => x.label).join('; ')}
      </div>
      <blockquote className="amendment-quote" aria-label="The client’s request">
        {request.requestText}
      </blockquote>
      <Controller
        control={form.control}
        name="outcome"
        render={({ field }) => (
          <ChoiceGroupField
            label="Decision"
            variant="cards"
            autoFocus
            options={[
              {
                value: 'accept' as const,
                label: 'Accept',
                description:
                  'Append the amendment to each record named. The original stays as it was signed.',
              },
              {
                value: 'deny' as const,
                label: 'Deny',
                description:
                  'On one of the four grounds the rule allows. The client may file a statement of disagreement.',
                tone: 'warning' as const,
              },
            ]}
            value={field.value || null}
            onChange={field.onChange}
            onBlur={field.onBlur}
            inputRef={field.ref}
            error={errors.outcome?.message}
          />
        )}
      />
      {outcome === 'accept' && (
        <Field
          label="The amendment"
          hint={`As it will appear with the records and in every later release (up to ${AMENDMENT_TEXT_MAX.toLocaleString('en-US')} characters).`}
          error={errors.amendmentText?.message}
        >
          <TextArea rows={6} {...form.register('amendmentText')} />
        </Field>
      )}
      {outcome === 'deny' && (
        <>
          <Field label="Basis for the denial" hint="45 CFR 164.526(a)(2)." error={errors.basis?.message}>
            <Select {...form.register('basis')}>
              <option value="">Choose…</option>
              {BASES.map((b) => (
                <option key={b} value={b}>
                  {DENIAL_BASIS_LABELS[b]}
                </option>
              ))}
            </Select>
          </Field>
          {basis && (
            <Banner tone="info" title={DENIAL_BASIS_LABELS[basis]}>
              {BASIS_HINTS[basis]}
            </Banner>
          )}
          <Field
            label="Explanation"
            hint={`In plain language; the denial letter gives it after the basis (up to ${EXPLANATION_MAX.toLocaleString('en-US')} characters).`}
            error={errors.explanation?.message}
          >
            <TextArea rows={4} {...form.register('explanation')} />
          </Field>
        </>
      )}
    </FormDialog>
  );
}
