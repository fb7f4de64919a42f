// Staff (owner only): who can sign in, in which role, who supervises whom, and the actions on each
// account.
import { useQuery } from '@tanstack/react-query';
import {
  KeyRound,
  Mail,
  ScrollText,
  ShieldCheck,
  ShieldOff,
  Ticket,
  UserMinus,
  UserPlus,
  UsersRound,
} from 'lucide-react';
import { useState } from 'react';
import { ROLE_LABELS, type StaffMember } from '../../../preload/contract.ts';
import { useSignedIn } from '../../app/session.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { Menu } from '../../ui/menu.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { LoadingState } from '../../ui/spinner.tsx';
import { Table } from '../../ui/table.tsx';
import { IssueCodeDialog } from '../backup/issue-code-dialog.tsx';
import { NeedsCodeBanner } from '../backup/needs-code-banner.tsx';
import { backupDateTime } from '../backup/backup-format.ts';
import { ResetSecondFactorDialog } from '../second-factor/reset-dialog.tsx';
import { SecondFactorBadge, useHasSecondFactor } from '../second-factor/staff-badge.tsx';
import { AddStaffDialog } from './add-staff-dialog.tsx';
import { ChangeRoleDialog } from './change-role-dialog.tsx';
import { CustodianDialog } from './custodian-dialog.tsx';
import { DeactivateDialog } from './deactivate-dialog.tsx';
import { InvitationDialog } from './invitation-dialog.tsx';
import { InviteDialog } from './invite-dialog.tsx';
import { ResetPasswordDialog } from './reset-password-dialog.tsx';
import { staffQuery } from './staff-query.ts';
import { SupervisorDialog } from './supervisor-dialog.tsx';
import { supervisionQuery, type StaffRef } from './supervision-query.ts';

type Action =
  'role' | 'reset' | 'deactivate' | 'supervisor' | 'code' | 'secondFactor' | 'invitation' | 'custodian';
type Open = { kind: 'add' } | { kind: 'invite' } | { kind: Action; member: StaffMember } | null;

export function StaffPage() {
  const { session } = useSignedIn();
  const staff = useQuery(staffQuery);
  const supervision = useQuery(supervisionQuery);
  const supervisorOf = (id: string): StaffRef | null =>
    supervision.data?.find((s) => s.supervisee.id === id)?.supervisor ?? null;
  const [open, setOpen] = useState<Open>(null);
  const close = (): void => {
    setOpen(null);
  };

  return (
    <div className="page">
      <PageHeader
        title="Staff"
        description="Everyone who can sign in to Stillwater on this computer, and what their role lets them see."
        actions={
          <>
            <Button
              variant="ghost"
              icon={<UserPlus aria-hidden="true" size={16} />}
              onClick={() => {
                setOpen({ kind: 'add' });
              }}
            >
              Add with a temporary password
            </Button>
            <Button
              variant="primary"
              icon={<Mail aria-hidden="true" size={16} />}
              onClick={() => {
                setOpen({ kind: 'invite' });
              }}
            >
              Invite staff member
            </Button>
          </>
        }
      />
      {staff.isPending && <LoadingState label="Loading staff…" />}
      {staff.isError && (
        <Banner tone="danger" title="The staff list could not be loaded" live>
          {staff.error.message}
        </Banner>
      )}
      {staff.data && <NeedsCodeBanner staff={staff.data} />}
      {staff.data && (
        <Table caption="Staff members">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Username</th>
              <th scope="col">Role</th>
              <th scope="col">Supervisor</th>
              <th scope="col">Status</th>
              <th scope="col">Sign-in</th>
              <th scope="col" className="table__actions">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {staff.data.map((member) => (
              <StaffRow
                key={member.id}
                member={member}
                isSelf={member.id === session.user.id}
                supervisor={supervisorOf(member.id)}
                onAction={(kind) => {
                  setOpen({ kind, member });
                }}
              />
            ))}
          </tbody>
        </Table>
      )}
      {open?.kind === 'add' && <AddStaffDialog onClose={close} />}
      {open?.kind === 'invite' && <InviteDialog onClose={close} />}
      {open?.kind === 'invitation' && <InvitationDialog member={open.member} onClose={close} />}
      {open?.kind === 'custodian' && (
        <CustodianDialog member={open.member} staff={staff.data ?? []} onClose={close} />
      )}
      {open?.kind === 'role' && <ChangeRoleDialog member={open.member} onClose={close} />}
      {open?.kind === 'reset' && <ResetPasswordDialog member={open.member} onClose={close} />}
      {open?.kind === 'deactivate' && <DeactivateDialog member={open.member} onClose={close} />}
      {open?.kind === 'code' && <IssueCodeDialog member={open.member} onClose={close} />}
      {open?.kind === 'secondFactor' && <ResetSecondFactorDialog member={open.member} onClose={close} />}
      {open?.kind === 'supervisor' && (
        <SupervisorDialog
          member={open.member}
          current={supervisorOf(open.member.id)}
          staff={staff.data ?? []}
          onClose={close}
        />
      )}
    </div>
  );
}

interface StaffRowProps {
  member: StaffMember;
  isSelf: boolean;
  supervisor: StaffRef | null;
  onAction: (kind: Action) => void;
}

function StaffRow({ member, isSelf, supervisor, onAction }: StaffRowProps) {
  const clinical = member.role !== 'front_desk';
  const hasSecondFactor = useHasSecondFactor(member.id);
  const notes: { text: string; tone: 'warning' | 'danger' }[] = [];
  if (member.invitation)
    notes.push(
      member.invitation.expired
        ? { text: 'Invitation expired', tone: 'danger' }
        : { text: `Invited · code expires ${backupDateTime(member.invitation.expiresAt)}`, tone: 'warning' },
    );
  else if (member.active && member.mustChangePassword)
    notes.push({ text: 'Must change password', tone: 'warning' });
  if (member.active && !member.canSignIn && !member.invitation)
    notes.push({ text: 'Cannot sign in on this computer', tone: 'danger' });
  return (
    <tr className={member.active ? undefined : 'table__row--muted'}>
      <td>
        <div className="cell-person">
          <span className="cell-person__name">
            {member.displayName}
            {isSelf && <Badge tone="accent">You</Badge>}
          </span>
          {(member.credentials ?? member.licenseNumber) && (
            <span className="cell-person__meta">
              {[member.credentials, member.licenseNumber ? `License ${member.licenseNumber}` : null]
                .filter(Boolean)
                .join(' · ')}
            </span>
          )}
          {member.active && member.custodian && (
            <span className="cell-person__meta">Records custodian: {member.custodian.displayName}</span>
          )}
        </div>
      </td>
      <td className="mono">{member.username}</td>
      <td>{ROLE_LABELS[member.role]}</td>
      <td>
        {!clinical ? (
          <span className="muted">—</span>
        ) : supervisor ? (
          <span className="cell-supervisor">{supervisor.displayName}</span>
        ) : (
          <span className="muted">None</span>
        )}
      </td>
      <td>
        {member.active ? <Badge tone="success">Active</Badge> : <Badge tone="neutral">Deactivated</Badge>}
      </td>
      <td>
        {notes.length === 0 && !hasSecondFactor ? (
          <span className="muted">{member.active ? 'Ready' : '—'}</span>
        ) : (
          <div className="cell-badges">
            {notes.map((n) => (
              <Badge key={n.text} tone={n.tone}>
                {n.text}
              </Badge>
            ))}
            <SecondFactorBadge userId={member.id} />
          </div>
        )}
      </td>
      <td className="table__actions">
        {member.active && (
          <Menu
            label={`Actions for ${member.displayName}`}
            items={[
              {
                label: 'Change role',
                icon: <ShieldCheck aria-hidden="true" size={16} />,
                onSelect: () => {
                  onAction('role');
                },
              },
              ...(clinical
                ? [
                    {
                      label: supervisor ? 'Change supervisor' : 'Set supervisor',
                      icon: <UsersRound aria-hidden="true" size={16} />,
                      onSelect: () => {
                        onAction('supervisor');
                      },
                    },
                  ]
                : []),
              ...(member.invitation
                ? [
                    {
                      label: 'Invitation…',
                      icon: <Mail aria-hidden="true" size={16} />,
                      onSelect: () => {
                        onAction('invitation');
                      },
                    },
                  ]
                : []),
              ...(clinical
                ? [
                    {
                      label: member.custodian ? 'Change records custodian' : 'Name records custodian',
                      icon: <ScrollText aria-hidden="true" size={16} />,
                      onSelect: () => {
                        onAction('custodian');
                      },
                    },
                  ]
                : []),
              {
                label: 'Reset password',
                icon: <KeyRound aria-hidden="true" size={16} />,
                onSelect: () => {
                  onAction('reset');
                },
              },
              ...(isSelf || !hasSecondFactor
                ? []
                : [
                    {
                      label: 'Reset second factor',
                      icon: <ShieldOff aria-hidden="true" size={16} />,
                      onSelect: () => {
                        onAction('secondFactor');
                      },
                    },
                  ]),
              ...(isSelf
                ? []
                : [
                    {
                      label: 'Issue sign-in code',
                      icon: <Ticket aria-hidden="true" size={16} />,
                      onSelect: () => {
                        onAction('code');
                      },
                    },
                  ]),
              {
                label: 'Deactivate',
                icon: <UserMinus aria-hidden="true" size={16} />,
                tone: 'danger',
                onSelect: () => {
                  onAction('deactivate');
                },
              },
            ]}
          />
        )}
      </td>
    </tr>
  );
}
