// Change a staff member's role. main keeps at least one active owner (CONFLICT otherwise).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ROLE_LABELS, Role, type StaffMember } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { applyServerError, type FormProblem } from '../../lib/form-errors.ts';
import { Button } from '../../ui/button.tsx';
import { Dialog, DialogFooter } from '../../ui/dialog.tsx';
import { ProblemBanner } from '../../ui/problem-banner.tsx';
import { STAFF_QUERY } from './staff-query.ts';

const ROLE_DETAIL: Record<Role, string> = {
  owner: 'Runs the practice: staff, settings, the audit log and backups. Also works as a clinician.',
  clinician: 'Full charts of the clients on their care team.',
  front_desk: 'Demographics, contact, insurance and scheduling. Never clinical content.',
};

export function ChangeRoleDialog({ member, onClose }: { member: StaffMember; onClose: () => void }) {
  const queryClient = useQueryClient();
  const name = useId();
  const [role, setRole] = useState<Role>(member.role);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const change = useMutation({
    mutationFn: () => call('staff.changeRole', { userId: member.id, role }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: STAFF_QUERY });
      onClose();
    },
    onError: (error) => {
      setProblem(applyServerError(error, () => undefined, { fields: [] }));
    },
  });

  return (
    <Dialog title={`Change ${member.displayName}’s role`} onClose={onClose}>
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setProblem(null);
          change.mutate();
        }}
      >
        <ProblemBanner problem={problem} />
        <fieldset className="choice-list">
          <legend className="sr-only">Role</legend>
          {Role.options.map((option) => (
            <label key={option} className="choice">
              <input
                type="radio"
                name={name}
                value={option}
                checked={role === option}
                data-autofocus={role === option ? true : undefined}
                onChange={() => {
                  setRole(option);
                }}
              />
              <span className="choice__text">
                <span className="choice__title">
                  {ROLE_LABELS[option]}
                  {option === member.role && <span className="choice__current"> (current)</span>}
                </span>
                <span className="choice__detail">{ROLE_DETAIL[option]}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <DialogFooter>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={change.isPending} disabled={role === member.role}>
            Change role
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
