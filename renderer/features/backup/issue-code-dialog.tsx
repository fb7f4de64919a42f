// The owner issues a one-time sign-in code for one colleague (after a restore on a new computer
// their password stayed with the old one). The code is shown once, with its expiry, to copy or
// print; it works once, and their current password stops working until they use it.
import { useQueryClient } from '@tanstack/react-query';
import { Copy, Printer, Ticket } from 'lucide-react';
import { useState } from 'react';
import { createPortal } from 'react-dom';
import type { Output, StaffMember } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { useSignedIn } from '../../app/session.tsx';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { Button } from '../../ui/button.tsx';
import { Dialog, DialogFooter } from '../../ui/dialog.tsx';
import { ProblemBanner } from '../../ui/problem-banner.tsx';
import { STAFF_QUERY } from '../staff/staff-query.ts';
import { backupDateTime } from './backup-format.ts';

type Code = Output<'backup.issueSignInCode'>;

export function IssueCodeDialog({ member, onClose }: { member: StaffMember; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [code, setCode] = useState<Code | null>(null);
  const issue = useFormMutation({
    mutationFn: () => call('backup.issueSignInCode', { userId: member.id }),
    onSuccess: (issued) => {
      setCode(issued);
      void queryClient.invalidateQueries({ queryKey: STAFF_QUERY });
    },
  });

  if (code)
    return (
      <Dialog title={`Sign-in code for ${member.displayName}`} onClose={onClose}>
        <CodeHandover member={member} code={code} />
        <DialogFooter>
          <Button variant="primary" onClick={onClose} data-autofocus>
            Done
          </Button>
        </DialogFooter>
      </Dialog>
    );

  return (
    <Dialog
      title={`Issue a sign-in code for ${member.displayName}`}
      description="For a colleague who cannot sign in on this computer, such as after the practice was restored from a backup."
      onClose={onClose}
      size="sm"
    >
      <div className="confirm">
        <ProblemBanner problem={issue.problem} />
        <ul className="restore-facts">
          <li>They sign in once with their username and the code, and choose a new password.</li>
          <li>The code works once and expires after 72 hours.</li>
          <li>Until they use it, any password they had on this computer no longer works.</li>
        </ul>
      </div>
      <DialogFooter>
        <Button variant="ghost" onClick={onClose} disabled={issue.pending}>
          Cancel
        </Button>
        <Button
          variant="primary"
          icon={<Ticket aria-hidden="true" size={16} />}
          busy={issue.pending}
          onClick={() => {
            issue.submit();
          }}
          data-autofocus
        >
          Issue code
        </Button>
      </DialogFooter>
    </Dialog>
  );
}

function CodeHandover({ member, code }: { member: StaffMember; code: Code }) {
  const { practiceName } = useSignedIn();
  const [copied, setCopied] = useState<'copied' | 'printed' | 'failed' | null>(null);
  const expires = backupDateTime(code.expiresAt);
  return (
    <div className="handover">
      <p>
        Give {member.displayName} this code in person or by phone, not by email. Stillwater shows it only now.
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
          <dd className="mono sign-in-code">{code.code}</dd>
        </div>
        <div>
          <dt>Expires</dt>
          <dd>{expires}</dd>
        </div>
      </dl>
      <div className="recovery-key__actions">
        <Button
          icon={<Copy aria-hidden="true" size={16} />}
          onClick={() => {
            navigator.clipboard.writeText(code.code).then(
              () => {
                setCopied('copied');
              },
              () => {
                setCopied('failed');
              },
            );
          }}
        >
          Copy code
        </Button>
        <Button
          icon={<Printer aria-hidden="true" size={16} />}
          onClick={() => {
            window.print();
            setCopied('printed');
          }}
        >
          Print
        </Button>
        {copied && (
          <span className="recovery-key__saved" role="status">
            {copied === 'copied'
              ? 'Copied.'
              : copied === 'printed'
                ? 'Sent to the printer.'
                : 'Could not copy; write the code down instead.'}
          </span>
        )}
      </div>
      {createPortal(
        <article className="print-sheet" aria-hidden="true">
          <header className="print-sheet__header">
            <p className="print-sheet__brand">Stillwater</p>
            <h1 className="print-sheet__title">One-time sign-in code</h1>
            <dl className="print-sheet__meta">
              <div>
                <dt>Practice</dt>
                <dd>{practiceName}</dd>
              </div>
              <div>
                <dt>For</dt>
                <dd>
                  {member.displayName} ({member.username})
                </dd>
              </div>
              <div>
                <dt>Expires</dt>
                <dd>{expires}</dd>
              </div>
            </dl>
          </header>
          <p className="print-sheet__code">{code.code}</p>
          <ul className="print-sheet__instructions">
            <li>On the sign-in screen choose “I have a one-time code”.</li>
            <li>Enter your username and this code, then choose a new password.</li>
            <li>The code works once. Destroy this sheet after you have signed in.</li>
          </ul>
        </article>,
        document.body,
      )}
    </div>
  );
}
