// Set or clear a clinician's supervisor. Once set, the clinician's signed progress notes wait in the
// supervisor's co-sign queue. main decides who may supervise whom and says why it refuses.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { UseFormSetError } from 'react-hook-form';
import type { StaffMember } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { Field, Select } from '../../ui/field.tsx';
import { FormDialog } from '../../ui/form-dialog.tsx';
import { SUPERVISION_QUERY, type StaffRef } from './supervision-query.ts';

export interface SupervisorDialogProps {
  member: StaffMember;
  current: StaffRef | null;
  /** Everyone on the staff list: the choices are the other active clinicians and the owner. */
  staff: readonly StaffMember[];
  onClose: () => void;
}

export function SupervisorDialog({ member, current, staff, onClose }: SupervisorDialogProps) {
  const queryClient = useQueryClient();
  const [supervisorId, setSupervisorId] = useState(current?.id ?? '');
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  // One field, kept in state: main's issue for it shows under the select.
  const placeError: UseFormSetError<{ supervisorId: string }> = (_name, e) => {
    setFieldError(e.message);
  };
  const choices = staff
    .filter((s) => s.active && s.role !== 'front_desk' && s.id !== member.id)
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
  const save = useFormMutation({
    mutationFn: () =>
      call('staff.setSupervisor', { superviseeId: member.id, supervisorId: supervisorId || null }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: SUPERVISION_QUERY });
      onClose();
    },
    form: { setError: placeError, fields: ['supervisorId'] },
  });

  return (
    <FormDialog
      title={`Supervisor for ${member.displayName}`}
      description="A supervised clinician’s signed progress notes wait in the supervisor’s co-sign queue."
      onClose={onClose}
      mutation={save}
      onSubmit={() => {
        setFieldError(undefined);
        save.submit();
      }}
      problemTitle="The supervisor was not changed"
      submitLabel={supervisorId ? 'Save supervisor' : 'Clear supervisor'}
      submitDisabled={supervisorId === (current?.id ?? '')}
    >
      <Field label="Supervisor" error={fieldError}>
        <Select
          value={supervisorId}
          data-autofocus
          onChange={(event) => {
            setSupervisorId(event.target.value);
          }}
        >
          <option value="">No supervisor</option>
          {choices.map((c) => (
            <option key={c.id} value={c.id}>
              {c.displayName}
              {c.credentials ? `, ${c.credentials}` : ''}
            </option>
          ))}
        </Select>
      </Field>
    </FormDialog>
  );
}
