// The top of a chart, built to be read in a second: who (name, preferred name, pronouns, age),
// which chart, status and minor flags, the primary clinician, the guardian, and how the client
// may be contacted ("No voicemail", "Texts OK"), with a banner when the client asked for
// confidential communications (45 CFR 164.522(b)).
import {
  Mail,
  MailX,
  MessageSquare,
  MessageSquareOff,
  PhoneOff,
  Voicemail,
  type LucideIcon,
} from 'lucide-react';
import type { ReactNode } from 'react';
import { formatPhone, type ClientRecord } from '../../../../preload/contract.ts';
import { formatCalendarDate } from '../../../lib/calendar-date.ts';
import { Badge } from '../../../ui/badge.tsx';
import { cx } from '../../../ui/cx.ts';
import { initialsOf, legalName, MinorBadge, StatusBadge } from '../client-format.tsx';
import { ConfidentialContactBanner } from './confidential-contact.tsx';

export function ChartHeader({ client, actions }: { client: ClientRecord; actions: ReactNode }) {
  const minor = client.age < 18;
  const guardian = client.guardians[0];
  const preferred =
    client.preferredName && client.preferredName !== client.legalFirstName ? client.preferredName : null;
  const confidential = client.confidentialCommunications;
  return (
    <header className="chart-header" aria-label="Client summary">
      <div className="chart-header__top">
        <span className="client-avatar client-avatar--lg" aria-hidden="true">
          {initialsOf(client)}
        </span>
        <div className="chart-header__identity">
          <h1 className="chart-header__name">
            {legalName(client)}
            {preferred && <span className="chart-header__preferred">goes by {preferred}</span>}
          </h1>
          <p className="chart-header__meta">
            {client.pronouns && <span>{client.pronouns}</span>}
            <span>
              {client.age} {client.age === 1 ? 'year' : 'years'} · born{' '}
              {formatCalendarDate(client.dateOfBirth)}
            </span>
            <span>
              Chart <span className="mono">{client.chartNumber}</span>
            </span>
          </p>
          <div className="chart-header__badges">
            <StatusBadge status={client.status} />
            {minor && <MinorBadge />}
            {client.minorSelfConsentBasis && <Badge tone="accent">Consents to own care</Badge>}
          </div>
        </div>
        <div className="chart-header__actions">{actions}</div>
      </div>
      <ConfidentialContactBanner client={client} />
      <dl className="chart-header__facts">
        <div>
          <dt>Primary clinician</dt>
          <dd>{client.primaryClinician.displayName}</dd>
        </div>
        <div>
          <dt>{minor ? 'Guardian' : 'Emergency contact'}</dt>
          <dd>
            {minor ? (
              guardian ? (
                <>
                  {guardian.name} <span className="muted">({guardian.relation})</span>
                  <span className="chart-header__sub">{formatPhone(guardian.phone)}</span>
                </>
              ) : client.minorSelfConsentBasis ? (
                <span className="muted">None: consents to own care</span>
              ) : (
                <span className="text-warning">No guardian on file</span>
              )
            ) : client.emergencyContact ? (
              <>
                {client.emergencyContact.name}{' '}
                <span className="muted">({client.emergencyContact.relation})</span>
                <span className="chart-header__sub">{formatPhone(client.emergencyContact.phone)}</span>
              </>
            ) : (
              <span className="muted">None recorded</span>
            )}
          </dd>
        </div>
        <div>
          <dt>{confidential?.phone ? 'Alternative phone' : 'Phone'}</dt>
          <dd>
            {confidential?.phone ? (
              formatPhone(confidential.phone)
            ) : client.phone ? (
              formatPhone(client.phone)
            ) : (
              <span className="muted">None recorded</span>
            )}
          </dd>
        </div>
        <div className="chart-header__contact">
          <dt>Contact preferences</dt>
          <dd>
            <ul className="caution-list" aria-label="Contact preferences">
              <Caution
                ok={client.communication.voicemailOk && !confidential?.noVoicemail}
                okIcon={Voicemail}
                noIcon={PhoneOff}
                yes="Voicemail OK"
                no="No voicemail"
              />
              <Caution
                ok={client.communication.textOk}
                okIcon={MessageSquare}
                noIcon={MessageSquareOff}
                yes="Texts OK"
                no="No texts"
              />
              <Caution
                ok={client.communication.emailOk}
                okIcon={Mail}
                noIcon={MailX}
                yes="Email OK"
                no="No email"
              />
            </ul>
          </dd>
        </div>
      </dl>
    </header>
  );
}

interface CautionProps {
  ok: boolean;
  okIcon: LucideIcon;
  noIcon: LucideIcon;
  yes: string;
  no: string;
}

function Caution({ ok, okIcon: OkIcon, noIcon: NoIcon, yes, no }: CautionProps) {
  const Icon = ok ? OkIcon : NoIcon;
  return (
    <li className={cx('caution', ok ? 'caution--ok' : 'caution--no')}>
      <Icon aria-hidden="true" size={14} />
      {ok ? yes : no}
    </li>
  );
}
