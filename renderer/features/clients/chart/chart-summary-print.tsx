// The chart summary on paper: Print summary asks main for the chart and its timeline as this user
// may see them (notes.printChartSummary, recorded in the audit log as a print of the chart) and
// prints them on a sheet of their own. Front desk's summary lists sessions, never their content.
import { createPortal } from 'react-dom';
import {
  formatPhone,
  INSTRUMENTS,
  SEVERITY_LABELS,
  type ClientRecord,
  type Output,
  type TimelineEntry,
} from '../../../../preload/contract.ts';
import { call } from '../../../api.ts';
import { useSignedIn } from '../../../app/session.tsx';
import { formatCalendarDate } from '../../../lib/calendar-date.ts';
import { PrintButton, SheetFact, SheetFooter } from '../../../ui/print-button.tsx';
import { KIND_LABELS, minutesText } from '../../notes/note-format.tsx';
import { legalName, STATUS_LABELS } from '../client-format.tsx';
import { confidentialInstruction } from './confidential-contact.tsx';

type Summary = Output<'notes.printChartSummary'>;

export function ChartSummaryPrintButton({ clientId }: { clientId: string }) {
  return (
    <PrintButton
      label="Print summary"
      load={() => call('notes.printChartSummary', { clientId })}
      sheet={(summary) => <SummarySheet summary={summary} />}
    />
  );
}

function addressOf(c: Pick<ClientRecord, 'address'>): string | null {
  const a = c.address;
  if (!a) return null;
  return [a.line1, a.line2, `${a.city}, ${a.region} ${a.postalCode}`].filter(Boolean).join(', ');
}

/** What happened on a timeline entry's date, in a line. */
function entryText(e: TimelineEntry): { what: string; who: string | null } {
  switch (e.type) {
    case 'note': {
      const parts = [
        `${KIND_LABELS[e.kind]} (${e.templateLabel})`,
        e.serviceCode,
        minutesText(e.durationMinutes),
        e.status === 'draft' ? 'draft' : e.cosigned ? 'signed, co-signed' : 'signed',
        e.addenda > 0 ? `${String(e.addenda)} addend${e.addenda === 1 ? 'um' : 'a'}` : null,
        // What it addressed, as stored at signing (issue 20); a changed note says so instead.
        e.addressedDiagnoses.length > 0
          ? `addressed ${e.addressedDiagnoses.map((d) => `${d.code} ${d.description}`).join('; ')}`
          : null,
        e.goalProgress.length > 0
          ? `${String(e.goalProgress.length)} plan goal${e.goalProgress.length === 1 ? '' : 's'} marked`
          : null,
        e.integrity === 'tampered' ? 'CHANGED AFTER SIGNING' : null,
      ];
      return { what: parts.filter(Boolean).join(' · '), who: e.author.displayName };
    }
    case 'session':
      return { what: ['Session', e.serviceCode].filter(Boolean).join(' · '), who: e.clinician.displayName };
    case 'intake':
      return { what: e.status === 'completed' ? 'Intake completed' : 'Intake in progress', who: null };
    case 'screening':
      return {
        what: `${INSTRUMENTS[e.instrument].name}: ${String(e.total)} (${(SEVERITY_LABELS as Record<string, string>)[e.severity] ?? e.severity})`,
        who: null,
      };
  }
}

function SummarySheet({ summary }: { summary: Summary }) {
  const { practiceName, session } = useSignedIn();
  const c = summary.client;
  return createPortal(
    <article className="print-sheet print-sheet--record record-sheet" aria-hidden="true">
      <p className="print-sheet__brand">{practiceName}</p>
      <h1 className="print-sheet__title">Chart summary</h1>
      <dl className="print-sheet__meta">
        <SheetFact
          label="Client"
          value={`${legalName(c)}${c.preferredName ? ` (${c.preferredName})` : ''}`}
        />
        <SheetFact label="Chart" value={c.chartNumber} />
        <SheetFact label="Born" value={formatCalendarDate(c.dateOfBirth)} />
        <SheetFact label="Status" value={STATUS_LABELS[c.status]} />
      </dl>
      <dl className="record-sheet__facts">
        <SheetFact label="Pronouns" value={c.pronouns} />
        <SheetFact label="Phone" value={c.phone ? formatPhone(c.phone) : null} />
        <SheetFact label="Email" value={c.email} />
        <SheetFact label="Address" value={addressOf(c)} />
        {c.confidentialCommunications && (
          <SheetFact
            label="Confidential contact"
            value={[
              confidentialInstruction(c.confidentialCommunications),
              c.confidentialCommunications.address
                ? addressOf({ address: c.confidentialCommunications.address })
                : null,
              c.confidentialCommunications.phone ? formatPhone(c.confidentialCommunications.phone) : null,
            ]
              .filter(Boolean)
              .join(' ')}
          />
        )}
        <SheetFact label="Primary clinician" value={c.primaryClinician.displayName} />
        <SheetFact label="Care team" value={c.careTeam.map((m) => m.displayName).join(', ') || null} />
        <SheetFact
          label="Emergency contact"
          value={
            c.emergencyContact
              ? `${c.emergencyContact.name} (${c.emergencyContact.relation}), ${formatPhone(c.emergencyContact.phone)}`
              : null
          }
        />
        <SheetFact
          label="Insurance"
          value={c.insurance ? `${c.insurance.carrier}, member ${c.insurance.memberId}` : null}
        />
      </dl>
      <section className="record-sheet__section">
        <h2>{c.access.clinical ? 'Timeline' : 'Sessions'}</h2>
        {summary.timeline.length === 0 ? (
          <p>Nothing recorded yet.</p>
        ) : (
          <table className="record-sheet__table">
            <thead>
              <tr>
                <th>Date</th>
                <th>What</th>
                <th>By</th>
              </tr>
            </thead>
            <tbody>
              {summary.timeline.map((e, i) => {
                const { what, who } = entryText(e);
                return (
                  <tr key={`${e.type}-${e.date}-${String(i)}`}>
                    <td>{formatCalendarDate(e.date)}</td>
                    <td>{what}</td>
                    <td>{who ?? ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
      <SheetFooter printedBy={session.user.displayName} />
    </article>,
    document.body,
  );
}
