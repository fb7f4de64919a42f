// What was asked, by whom, and how they were verified; for a client's own request, its legal due
// date and the one extension (164.524(b)(2); state law may shorten both), with the written reason
// given to the client.
import { useQuery } from '@tanstack/react-query';
import { CalendarClock, FileText } from 'lucide-react';
import {
  draftKey,
  EMERGENCY_SITUATION_LABELS,
  PURPOSE_CATEGORY_LABELS,
  RECIPIENT_ROLE_LABELS,
  type ReleaseDetails,
  type ReleaseRecord,
} from '../../../preload/contract.ts';
import { dayNumber, formatCalendarDate, formatShortDateTime } from '../../lib/calendar-date.ts';
import { useDraftDialog } from '../../lib/use-dialog-draft.ts';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { Card } from '../../ui/card.tsx';
import { stateLawQuery } from '../settings/state-law-query.ts';
import { DueDate } from './release-format.tsx';
import { ExtendDialog } from './extend-dialog.tsx';
import { VERIFICATION_LABELS } from './request-values.ts';

type Fact = [label: string, value: string];

function facts(d: ReleaseDetails): Fact[] {
  const verified = (v: { method: keyof typeof VERIFICATION_LABELS; note?: string | undefined }): Fact => [
    'Identity checked',
    `${VERIFICATION_LABELS[v.method]}${v.note ? ` — ${v.note}` : ''}`,
  ];
  switch (d.kind) {
    case 'access':
      return [
        [
          'Who asked',
          d.requesterIsRepresentative ? `${d.requesterName} (personal representative)` : d.requesterName,
        ],
        ...(d.representativeAuthority
          ? [['Representative’s authority', d.representativeAuthority] as Fact]
          : []),
        ...(d.directedTo
          ? [
              ['Copy directed to', `${d.directedTo.name}, ${d.directedTo.address}`] as Fact,
              ['Signed direction', d.signedDirectionOnFile ? 'On file' : 'Not on file yet'] as Fact,
            ]
          : []),
        ['Format', { pdf: 'PDF', fhir: 'FHIR JSON', both: 'PDF and FHIR JSON' }[d.format]],
        verified(d.verification),
      ];
    case 'third_party':
      return [
        ['Who asked', d.requesterName],
        [
          'Recipient',
          `${d.recipient.name}, ${d.recipient.address}${d.recipientIsHealthPlan ? ' (a health plan)' : ''}`,
        ],
        [
          'Purpose',
          d.purposeCategory ? `${d.purpose} (${PURPOSE_CATEGORY_LABELS[d.purposeCategory]})` : d.purpose,
        ],
        verified(d.verification),
      ];
    case 'legal_order':
      return [
        [
          'Document',
          `${d.orderType === 'court_order' ? 'Court order' : 'Subpoena'}, ${d.court}, case ${d.caseNumber}`,
        ],
        ['Issued', `${formatCalendarDate(d.issuedOn)} by ${d.issuedBy}`],
        ['What it names', d.recordsNamed],
        ['Recipient', `${d.recipient.name}, ${d.recipient.address}`],
        ...(d.orderType === 'subpoena'
          ? [
              [
                'Assurance',
                {
                  none: 'None yet',
                  client_notified: 'Client notified',
                  qualified_protective_order: 'Qualified protective order',
                }[d.assurance],
              ] as Fact,
            ]
          : [['Meets 42 CFR 2.61–2.64', d.meetsPart2Order ? 'Yes' : 'No'] as Fact]),
        verified(d.verification),
      ];
    case 'emergency':
      return [
        ['Situation', EMERGENCY_SITUATION_LABELS[d.situation]],
        [d.situation === 'mandated_report' ? 'What is reported' : 'Reason', d.reason],
        ...(d.statute ? [['Law requiring it', d.statute] as Fact] : []),
        ['Recipient', `${d.recipient.name}, ${d.recipient.address}`],
        ['Who they are', RECIPIENT_ROLE_LABELS[d.recipientRole]],
        ...(d.recipientFacility ? [['Facility', d.recipientFacility] as Fact] : []),
        ...(d.disclosedAt ? [['Disclosed', formatShortDateTime(d.disclosedAt)] as Fact] : []),
      ];
  }
}

export function RequestSummary({ record }: { record: ReleaseRecord }) {
  return (
    <Card title="Request" icon={<FileText size={18} />}>
      <dl className="release-facts">
        {facts(record.details).map(([label, value]) => (
          <div key={label} className="release-facts__row">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}

const OPEN = ['draft', 'authorized', 'approved'];

export function DueDateCard({ record }: { record: ReleaseRecord }) {
  // Reopens by itself when a reason was being written as the app locked or closed.
  const extending = useDraftDialog(draftKey('extension', record.summary.id));
  const extensionDays = useQuery(stateLawQuery).data?.deadlines.accessExtensionDays ?? 30;
  const { summary, extension } = record;
  if (summary.kind !== 'access' || !summary.dueOn) return null;
  // Counted from the due date main stored at receipt, not from today's setting.
  const fromReceipt = extension ? null : dayNumber(summary.dueOn) - dayNumber(summary.receivedOn);
  const open = OPEN.includes(summary.status);
  return (
    <Card
      title="Legal due date"
      icon={<CalendarClock size={18} />}
      description={
        fromReceipt === null
          ? 'Extended once (45 CFR 164.524(b)(2)(ii)).'
          : `${String(fromReceipt)} days from receipt (45 CFR 164.524(b)(2)${fromReceipt < 30 ? ', shortened by state law' : ''}).`
      }
      actions={
        open &&
        !extension && (
          <Button size="sm" onClick={extending.show}>
            Extend {extensionDays} days
          </Button>
        )
      }
    >
      <p className="release-due">
        <DueDate summary={summary} />
      </p>
      {summary.urgency === 'overdue' && (
        <Banner tone="danger" title="This request is overdue">
          Act on it now: approve and export, or deny it in writing.
        </Banner>
      )}
      {extension ? (
        <p className="release-due__extension">
          Extended once, to {formatCalendarDate(extension.newDueOn)}. The client was told on{' '}
          {formatCalendarDate(extension.notifiedOn)}: “{extension.reason}”
        </p>
      ) : (
        open && (
          <p className="muted release-due__extension">
            One extension of {extensionDays} days is allowed, if the client is told the reason in writing
            before this date.
          </p>
        )
      )}
      {open && !extension && extending.open && <ExtendDialog record={record} onClose={extending.close} />}
    </Card>
  );
}
