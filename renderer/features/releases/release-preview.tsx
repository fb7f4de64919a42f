// What the reviewer sees before deciding, and anyone on the clinical team after: the document that
// will leave (exactly what the PDF prints), what will not leave and why (psychotherapy notes by
// another author, care a minor consented to alone, records a revoked consent no longer covers —
// never their content), and short guidance from main.
import { CircleMinus, Info } from 'lucide-react';
import type { ReleasePreview } from '../../../preload/contract.ts';
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
      <PreviewNotes notes={notesBesides(preview)} />
      <DocumentPreview document={preview.document} label={label} />
    </div>
  );
}
