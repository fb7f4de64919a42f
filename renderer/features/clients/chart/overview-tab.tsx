// A chart's overview: demographics and contact, confidential contact, insurance, emergency contact,
// guardians, the care team and the status with its history; for clinicians, the screening trend.
import { Contact, IdCard, LifeBuoy, ShieldCheck, UsersRound } from 'lucide-react';
import type { ReactNode } from 'react';
import { formatPhone, LEGAL_AUTHORITY_LABELS, type ClientRecord } from '../../../../preload/contract.ts';
import { formatCalendarDate } from '../../../lib/calendar-date.ts';
import { Card } from '../../../ui/card.tsx';
import { ScreeningSummaryCard } from '../../screenings/screening-summary-card.tsx';
import { US_STATES } from '../../practice/us-states.ts';
import { CareTeamCard } from './care-team-card.tsx';
import { ConfidentialContactCard } from './confidential-contact.tsx';
import { StatusCard } from './status-card.tsx';

const RELATIONS = { self: 'Self', spouse: 'Spouse or partner', parent: 'Parent', other: 'Other' } as const;

function Fact({ label, children, wide = false }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? 'facts__wide' : undefined}>
      <dt>{label}</dt>
      <dd>{children ?? <span className="muted">—</span>}</dd>
    </div>
  );
}

const none = <span className="muted">Not recorded</span>;

function Permission({ allowed, to }: { allowed: boolean; to: string | null }) {
  if (!allowed) return <span className="text-warning">Not allowed</span>;
  return (
    <>
      Allowed
      {to && <span className="fact-sub">{to}</span>}
    </>
  );
}

export function OverviewTab({
  client,
  onChangeStatus,
}: {
  client: ClientRecord;
  onChangeStatus: () => void;
}) {
  const a = client.address;
  const c = client.communication;
  return (
    <div className="overview">
      <div className="overview__main">
        <Card title="Demographics and contact" icon={<IdCard size={18} />}>
          <dl className="facts facts--two">
            <Fact label="Legal name">
              {client.legalFirstName} {client.legalLastName}
            </Fact>
            <Fact label="Preferred name">{client.preferredName ?? none}</Fact>
            <Fact label="Pronouns">{client.pronouns ?? none}</Fact>
            <Fact label="Gender identity">{client.genderIdentity ?? none}</Fact>
            <Fact label="Date of birth">
              {formatCalendarDate(client.dateOfBirth)} <span className="muted">({client.age} years)</span>
            </Fact>
            <Fact label="Chart number">
              <span className="mono">{client.chartNumber}</span>
            </Fact>
            <Fact label="Phone">
              {client.phone ? formatPhone(client.phone) : none}
              {client.confidentialCommunications?.phone && (
                <span className="fact-sub">Call the alternative phone instead</span>
              )}
            </Fact>
            <Fact label="Email">{client.email ?? none}</Fact>
            <Fact label="Address" wide>
              {a ? (
                <>
                  {a.line1}
                  {a.line2 && `, ${a.line2}`}
                  <br />
                  {a.city}, {US_STATES.find((s) => s.code === a.region)?.code ?? a.region} {a.postalCode}
                </>
              ) : (
                none
              )}
              {client.confidentialCommunications?.address && (
                <span className="fact-sub">Letters go to the alternative address instead</span>
              )}
            </Fact>
            <Fact label="Referral source" wide>
              {client.referralSource ?? none}
            </Fact>
          </dl>
          <h3 className="card__subtitle">Communication preferences</h3>
          <dl className="facts facts--three">
            <Fact label="Voicemail">
              <Permission
                allowed={c.voicemailOk}
                to={c.voicemailNumber ? formatPhone(c.voicemailNumber) : null}
              />
            </Fact>
            <Fact label="Text messages">
              <Permission allowed={c.textOk} to={c.textNumber ? formatPhone(c.textNumber) : null} />
            </Fact>
            <Fact label="Email messages">
              <Permission allowed={c.emailOk} to={c.emailAddress} />
            </Fact>
          </dl>
        </Card>
        <ConfidentialContactCard client={client} />
        {(client.guardians.length > 0 || client.age < 18) && (
          <Card title="Guardians" icon={<UsersRound size={18} />}>
            {client.guardians.length === 0 ? (
              client.minorSelfConsentBasis ? (
                <p className="muted">No guardian recorded: the client consents to their own care.</p>
              ) : (
                <p className="text-warning">
                  No guardian on file. A client under 18 needs one before the intake can be completed.
                </p>
              )
            ) : (
              <ul className="people-list">
                {client.guardians.map((g) => (
                  <li key={`${g.name}-${g.phone}`} className="people-list__item people-list__item--top">
                    <div>
                      <span className="people-list__name">
                        {g.name} <span className="muted">({g.relation})</span>
                      </span>
                      <span className="people-list__meta">
                        {LEGAL_AUTHORITY_LABELS[g.legalAuthority]}
                        {g.authorityNote && `: ${g.authorityNote}`}
                      </span>
                    </div>
                    <div className="people-list__contact">
                      <span>{formatPhone(g.phone)}</span>
                      {g.email && <span className="muted">{g.email}</span>}
                    </div>
                  </li>
                ))}
              </ul>
            )}
            {client.minorSelfConsentBasis && (
              <div className="note">
                <ShieldCheck aria-hidden="true" size={16} />
                <div>
                  <strong>Consents to their own care.</strong> {client.minorSelfConsentBasis} Records of this
                  care are never released to, or on the authority of, the guardian.
                </div>
              </div>
            )}
          </Card>
        )}
        <Card title="Insurance" icon={<Contact size={18} />}>
          {client.insurance ? (
            <dl className="facts facts--four">
              <Fact label="Carrier">{client.insurance.carrier}</Fact>
              <Fact label="Member ID">
                <span className="mono">{client.insurance.memberId}</span>
              </Fact>
              <Fact label="Group">{client.insurance.groupNumber ?? none}</Fact>
              <Fact label="Subscriber">
                {client.insurance.subscriberName}{' '}
                <span className="muted">({RELATIONS[client.insurance.subscriberRelation]})</span>
              </Fact>
            </dl>
          ) : (
            <p className="muted">No insurance recorded: self-pay.</p>
          )}
        </Card>
      </div>
      <div className="overview__side">
        {client.access.clinical && <ScreeningSummaryCard clientId={client.id} />}
        <CareTeamCard client={client} />
        <Card title="Emergency contact" icon={<LifeBuoy size={18} />}>
          {client.emergencyContact ? (
            <dl className="facts">
              <Fact label="Name">
                {client.emergencyContact.name}{' '}
                <span className="muted">({client.emergencyContact.relation})</span>
              </Fact>
              <Fact label="Phone">{formatPhone(client.emergencyContact.phone)}</Fact>
            </dl>
          ) : (
            <p className="muted">None recorded.</p>
          )}
        </Card>
        <StatusCard client={client} onChange={onChangeStatus} />
      </div>
    </div>
  );
}
