// What to tell an invited person: their username and one-time code, shown once, and when it expires.
import { Ticket } from 'lucide-react';
import type { Output } from '../../../preload/contract.ts';
import { backupDateTime } from '../backup/backup-format.ts';

export function InvitationHandover({ invitation }: { invitation: Output<'staff.invite'> }) {
  const { member, code, expiresAt } = invitation;
  return (
    <div className="handover">
      <p>
        Give {member.displayName} these details in person or by phone, not by email. Stillwater shows the code
        only now. At the sign-in page they choose “I have a one-time code” and set their own password.
      </p>
      <dl className="handover__details">
        <div>
          <dt>Username</dt>
          <dd className="mono">{member.username}</dd>
        </div>
        <div>
          <dt>
            <Ticket aria-hidden="true" size={14} /> One-time code
          </dt>
          <dd className="mono" data-testid="invitation-code">
            {code}
          </dd>
        </div>
        <div>
          <dt>Expires</dt>
          <dd>{backupDateTime(expiresAt)}</dd>
        </div>
      </dl>
    </div>
  );
}
