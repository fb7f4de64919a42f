// Deactivate a staff member: they can no longer sign in; everything they recorded stays.
import { useQueryClient } from '@tanstack/react-query';
import type { StaffMember } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { Button } from '../../ui/button.tsx';
import { Dialog, DialogFooter } from '../../ui/dialog.tsx';
import { ProblemBanner } from '../../ui/problem-banner.tsx';
import { STAFF_QUERY } from './staff-query.ts';

export function DeactivateDialog({ member, onClose }: { member: StaffMember; onClose: () => void }) {
  const queryClient = useQueryClient();
  const deactivate = useFormMutation({
    mutationFn: () => call('staff.deactivate', { userId: member.id }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: STAFF_QUERY });
      onClose();
    },
  });

  return (
    <Dialog title={`Deactivate ${member.displayName}?`} size="sm" onClose={onClose}>
      <ProblemBanner problem={deactivate.problem} />
      <div className="prose">
        <p>
          {member.displayName} will no longer be able to sign in, and their password stops opening the
          practice on this computer. If they are signed in now, their session ends.
        </p>
        <p>
          Their history stays: everything they recorded, and every entry about them in the audit log, is kept
          and still shows their name.
        </p>
        <p className="muted">Accounts cannot be reactivated in this version of Stillwater.</p>
      </div>
      <DialogFooter>
        <Button variant="ghost" onClick={onClose} data-autofocus>
          Cancel
        </Button>
        <Button
          variant="danger"
          busy={deactivate.pending}
          onClick={() => {
            deactivate.submit();
          }}
        >
          Deactivate {member.displayName}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
