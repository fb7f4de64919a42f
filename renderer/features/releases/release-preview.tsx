// What the reviewer sees before deciding, and anyone on the clinical team after: the document that
// will leave (exactly what the PDF prints), what will not leave and why (psychotherapy notes by
// another author, care a minor consented to alone, records a revoked consent no longer covers —
// never their content), the amendment material that goes with the records (45 CFR 164.526), and
// short guidance from main.
import { CircleMinus, FilePen, Info } from 'lucide-react';
import type { ReleasePreview } from '../../../preload/contract.ts';
import { usDate } from '../../../preload/contract/us-date.ts';
import { Badge } from '../../ui/badge.tsx';
import { DocumentPreview } from './document-preview.tsx';

export function WithheldList({ withheld }: { withheld: ReleasePreview['withheld'] }) {
  return (
    <section
      className={withheld.length === 0 ? 'withheld withheld--none' : 'withheld'}
      aria-labelledby="withheld-title"
    >
      <h3 id="withheld-title" className="withheld__title">
        Not included, and why
      </h3>
      {withheld.length === 0 ? (
        <p className="withheld__none">Nothing in the chosen kinds of record and dates is held back.</p>
      ) : (
        <ul className="withheld__list">
          {withheld.map((w) => (
            <li key={`${w.what}-${w.reason}`} className="withheld__item">
              <CircleMinus aria-hidden="true" size={16} className="withheld__icon" />
              <div>
                <p className="withheld__what">{w.what}</p>
                <p className="withheld__reason">{w.reason}</p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** What goes with the records: each amendment request main attached, printed in full in the document. */
export function AmendmentsList({ amendments }: { amendments: ReleasePreview['amendments'] }) {
  if (amendments.length === 0) return null;
  return (
    <section className="amendments-sent" aria-labelledby="amendments-sent-title">
      <h3 id="amendments-sent-title" className="amendments-sent__title">
        Amendments and disagreements
      </h3>
      <p className="amendments-sent__lead">
        These go with the records, printed in full after them in the document below.
      </p>
      <ul className="amendments-sent__list">
        {amendments.map((a) => (
          <li key={`${a.receivedOn}-${a.about.join('|')}-${a.summary}`} className="amendments-sent__item">
            <FilePen aria-hidden="true" size={16} className="amendments-sent__icon" />
            <div>
              <p className="amendments-sent__what">
                Request to amend, received {usDate(a.receivedOn)}{' '}
                <Badge tone={a.outcome === 'accepted' ? 'success' : 'warning'}>
                  {a.outcome === 'accepted' ? 'Accepted' : 'Denied'}
                </Badge>
              </p>
              <p className="amendments-sent__about">About: {a.about.join('; ')}</p>
              <p className="amendments-sent__summary">{a.summary}</p>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function PreviewNotes({ notes }: { notes: readonly string[] }) {
  if (notes.length === 0) return null;
  return (
    <section className="preview-notes" aria-label="Good to know">
      <ul className="preview-notes__list">
        {notes.map((n) => (
          <li key={n}>
            <Info aria-hidden="true" size={15} />
            <span>{n}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Main's guidance, less what a reason in the list already says word for word. */
export function notesBesides(preview: ReleasePreview): string[] {
  return preview.notes.filter((n) => !preview.withheld.some((w) => w.reason.includes(n)));
}

/** The preview stacked: what is held back first (it is short), then the document. */
export function StackedPreview({ preview, label }: { preview: ReleasePreview; label: string }) {
  return (
    <div className="stacked-preview">
      <WithheldList withheld={preview.withheld} />
      <AmendmentsList amendments={preview.amendments} />
      <PreviewNotes notes={notesBesides(preview)} />
      <DocumentPreview document={preview.document} label={label} />
    </div>
  );
}
