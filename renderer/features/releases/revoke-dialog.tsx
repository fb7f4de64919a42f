// Records that the client revoked an authorization in writing: it takes effect once recorded, so
// nothing more leaves under it, approved records included (what already left stays in the
// disclosure log). Main refuses a date before the signature or before a package already sent.
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { contract, draftKey, todayIso, type AuthorizationRecord } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { formatCalendarDate } from '../../lib/calendar-date.ts';
import { useDialogDraft, useSavedDraft, withDraft, type SavedDraft } from '../../lib/use-dialog-draft.ts';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { Field, TextInput } from '../../ui/field.tsx';
import { FormDialog } from '../../ui/form-dialog.tsx';
import { AUTHORIZATION_TYPE_LABELS } from './authorization-values.ts';
import { releaseChanged } from './release-queries.ts';

const Input = contract['releases.revokeAuthorization'].input;
type Values = { authorizationId: string; revokedOn: string; note: string };

interface RevokeDialogProps {
  authorization: AuthorizationRecord;
  onClose: () => void;
}

/** What is typed is a draft until the revocation is recorded (`revocation:<authorization id>`). */
export function RevokeDialog(props: RevokeDialogProps) {
  const saved = useSavedDraft(draftKey('revocation', props.authorization.id));
  return saved === undefined ? null : <RevokeForm {...props} saved={saved} />;
}

function RevokeForm({ authorization, onClose, saved }: RevokeDialogProps & { saved: SavedDraft | null }) {
  const queryClient = useQueryClient();
  const form = useForm<Values, unknown, z.output<typeof Input>>({
    resolver: zodResolver(
      z
        .custom<Values>()
        .transform((v): unknown => v)
        .pipe(Input),
    ),
    defaultValues: {
      ...withDraft<Values>({ authorizationId: '', revokedOn: todayIso(), note: '' }, saved),
      authorizationId: authorization.id,
    },
  });
  const draft = useDialogDraft(form, draftKey('revocation', authorization.id), saved);
  const revoke = useFormMutation({
    mutationFn: (input: z.output<typeof Input>) => call('releases.revokeAuthorization', input),
    onSuccess: (r) => {
      releaseChanged(queryClient, r);
      void draft.discard().then(onClose);
    },
    form: { setError: form.setError, fields: ['revokedOn', 'note'] },
  });
  const { errors } = form.formState;
  return (
    <FormDialog
      title="Record a revocation"
      description={`${AUTHORIZATION_TYPE_LABELS[authorization.type]} signed by ${authorization.signedBy} on ${formatCalendarDate(authorization.signedOn)}. It takes effect as soon as it is recorded: nothing more leaves under it, including records already approved. What was already sent stays in the disclosure log.`}
      onClose={onClose}
      size="sm"
      draft={draft}
      mutation={revoke}
      onSubmit={form.handleSubmit(revoke.submit)}
      problemTitle="The revocation was not recorded"
      submitLabel="Record revocation"
      submitVariant="danger"
    >
      <Field
        label="Date of the written revocation"
        hint="As dated by the client. Not before the signature, nor before a package already sent."
        error={errors.revokedOn?.message}
      >
        <TextInput
          type="date"
          data-autofocus
          min={authorization.signedOn}
          max={todayIso()}
          {...form.register('revokedOn')}
        />
      </Field>
      <Field label="Note" optional error={errors.note?.message}>
        <TextInput {...form.register('note')} autoComplete="off" />
      </Field>
    </FormDialog>
  );
}
