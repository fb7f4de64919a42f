// Invite a staff member (issue 21): no password is chosen for them. Main issues a one-time code,
// shown once here with its expiry; they redeem it at the sign-in page ("I have a one-time code")
// and choose their own password.
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { InviteStaffInput, type Output } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { Button } from '../../ui/button.tsx';
import { Dialog, DialogFooter } from '../../ui/dialog.tsx';
import { Field, Select } from '../../ui/field.tsx';
import { FormDialog } from '../../ui/form-dialog.tsx';
import { cliniciansIn, directoryQuery } from '../clients/client-queries.ts';
import { InvitationHandover } from './invitation-handover.tsx';
import { StaffCredentialFields, StaffIdentityFields } from './staff-identity-fields.tsx';
import { STAFF_QUERY } from './staff-query.ts';

type Values = z.input<typeof InviteStaffInput>;
type Parsed = z.output<typeof InviteStaffInput>;
const EMPTY = { displayName: '', username: '', credentials: '', licenseNumber: '' } satisfies Partial<Values>;
const FIELDS: (keyof Values)[] = [...(Object.keys(EMPTY) as (keyof Values)[]), 'role', 'supervisorId'];

export function InviteDialog({ onClose }: { onClose: () => void }) {
  const queryClient = useQueryClient();
  const [invited, setInvited] = useState<Output<'staff.invite'> | null>(null);
  const form = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(InviteStaffInput),
    defaultValues: EMPTY,
  });
  const { errors } = form.formState;
  const role = useWatch({ control: form.control, name: 'role' });
  const directory = useQuery(directoryQuery);
  const invite = useFormMutation({
    // A supervisor chosen before the role changed to front desk does not go with it.
    mutationFn: (values: Parsed) =>
      call('staff.invite', values.role === 'clinician' ? values : { ...values, supervisorId: undefined }),
    onSuccess: (result) => {
      setInvited(result);
      void queryClient.invalidateQueries({ queryKey: STAFF_QUERY });
    },
    form: { setError: form.setError, fields: FIELDS },
  });

  if (invited)
    return (
      <Dialog title={`${invited.member.displayName} is invited`} onClose={onClose}>
        <InvitationHandover invitation={invited} />
        <DialogFooter>
          <Button variant="primary" onClick={onClose} data-autofocus>
            Done
          </Button>
        </DialogFooter>
      </Dialog>
    );

  return (
    <FormDialog
      title="Invite staff member"
      description="They receive a one-time code, valid for 72 hours, and choose their own password when they first sign in."
      onClose={onClose}
      mutation={invite}
      onSubmit={form.handleSubmit(invite.submit)}
      submitLabel="Invite"
    >
      <StaffIdentityFields
        inputs={{
          displayName: form.register('displayName'),
          username: form.register('username'),
          role: form.register('role'),
        }}
        errors={errors}
      />
      <StaffCredentialFields
        inputs={{ credentials: form.register('credentials'), licenseNumber: form.register('licenseNumber') }}
        errors={errors}
      />
      {role === 'clinician' && (
        <Field
          label="Supervisor"
          optional
          hint="Their signed progress notes wait in the supervisor’s co-sign queue."
          error={errors.supervisorId?.message}
        >
          <Select
            {...form.register('supervisorId', {
              setValueAs: (v: string) => (v === '' ? undefined : v),
            })}
          >
            <option value="">No supervisor</option>
            {cliniciansIn(directory.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName}
              </option>
            ))}
          </Select>
        </Field>
      )}
    </FormDialog>
  );
}
