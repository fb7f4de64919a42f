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
import { Field, Select, TextInput } from '../../ui/field.tsx';
import { FormDialog } from '../../ui/form-dialog.tsx';
import { Handover } from './handover.tsx';
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
      <div className="form__row">
        <Field label="Full name" error={errors.displayName?.message}>
          <TextInput {...form.register('displayName')} autoComplete="off" data-autofocus />
        </Field>
        <Field label="Username" hint="Letters, digits, dots or dashes." error={errors.username?.message}>
          <TextInput
            {...form.register('username')}
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
          />
        </Field>
      </div>
      <Field
        label="Role"
        hint="Clinicians see the charts of their own clients. Front desk sees contact and scheduling details, never clinical content."
        error={errors.role?.message}
      >
        <Select {...form.register('role')}>
          <option value="">Choose a role…</option>
          <option value="clinician">Clinician</option>
          <option value="front_desk">Front desk</option>
        </Select>
      </Field>
      <TemporaryPasswordField
        error={errors.temporaryPassword?.message}
        input={form.register('temporaryPassword')}
        onGenerate={(password) => {
          form.setValue('temporaryPassword', password, { shouldValidate: true, shouldDirty: true });
        }}
      />
      <div className="form__row">
        <Field label="Credentials" optional hint="e.g. LCSW, PhD" error={errors.credentials?.message}>
          <TextInput {...form.register('credentials')} autoComplete="off" />
        </Field>
        <Field label="License number" optional error={errors.licenseNumber?.message}>
          <TextInput {...form.register('licenseNumber')} autoComplete="off" />
        </Field>
      </div>
    </FormDialog>
  );
}
