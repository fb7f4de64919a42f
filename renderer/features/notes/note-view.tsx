// A signed note, read-only: who wrote it and when, the session, the signature with its SHA-256 and
// whether the stored content still matches it, the co-signature, every section, and the addenda.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Hourglass, Lock, PenLine, Stamp } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { noteLayout, type NoteRecord } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { useSignedIn } from '../../app/session.tsx';
import { formatCalendarDate, formatShortDateTime } from '../../lib/calendar-date.ts';
import { Badge } from '../../ui/badge.tsx';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { cx } from '../../ui/cx.ts';
import { RecordAmendments } from '../amendments/record-amendments.tsx';
import { Addenda } from './addenda.tsx';
import {
  IntegrityBadge,
  KIND_LABELS,
  modalityText,
  NoteStatusBadge,
  RiskBadge,
  serviceCodeText,
  ShortHash,
  templateText,
  timeText,
} from './note-format.tsx';
import { NoteLinksSection } from './note-links-view.tsx';
import { NotePrintButton } from './note-print.tsx';
import { noteChanged } from './note-queries.ts';
import type { ClientLabel } from './use-client-label.ts';

function Fact({ label, children, wide = false }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? 'facts__wide' : undefined}>
      <dt>{label}</dt>
      <dd>{children ?? <span className="muted">—</span>}</dd>
    </div>
  );
}

export function NoteView({ note, client }: { note: NoteRecord; client: ClientLabel | null }) {
  const { session } = useSignedIn();
  const queryClient = useQueryClient();
  const [cosigning, setCosigning] = useState(false);
  const cosign = useMutation({
    mutationFn: () => call('notes.cosign', { noteId: note.id }),
    onSuccess: (record) => {
      noteChanged(queryClient, record);
      setCosigning(false);
    },
  });
  const privateNote = note.kind === 'psychotherapy';
  const { requiredFrom, cosignedBy, cosignedAt } = note.cosign;
  // A chart open read-only (emergency access) offers no write: no co-signature, no addendum.
  const writable = client?.writable !== false;
  const mayCosign =
    writable && requiredFrom?.id === session.user.id && !cosignedBy && note.integrity === 'ok';

  return (
    <article className="note-view" aria-label={KIND_LABELS[note.kind]}>
      <header className={cx('note-head', privateNote && 'note-head--private')}>
        <div className="note-head__text">
          {client && (
            <p className="note-head__client">
              {client.name}
              {client.chartNumber && <span className="mono"> · {client.chartNumber}</span>}
            </p>
          )}
          <h1 className="note-head__title">
            {KIND_LABELS[note.kind]}
            <span className="note-head__template">{templateText(note)}</span>
            <NoteStatusBadge status={note.status} />
            <IntegrityBadge integrity={note.integrity} />
            {note.part2 && <Badge tone="info">42 CFR Part 2</Badge>}
          </h1>
          <p className="note-head__byline">
            {formatCalendarDate(note.serviceDate)} · {note.author.displayName}
          </p>
          <div className="note-head__tools">
            <NotePrintButton noteId={note.id} client={client} />
          </div>
          {privateNote && (
            <p className="note-head__private">
              <Lock aria-hidden="true" size={15} />
              Psychotherapy note — kept apart from the record, visible only to you
            </p>
          )}
        </div>
        {note.signedAt && note.contentHash && (
          <div className="note-head__signature">
            <p className="note-signature__line">
              <PenLine aria-hidden="true" size={15} />
              <span>
                Signed by <strong>{note.author.displayName}</strong>
                <span className="note-signature__when">{formatShortDateTime(note.signedAt)}</span>
              </span>
            </p>
            <p className="note-signature__hash">
              SHA-256 <ShortHash hash={note.contentHash} />
            </p>
            {requiredFrom && !cosignedBy && (
              <p className="note-signature__cosign note-signature__cosign--waiting">
                <Hourglass aria-hidden="true" size={15} />
                <span>Awaiting co-signature by {requiredFrom.displayName}</span>
              </p>
            )}
            {cosignedBy && (
              <p className="note-signature__cosign">
                <Stamp aria-hidden="true" size={15} />
                <span>
                  Co-signed by <strong>{cosignedBy.displayName}</strong>
                  {cosignedAt && (
                    <span className="note-signature__when">on {formatShortDateTime(cosignedAt)}</span>
                  )}
                </span>
              </p>
            )}
          </div>
        )}
      </header>

      {note.integrity === 'tampered' && (
        <Banner tone="danger" className="banner--prominent" title="Changed after signing" live>
          What is stored for this note no longer matches the SHA-256 recorded when it was signed: it was
          altered outside Stillwater. Do not rely on it. The failed check has been recorded in the audit log;
          tell the practice owner.
        </Banner>
      )}

      {mayCosign && (
        <Banner
          tone="info"
          title={`${note.author.displayName} asks for your co-signature`}
          actions={
            <Button
              variant="primary"
              icon={<Stamp aria-hidden="true" size={16} />}
              onClick={() => {
                cosign.reset();
                setCosigning(true);
              }}
            >
              Co-sign note
            </Button>
          }
        >
          You supervise {note.author.displayName}. Read the note, then co-sign it.
        </Banner>
      )}

      {note.kind === 'progress' && (
        <section className="note-facts-card" aria-label="Session">
          <dl className="facts facts--four">
            <Fact label="Service date">{formatCalendarDate(note.serviceDate)}</Fact>
            <Fact label="Time">{timeText(note)}</Fact>
            <Fact label="Service code">{serviceCodeText(note.serviceCode)}</Fact>
            <Fact label="Modality">{modalityText(note.modality)}</Fact>
            <Fact label="Location">{note.location}</Fact>
            <Fact label="Participants">{note.participants}</Fact>
            <Fact label="Risk">{note.riskLevel ? <RiskBadge level={note.riskLevel} /> : null}</Fact>
            <Fact label="Author">{note.author.displayName}</Fact>
            {note.riskPlan && (
              <Fact label="Risk plan" wide>
                <span className="note-prose">{note.riskPlan}</span>
              </Fact>
            )}
          </dl>
        </section>
      )}

      <NoteLinksSection note={note} />

      <section className="note-body" aria-label="Note">
        {noteLayout(note).sections.map((s) => (
          <div key={s.key} className="note-body__section">
            <h2 className="note-body__heading">{s.label}</h2>
            {note.sections[s.key]?.trim() ? (
              <p className="note-prose">{note.sections[s.key]}</p>
            ) : (
              <p className="muted">Nothing written.</p>
            )}
          </div>
        ))}
      </section>

      {note.status === 'signed' && note.kind === 'progress' && (
        <RecordAmendments clientId={note.clientId} itemKind="note" recordId={note.id} />
      )}

      <Addenda note={note} mayAdd={writable && note.canAmend} />

      {cosigning && (
        <ConfirmDialog
          title="Co-sign this note?"
          confirmLabel="Co-sign note"
          confirmIcon={<Stamp aria-hidden="true" size={16} />}
          busy={cosign.isPending}
          problem={cosign.error?.message ?? null}
          onClose={() => {
            setCosigning(false);
          }}
          onConfirm={() => {
            cosign.mutate();
          }}
        >
          <p>
            Your co-signature, with the date and time, is recorded on {note.author.displayName}’s note and
            cannot be removed.
          </p>
        </ConfirmDialog>
      )}
    </article>
  );
}
