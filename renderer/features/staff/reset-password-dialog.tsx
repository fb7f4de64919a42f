// Give someone a new temporary password (they forgot theirs). Their old password stops working.
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { Password, type StaffMember } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { Button } from '../../ui/button.tsx';
import { Dialog, DialogFooter } from '../../ui/dialog.tsx';
import { FormDialog } from '../../ui/form-dialog.tsx';
import { Handover } from './handover.tsx';
import { STAFF_QUERY } from './staff-query.ts';
import { TemporaryPasswordField } from './temporary-password-field.tsx';

// The same field schema as staff.resetPassword's temporaryPassword.
const ResetForm = z.strictObject({ temporaryPassword: Password });
type Values = z.input<typeof ResetForm>;

export function ResetPasswordDialog({ member, onClose }: { member: StaffMember; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [done, setDone] = useState<string | null>(null);
  const form = useForm<Values>({
    resolver: zodResolver(ResetForm),
    defaultValues: { temporaryPassword: '' },
  });

  const reset = useFormMutation({
    mutationFn: ({ temporaryPassword }: Values) =>
      call('staff.resetPassword', { userId: member.id, temporaryPassword }),
    onSuccess: (_member, values) => {
      setDone(values.temporaryPassword);
      void queryClient.invalidateQueries({ queryKey: STAFF_QUERY });
    },
    form: {
      setError: form.setError,
      fields: ['temporaryPassword'],
      codeFields: { WEAK_PASSWORD: 'temporaryPassword' },
    },
  });

  if (done !== null)
    return (
      <Dialog title="Temporary password set" onClose={onClose}>
        <Handover name={member.displayName} username={member.username} password={done} />
        <DialogFooter>
          <Button variant="primary" onClick={onClose} data-autofocus>
            Done
          </Button>
        </DialogFooter>
      </Dialog>
    );

  return (
    <FormDialog
      title={`Reset ${member.displayName}’s password`}
      description="Their current password stops working at once. They choose a new one when they next sign in."
      onClose={onClose}
      mutation={reset}
      onSubmit={form.handleSubmit(reset.submit)}
      submitLabel="Set temporary password"
    >
      <TemporaryPasswordField
        error={form.formState.errors.temporaryPassword?.message}
        input={form.register('temporaryPassword')}
        autoFocus
        onGenerate={(password) => {
          form.setValue('temporaryPassword', password, { shouldValidate: true, shouldDirty: true });
        }}
      />
    </FormDialog>
  );
}
