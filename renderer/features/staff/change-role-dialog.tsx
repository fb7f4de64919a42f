// Change a staff member's role. main keeps at least one active owner (CONFLICT otherwise).
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ROLE_LABELS, Role, type StaffMember } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { ChoiceGroupField, type ChoiceOption } from '../../ui/choice-group-field.tsx';
import { FormDialog } from '../../ui/form-dialog.tsx';
import { STAFF_QUERY } from './staff-query.ts';

const ROLE_DETAIL: Record<Role, string> = {
  owner: 'Runs the practice: staff, settings, the audit log and backups. Also works as a clinician.',
  clinician: 'Full charts of the clients on their care team.',
  front_desk: 'Demographics, contact, insurance and scheduling. Never clinical content.',
};

export function ChangeRoleDialog({ member, onClose }: { member: StaffMember; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [role, setRole] = useState<Role>(member.role);
  const change = useFormMutation({
    mutationFn: () => call('staff.changeRole', { userId: member.id, role }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: STAFF_QUERY });
      onClose();
    },
  });
  const options: ChoiceOption<Role>[] = Role.options.map((option) => ({
    value: option,
    label: (
      <>
        {ROLE_LABELS[option]}
        {option === member.role && <span className="choice-group__current"> (current)</span>}
      </>
    ),
    description: ROLE_DETAIL[option],
  }));

  return (
    <FormDialog
      title={`Change ${member.displayName}’s role`}
      onClose={onClose}
      mutation={change}
      onSubmit={() => {
        change.submit();
      }}
      submitLabel="Change role"
      submitDisabled={role === member.role}
    >
      <ChoiceGroupField
        label="Role"
        hideLabel
        variant="list"
        options={options}
        value={role}
        onChange={setRole}
        autoFocus
      />
    </FormDialog>
  );
}
