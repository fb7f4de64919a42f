// Add a staff member: name, username, role, a temporary password, and (for clinicians)
// credentials and license number, which are printed on releases.
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { CreateStaffInput, type StaffMember } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { Dialog, DialogFooter } from '../../ui/dialog.tsx';
import { FormDialog } from '../../ui/form-dialog.tsx';
import { Handover } from './handover.tsx';
import { StaffCredentialFields, StaffIdentityFields } from './staff-identity-fields.tsx';
import { STAFF_QUERY } from './staff-query.ts';
import { TemporaryPasswordField } from './temporary-password-field.tsx';

type Values = z.input<typeof CreateStaffInput>;
type Parsed = z.output<typeof CreateStaffInput>;

// No role until one is chosen: the select starts on "Choose a role…" and the schema says why.
const EMPTY = {
  displayName: '',
  username: '',
  temporaryPassword: '',
  credentials: '',
  licenseNumber: '',
} satisfies Partial<Values>;
const FIELDS: (keyof Values)[] = [...(Object.keys(EMPTY) as (keyof Values)[]), 'role'];

export function AddStaffDialog({ onClose }: { onClose: () => void }) {
  const queryClient = useQueryClient();
  const [added, setAdded] = useState<{ member: StaffMember; password: string } | null>(null);
  const form = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(CreateStaffInput),
    defaultValues: EMPTY,
  });
  const { errors } = form.formState;

  const create = useFormMutation({
    mutationFn: (values: Parsed) => call('staff.create', values),
    onSuccess: (member, values) => {
      setAdded({ member, password: values.temporaryPassword });
      void queryClient.invalidateQueries({ queryKey: STAFF_QUERY });
    },
    form: { setError: form.setError, fields: FIELDS, codeFields: { WEAK_PASSWORD: 'temporaryPassword' } },
  });

  if (added)
    return (
      <Dialog title={`${added.member.displayName} was added`} onClose={onClose}>
        <Banner tone="success">They can now sign in on this computer.</Banner>
        <Handover
          name={added.member.displayName}
          username={added.member.username}
          password={added.password}
        />
        <DialogFooter>
          <Button variant="primary" onClick={onClose} data-autofocus>
            Done
          </Button>
        </DialogFooter>
      </Dialog>
    );

  return (
    <FormDialog
      title="Add staff member"
      description="They sign in on this computer with the username and temporary password you choose here."
      onClose={onClose}
      mutation={create}
      onSubmit={form.handleSubmit(create.submit)}
      submitLabel="Add staff member"
    >
      <StaffIdentityFields
        inputs={{
          displayName: form.register('displayName'),
          username: form.register('username'),
          role: form.register('role'),
        }}
        errors={errors}
      />
      <TemporaryPasswordField
        error={errors.temporaryPassword?.message}
        input={form.register('temporaryPassword')}
        onGenerate={(password) => {
          form.setValue('temporaryPassword', password, { shouldValidate: true, shouldDirty: true });
        }}
      />
      <StaffCredentialFields
        inputs={{ credentials: form.register('credentials'), licenseNumber: form.register('licenseNumber') }}
        errors={errors}
      />
    </FormDialog>
  );
}
