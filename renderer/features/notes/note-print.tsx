// One note on paper (supervision, a court-ordered copy): Print asks main for the note (notes.print,
// the same access rule as opening it, recorded in the audit log as a print) and prints it on a
// sheet of its own: the session, what it addressed (diagnoses, goal progress), every section, the
// signature with its SHA-256, the addenda.
import { createPortal } from 'react-dom';
import { noteLayout, type NoteRecord } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { useSignedIn } from '../../app/session.tsx';
import { formatCalendarDate, formatShortDateTime } from '../../lib/calendar-date.ts';
import { PrintButton, SheetFact, SheetFooter } from '../../ui/print-button.tsx';
import {
  KIND_LABELS,
  modalityText,
  RISK_LABELS,
  isRisk,
  serviceCodeText,
  templateText,
  timeText,
} from './note-format.tsx';
import { NoteLinksSheet } from './note-links-view.tsx';
import type { ClientLabel } from './use-client-label.ts';

/** 42 CFR 2.32: the short statement that goes with a Part 2 record (LEGAL.md). */
const PART2_NOTICE = '42 CFR part 2 prohibits unauthorized use or disclosure of these records.';

export function NotePrintButton({ noteId, client }: { noteId: string; client: ClientLabel | null }) {
  return (
    <PrintButton
      label="Print"
      size="sm"
      load={() => call('notes.print', { noteId })}
      sheet={(note) => <NoteSheet note={note} client={client} />}
    />
  );
}

function NoteSheet({ note, client }: { note: NoteRecord; client: ClientLabel | null }) {
  const { practiceName, session } = useSignedIn();
  return createPortal(
    <article className="print-sheet print-sheet--record record-sheet" aria-hidden="true">
      <p className="print-sheet__brand">{practiceName}</p>
      <h1 className="print-sheet__title">
        {KIND_LABELS[note.kind]}
        {note.status === 'draft' && ' — draft, not signed'}
      </h1>
      <dl className="print-sheet__meta">
        <SheetFact
          label="Client"
          value={
            client ? `${client.name}${client.chartNumber ? ` (chart ${client.chartNumber})` : ''}` : null
          }
        />
        <SheetFact label="Service date" value={formatCalendarDate(note.serviceDate)} />
        <SheetFact label="Author" value={note.author.displayName} />
        <SheetFact label="Template" value={templateText(note)} />
      </dl>
      {note.kind === 'progress' && (
        <dl className="record-sheet__facts">
          <SheetFact label="Time" value={timeText(note)} />
          <SheetFact label="Service code" value={serviceCodeText(note.serviceCode)} />
          <SheetFact label="Modality" value={modalityText(note.modality)} />
          <SheetFact label="Location" value={note.location} />
          <SheetFact label="Participants" value={note.participants} />
          <SheetFact
            label="Risk"
            value={note.riskLevel && isRisk(note.riskLevel) ? RISK_LABELS[note.riskLevel] : note.riskLevel}
          />
          {note.riskPlan && <SheetFact label="Risk plan" value={note.riskPlan} />}
        </dl>
      )}
      <NoteLinksSheet note={note} />
      {noteLayout(note).sections.map((s) => (
        <section key={s.key} className="record-sheet__section">
          <h2>{s.label}</h2>
          <p>{note.sections[s.key]?.trim() ? note.sections[s.key] : 'Nothing written.'}</p>
        </section>
      ))}
      {note.signedAt && note.contentHash && (
        <p className="record-sheet__signature">
          Signed by {note.author.displayName} on {formatShortDateTime(note.signedAt)}. SHA-256 of the signed
          content: <span className="record-sheet__hash">{note.contentHash}</span>
          {note.integrity === 'tampered' && ' — WARNING: the stored note no longer matches this hash.'}
        </p>
      )}
      {note.cosign.cosignedBy && note.cosign.cosignedAt && (
        <p className="record-sheet__signature">
          Co-signed by {note.cosign.cosignedBy.displayName} on {formatShortDateTime(note.cosign.cosignedAt)}.
        </p>
      )}
      {note.addenda.length > 0 && (
        <section className="record-sheet__section">
          <h2>Addenda</h2>
          {note.addenda.map((a) => (
            <div key={a.id} className="record-sheet__addendum">
              <p className="record-sheet__addendum-by">
                {a.author.displayName}, {formatShortDateTime(a.signedAt)}
              </p>
              <p>{a.text}</p>
            </div>
          ))}
        </section>
      )}
      <SheetFooter printedBy={session.user.displayName}>
        {note.part2 && <p className="record-sheet__notice">{PART2_NOTICE}</p>}
        {note.kind === 'psychotherapy' && (
          <p className="record-sheet__notice">
            Psychotherapy note (45 CFR 164.501): kept apart from the record; it may not be disclosed without
            an authorization of its own.
          </p>
        )}
      </SheetFooter>
    </article>,
    document.body,
  );
}
