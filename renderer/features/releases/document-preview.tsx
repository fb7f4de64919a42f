// The document that will leave the practice, as main composed it for this selection: the cover,
// every section and block, and the notices. The PDF prints exactly this.
import type { PackageDocument } from '../../../preload/contract.ts';
import { Badge } from '../../ui/badge.tsx';

export function DocumentPreview({
  document,
  label = 'Preview of what will be released',
}: {
  document: PackageDocument;
  label?: string;
}) {
  const blocks = document.sections.reduce((n, s) => n + s.blocks.length, 0);
  return (
    <article className="doc-preview" aria-label={label}>
      <header className="doc-preview__header">
        <p className="doc-preview__id">{document.clientIdentifier}</p>
        <h3 className="doc-preview__title">{document.title}</h3>
        <dl className="doc-preview__cover">
          {document.cover.map((c) => (
            <div key={c.label}>
              <dt>{c.label}</dt>
              <dd>{c.value}</dd>
            </div>
          ))}
        </dl>
        <p className="doc-preview__count">
          {document.sections.length} section{document.sections.length === 1 ? '' : 's'}, {blocks} entr
          {blocks === 1 ? 'y' : 'ies'}
        </p>
      </header>
      {document.sections.map((section, i) => (
        <section key={`${section.heading}-${String(i)}`} className="doc-preview__section">
          <h4 className="doc-preview__heading">
            {section.heading}
            {section.part2 && <Badge tone="info">42 CFR Part 2</Badge>}
          </h4>
          {section.subheading && <p className="doc-preview__subheading">{section.subheading}</p>}
          {section.blocks.map((b, j) => (
            <div key={j} className="doc-preview__block">
              {b.label && <p className="doc-preview__label">{b.label}</p>}
              <p className="doc-preview__text">{b.text}</p>
            </div>
          ))}
        </section>
      ))}
      {document.notices.map((n) => (
        <section key={n.heading} className="doc-preview__notice">
          <h4 className="doc-preview__heading">{n.heading}</h4>
          <p className="doc-preview__text">{n.text}</p>
        </section>
      ))}
    </article>
  );
}
