// The professional will: the owner names, in advance, who receives a clinician's caseload when they
// leave. At deactivation that person is preselected; the owner still confirms.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { UseFormSetError } from 'react-hook-form';
import type { StaffMember } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { Field, Select } from '../../ui/field.tsx';
import { FormDialog } from '../../ui/form-dialog.tsx';
import { STAFF_QUERY } from './staff-query.ts';

export function CustodianDialog(props: {
  member: StaffMember;
  staff: readonly StaffMember[];
  onClose: () => void;
}) {
  const { member, staff, onClose } = props;
  const queryClient = useQueryClient();
  const [custodianId, setCustodianId] = useState(member.custodian?.id ?? '');
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const placeError: UseFormSetError<{ custodianId: string }> = (_name, e) => {
    setFieldError(e.message);
  };
  const choices = staff.filter((s) => s.active && s.role !== 'front_desk' && s.id !== member.id);
  const save = useFormMutation({
    mutationFn: () =>
      call('staff.setCustodian', { clinicianId: member.id, custodianId: custodianId || null }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: STAFF_QUERY });
      onClose();
    },
    form: { setError: placeError, fields: ['custodianId'] },
  });
  return (
    <FormDialog
      title={`Records custodian for ${member.displayName}`}
      description="Who receives their clients if they leave the practice. You still confirm when the time comes."
      onClose={onClose}
      mutation={save}
      onSubmit={() => {
        setFieldError(undefined);
        save.submit();
      }}
      problemTitle="The custodian was not changed"
      submitLabel={custodianId ? 'Save custodian' : 'Clear custodian'}
      submitDisabled={custodianId === (member.custodian?.id ?? '')}
    >
      <Field label="Records custodian" error={fieldError}>
        <Select
          value={custodianId}
          data-autofocus
          onChange={(event) => {
            setCustodianId(event.target.value);
          }}
        >
          <option value="">Nobody named</option>
          {choices.map((c) => (
            <option key={c.id} value={c.id}>
              {c.displayName}
            </option>
          ))}
        </Select>
      </Field>
    </FormDialog>
  );
}
