// Deactivate a staff member (issue 21): the owner chooses who receives their clients (the records
// custodian named in advance is preselected); they can no longer sign in, their open windows are
// signed out, and their recorded work stays theirs. Afterwards the owner is offered the rotation
// of the database key (Settings).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Output, StaffMember } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { Dialog, DialogFooter } from '../../ui/dialog.tsx';
import { Field, Select } from '../../ui/field.tsx';
import { ProblemBanner } from '../../ui/problem-banner.tsx';
import { LoadingState } from '../../ui/spinner.tsx';

type Plan = Output<'staff.deactivationPlan'>;
const count = (n: number, one: string, many: string): string => `${String(n)} ${n === 1 ? one : many}`;

export function DeactivateDialog({ member, onClose }: { member: StaffMember; onClose: () => void }) {
  const plan = useQuery({
    queryKey: ['staff', 'deactivationPlan', member.id],
    queryFn: () => call('staff.deactivationPlan', { userId: member.id }),
  });
  return (
    <Dialog title={`Deactivate ${member.displayName}?`} onClose={onClose}>
      {plan.isPending && <LoadingState label="Loading their caseload…" />}
      {plan.isError && (
        <Banner tone="danger" title="Their caseload could not be loaded" live>
          {plan.error.message}
        </Banner>
      )}
      {plan.data && <Confirm member={member} plan={plan.data} onClose={onClose} />}
    </Dialog>
  );
}

function Confirm({ member, plan, onClose }: { member: StaffMember; plan: Plan; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [receiverId, setReceiverId] = useState(plan.custodianId ?? '');
  // What happened, as it was when the owner confirmed: the refreshed plan of a deactivated person
  // has no clients left to count.
  const [done, setDone] = useState<{ clients: number; receiver: string | null } | null>(null);
  const receiver = plan.receivers.find((r) => r.id === receiverId);
  const deactivate = useFormMutation({
    mutationFn: () => call('staff.deactivate', { userId: member.id, ...(receiverId ? { receiverId } : {}) }),
    onSuccess: () => {
      setDone({ clients: plan.clients, receiver: receiver?.displayName ?? null });
      void queryClient.invalidateQueries();
    },
  });
  if (done)
    return (
      <>
        <Banner tone="success" title={`${member.displayName} was deactivated`} live>
          {done.clients > 0 && done.receiver
            ? `${count(done.clients, 'client now has', 'clients now have')} ${done.receiver} as primary clinician.`
            : 'Their sessions ended and their password no longer opens the practice.'}
        </Banner>
        <div className="prose">
          <p>
            If they might still hold a copy of the practice’s key material, rotate the database key: every
            remaining person keeps their password.
          </p>
        </div>
        <DialogFooter>
          <Button variant="ghost" onClick={onClose} data-autofocus>
            Done
          </Button>
          <Button
            variant="primary"
            onClick={() => {
              onClose();
              window.location.hash = '#/settings';
            }}
          >
            Rotate the database key
          </Button>
        </DialogFooter>
      </>
    );
  const needsReceiver = plan.clients > 0;
  return (
    <>
      <ProblemBanner problem={deactivate.problem} />
      <div className="prose">
        <p>
          {member.displayName} is primary clinician of {count(plan.clients, 'client', 'clients')} and on{' '}
          {plan.careTeams === 0 ? 'no other care team' : count(plan.careTeams, 'care team', 'care teams')}.
          They leave every care team; their clients go to the person you choose, who also joins those care
          teams.
        </p>
      </div>
      {needsReceiver && (
        <Field
          label="Receives their clients"
          hint={plan.custodianId ? 'Preselected: the records custodian named for them.' : undefined}
        >
          <Select
            value={receiverId}
            data-autofocus
            onChange={(event) => {
              setReceiverId(event.target.value);
            }}
          >
            <option value="">Choose a clinician…</option>
            {plan.receivers.map((r) => (
              <option key={r.id} value={r.id}>
                {r.displayName}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <ul className="restore-facts">
        <li>They can no longer sign in; if they are signed in now, their session ends.</li>
        <li>Everything they signed stays attributed to them, shown as “(deactivated)”.</li>
        <li>You become custodian of their psychotherapy notes.</li>
      </ul>
      <DialogFooter>
        <Button variant="ghost" onClick={onClose} data-autofocus={!needsReceiver}>
          Cancel
        </Button>
        <Button
          variant="danger"
          busy={deactivate.pending}
          disabled={needsReceiver && !receiverId}
          onClick={() => {
            deactivate.submit();
          }}
        >
          Deactivate {member.displayName}
        </Button>
      </DialogFooter>
    </>
  );
}
