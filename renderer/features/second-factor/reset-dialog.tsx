// Staff > Reset second factor (owner): removes someone's authenticator and recovery codes (their
// phone is lost and so are the codes). Audited in main. If the practice requires a factor for
// their role, they set up a new one at their next sign-in.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ShieldOff } from 'lucide-react';
import type { StaffMember } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { STAFF_FACTORS_QUERY } from './queries.ts';

export function ResetSecondFactorDialog({ member, onClose }: { member: StaffMember; onClose: () => void }) {
  const queryClient = useQueryClient();
  const reset = useMutation({
    mutationFn: () => call('secondFactor.reset', { userId: member.id }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: STAFF_FACTORS_QUERY });
      onClose();
    },
  });
  return (
    <ConfirmDialog
      title={`Reset ${member.displayName}’s second factor?`}
      confirmLabel="Reset second factor"
      confirmIcon={<ShieldOff aria-hidden="true" size={16} />}
      variant="danger"
      busy={reset.isPending}
      problem={reset.error?.message ?? null}
      onConfirm={() => {
        reset.mutate();
      }}
      onClose={onClose}
    >
      <p>
        Their authenticator app and all their recovery codes stop working at once. Do this only after checking
        it is really {member.displayName} asking (in person or by phone).
      </p>
      <p>
        At their next sign-in they use their password alone, or set up a new second factor if the practice
        requires one for their role. The reset is recorded in the audit log.
      </p>
    </ConfirmDialog>
  );
}
