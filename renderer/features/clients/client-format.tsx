// How a client is named and labelled everywhere: legal name with the preferred name, status, minor
// and confidential-contact badges, age from the date of birth.
import { ageOn, todayIso, type ClientStatus } from '../../../preload/contract.ts';
import { LockKeyhole } from 'lucide-react';
import { Badge, type BadgeTone } from '../../ui/badge.tsx';

interface Named {
  legalFirstName: string;
  legalLastName: string;
  preferredName: string | null;
}

export const legalName = (c: Named): string => `${c.legalFirstName} ${c.legalLastName}`;

/** "Avery Fictus (Ave)": the legal name, and the name they go by when it differs. */
export const displayName = (c: Named): string =>
  c.preferredName && c.preferredName !== c.legalFirstName
    ? `${legalName(c)} (${c.preferredName})`
    : legalName(c);

export const initialsOf = (c: Named): string =>
  `${c.legalFirstName[0] ?? ''}${c.legalLastName[0] ?? ''}`.toUpperCase();

export const ageToday = (dateOfBirth: string): number => ageOn(dateOfBirth, todayIso());

export const STATUS_LABELS: Record<ClientStatus, string> = {
  active: 'Active',
  inactive: 'Inactive',
  discharged: 'Discharged',
};

const STATUS_TONES: Record<ClientStatus, BadgeTone> = {
  active: 'success',
  inactive: 'neutral',
  discharged: 'info',
};

export function StatusBadge({ status }: { status: ClientStatus }) {
  return <Badge tone={STATUS_TONES[status]}>{STATUS_LABELS[status]}</Badge>;
}

export function MinorBadge() {
  return <Badge tone="warning">Minor</Badge>;
}

/** 164.522(b): the client asked to be reached elsewhere; the words say how ("use the alternative address"). */
export function ConfidentialBadge({ instruction }: { instruction: string }) {
  return (
    <span className="confidential-badge" title={`Confidential contact: ${instruction}`}>
      <Badge tone="info">
        <LockKeyhole aria-hidden="true" size={12} className="confidential-badge__icon" />
        <span className="confidential-badge__text">Confidential contact</span>
      </Badge>
      <span className="sr-only">Confidential contact: {instruction}</span>
    </span>
  );
}
