// Denies a request. A client's own request states its ground (45 CFR 164.524(a)(2) unreviewable or
// (a)(3) reviewable); the written denial then tells the client about review and complaints.
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { Ban } from 'lucide-react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import {
  DENIAL_GROUNDS,
  DenyInput,
  draftKey,
  type DenialGround,
  type ReleaseRecord,
} from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { useDialogDraft, useSavedDraft, withDraft, type SavedDraft } from '../../lib/use-dialog-draft.ts';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { Banner } from '../../ui/banner.tsx';
import { Field, Select, TextArea } from '../../ui/field.tsx';
import { FormDialog } from '../../ui/form-dialog.tsx';
import { releaseChanged } from './release-queries.ts';

type Values = { requestId: string; ground: DenialGround | ''; explanation: string };
type Parsed = z.output<typeof DenyInput>;
const GROUNDS = Object.keys(DENIAL_GROUNDS) as DenialGround[];

interface DenyDialogProps {
  record: ReleaseRecord;
  onClose: () => void;
}

/** The explanation is a draft until the request is denied (`denial:<request id>`). */
export function DenyDialog(props: DenyDialogProps) {
  const saved = useSavedDraft(draftKey('denial', props.record.summary.id));
  return saved === undefined ? null : <DenyForm {...props} saved={saved} />;
}

function DenyForm({ record, onClose, saved }: DenyDialogProps & { saved: SavedDraft | null }) {
  const queryClient = useQueryClient();
  const access = record.summary.kind === 'access';
  const schema = z
    .custom<Values>()
    .superRefine((v, ctx) => {
      if (access && !v.ground)
        ctx.addIssue({ code: 'custom', path: ['ground'], message: 'Choose the ground for the denial.' });
    })
    .transform((v): unknown => ({ ...v, ground: v.ground || undefined }))
    .pipe(DenyInput);
  const form = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(schema),
    defaultValues: {
      ...withDraft<Values>({ requestId: '', ground: '', explanation: '' }, saved),
      requestId: record.summary.id,
    },
  });
  const draft = useDialogDraft(form, draftKey('denial', record.summary.id), saved);
  const ground = useWatch({ control: form.control, name: 'ground' });
  const deny = useFormMutation({
    mutationFn: (input: Parsed) => call('releases.deny', input),
    onSuccess: (r) => {
      releaseChanged(queryClient, r);
      void draft.discard().then(onClose);
    },
    form: { setError: form.setError, fields: ['ground', 'explanation'] },
  });
  const { errors } = form.formState;
  return (
    <FormDialog
      title="Deny this request"
      description={
        access
          ? 'A denial of a client’s own request must state its ground. The client receives it in writing with their review and complaint rights.'
          : 'The request is closed and nothing is released. The reason is kept with the request.'
      }
      onClose={onClose}
      draft={draft}
      mutation={deny}
      onSubmit={form.handleSubmit(deny.submit)}
      problemTitle="The request was not denied"
      submitLabel="Deny request"
      submitVariant="danger"
      submitIcon={<Ban aria-hidden="true" size={16} />}
    >
      <Field
        label="Ground for the denial"
        optional={!access}
        hint={access ? '45 CFR 164.524(a)(2) and (a)(3).' : undefined}
        error={errors.ground?.message}
      >
        <Select data-autofocus {...form.register('ground')}>
          <option value="">Choose…</option>
          <optgroup label="Not reviewable (164.524(a)(2))">
            {GROUNDS.filter((g) => !DENIAL_GROUNDS[g].reviewable).map((g) => (
              <option key={g} value={g}>
                {DENIAL_GROUNDS[g].label}
              </option>
            ))}
          </optgroup>
          <optgroup label="Reviewable (164.524(a)(3))">
            {GROUNDS.filter((g) => DENIAL_GROUNDS[g].reviewable).map((g) => (
              <option key={g} value={g}>
                {DENIAL_GROUNDS[g].label}
              </option>
            ))}
          </optgroup>
        </Select>
      </Field>
      {ground && (
        <Banner
          tone={DENIAL_GROUNDS[ground].reviewable ? 'info' : 'warning'}
          title={DENIAL_GROUNDS[ground].reviewable ? 'Reviewable denial' : 'Not reviewable'}
        >
          {DENIAL_GROUNDS[ground].reviewable
            ? 'The client may ask for a review by a licensed health care professional who did not take part in this decision. The letter tells them how.'
            : 'The law provides no review on this ground. The letter still explains how to complain.'}
        </Banner>
      )}
      <Field
        label="Explanation"
        hint="In plain language; it appears in the written denial."
        error={errors.explanation?.message}
      >
        <TextArea rows={4} {...form.register('explanation')} />
      </Field>
    </FormDialog>
  );
}
