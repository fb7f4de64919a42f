// An invitation not yet redeemed: issue a new code (the old one stops working) or withdraw it
// (the code stops working and the account is closed). Both are audited.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Output, StaffMember } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { Button } from '../../ui/button.tsx';
import { Dialog, DialogFooter } from '../../ui/dialog.tsx';
import { ProblemBanner } from '../../ui/problem-banner.tsx';
import { backupDateTime } from '../backup/backup-format.ts';
import { InvitationHandover } from './invitation-handover.tsx';
import { STAFF_QUERY } from './staff-query.ts';

export function InvitationDialog({ member, onClose }: { member: StaffMember; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [issued, setIssued] = useState<Output<'staff.reissueInvitation'> | null>(null);
  const done = (): void => {
    void queryClient.invalidateQueries({ queryKey: STAFF_QUERY });
  };
  const reissue = useFormMutation({
    mutationFn: () => call('staff.reissueInvitation', { userId: member.id }),
    onSuccess: (r) => {
      setIssued(r);
      done();
    },
  });
  const withdraw = useFormMutation({
    mutationFn: () => call('staff.withdrawInvitation', { userId: member.id }),
    onSuccess: () => {
      done();
      onClose();
    },
  });
  if (issued)
    return (
      <Dialog title={`New code for ${member.displayName}`} onClose={onClose}>
        <InvitationHandover invitation={issued} />
        <DialogFooter>
          <Button variant="primary" onClick={onClose} data-autofocus>
            Done
          </Button>
        </DialogFooter>
      </Dialog>
    );
  const invitation = member.invitation;
  return (
    <Dialog title={`Invitation of ${member.displayName}`} size="sm" onClose={onClose}>
      <ProblemBanner problem={reissue.problem ?? withdraw.problem} />
      <div className="prose">
        <p>
          {invitation?.expired
            ? `Their code expired on ${backupDateTime(invitation.expiresAt)}.`
            : invitation
              ? `Their code works until ${backupDateTime(invitation.expiresAt)}.`
              : 'They have no code outstanding.'}
        </p>
        <p className="muted">
          A new code replaces the old one. Withdrawing stops the code and closes the account; their username
          stays reserved.
        </p>
      </div>
      <DialogFooter>
        <Button variant="ghost" onClick={onClose}>
          Cancel
        </Button>
        <Button
          variant="danger"
          busy={withdraw.pending}
          onClick={() => {
            withdraw.submit();
          }}
        >
          Withdraw invitation
        </Button>
        <Button
          variant="primary"
          busy={reissue.pending}
          onClick={() => {
            reissue.submit();
          }}
          data-autofocus
        >
          Issue a new code
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
