// Set or clear a clinician's supervisor. Once set, the clinician's signed progress notes wait in the
// supervisor's co-sign queue. main decides who may supervise whom and says why it refuses.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { StaffMember } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { applyServerError, type FormProblem } from '../../lib/form-errors.ts';
import { Button } from '../../ui/button.tsx';
import { Dialog, DialogFooter } from '../../ui/dialog.tsx';
import { Field, Select } from '../../ui/field.tsx';
import { ProblemBanner } from '../../ui/problem-banner.tsx';
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
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const choices = staff
    .filter((s) => s.active && s.role !== 'front_desk' && s.id !== member.id)
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
  const save = useMutation({
    mutationFn: () =>
      call('staff.setSupervisor', { superviseeId: member.id, supervisorId: supervisorId || null }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: SUPERVISION_QUERY });
      onClose();
    },
    onError: (error) => {
      setProblem(
        applyServerError(
          error,
          (_name, e) => {
            setFieldError(e.message);
          },
          { fields: ['supervisorId'] },
        ),
      );
    },
  });

  return (
    <Dialog
      title={`Supervisor for ${member.displayName}`}
      description="A supervised clinician’s signed progress notes wait in the supervisor’s co-sign queue."
      onClose={onClose}
    >
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setProblem(null);
          setFieldError(undefined);
          save.mutate();
        }}
      >
        <ProblemBanner problem={problem} title="The supervisor was not changed" />
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
        <DialogFooter>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button
            type="submit"
            variant="primary"
            busy={save.isPending}
            disabled={supervisorId === (current?.id ?? '')}
          >
            {supervisorId ? 'Save supervisor' : 'Clear supervisor'}
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
