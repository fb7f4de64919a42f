// Records that the client revoked an authorization in writing: from that date nothing more can be
// exported under it (what already left the practice stays in the disclosure log).
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { contract, todayIso, type AuthorizationRecord } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { applyServerError, type FormProblem } from '../../lib/form-errors.ts';
import { Button } from '../../ui/button.tsx';
import { Dialog, DialogFooter } from '../../ui/dialog.tsx';
import { Field, TextInput } from '../../ui/field.tsx';
import { ProblemBanner } from '../../ui/problem-banner.tsx';
import { releaseChanged } from './release-queries.ts';

const Input = contract['releases.revokeAuthorization'].input;
type Values = { authorizationId: string; revokedOn: string; note: string };

export function RevokeDialog({
  authorization,
  onClose,
}: {
  authorization: AuthorizationRecord;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const form = useForm<Values, unknown, z.output<typeof Input>>({
    resolver: zodResolver(
      z
        .custom<Values>()
        .transform((v): unknown => v)
        .pipe(Input),
    ),
    defaultValues: { authorizationId: authorization.id, revokedOn: todayIso(), note: '' },
  });
  const revoke = useMutation({
    mutationFn: (input: z.output<typeof Input>) => call('releases.revokeAuthorization', input),
    onSuccess: (r) => {
      releaseChanged(queryClient, r);
      onClose();
    },
    onError: (error) => {
      setProblem(applyServerError(error, form.setError, { fields: ['revokedOn', 'note'] }));
    },
  });
  const { errors } = form.formState;
  return (
    <Dialog
      title="Record a revocation"
      description={`Signed by ${authorization.signedBy}. From the revocation date, nothing more can be exported under this authorization.`}
      onClose={onClose}
      size="sm"
    >
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          void form.handleSubmit((input) => {
            setProblem(null);
            revoke.mutate(input);
          })(event);
        }}
      >
        <ProblemBanner problem={problem} title="The revocation was not recorded" />
        <Field label="Date of the written revocation" error={errors.revokedOn?.message}>
          <TextInput type="date" data-autofocus {...form.register('revokedOn')} />
        </Field>
        <Field label="Note" optional error={errors.note?.message}>
          <TextInput {...form.register('note')} autoComplete="off" />
        </Field>
        <DialogFooter>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" busy={revoke.isPending}>
            Record revocation
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
