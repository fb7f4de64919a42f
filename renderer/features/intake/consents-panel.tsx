// The consents on file: which the intake still needs (treatment and the privacy notice), and each
// recorded consent with who consented, its signatures and witness. A treatment consent opens an
// episode of care; care that is the minor's own is marked as never shared with guardians.
import { CircleCheck, CircleDashed, FileSignature } from 'lucide-react';
import type { ConsentKind, ConsentRecord } from '../../../preload/contract.ts';
import { CONSENT_BASIS_LABELS, CONSENT_LABELS } from '../../../preload/contract.ts';
import { formatCalendarDate, formatShortDateTime } from '../../lib/calendar-date.ts';
import { Badge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { Card } from '../../ui/card.tsx';
import { cx } from '../../ui/cx.ts';
import { SIGNER_LABELS } from './consent-values.ts';

export const REQUIRED_CONSENTS: readonly ConsentKind[] = ['treatment', 'privacy_notice'];
const KINDS = Object.keys(CONSENT_LABELS) as ConsentKind[];

export function ConsentsPanel({
  consents,
  onRecord,
}: {
  consents: readonly ConsentRecord[];
  /** Offers "Record consent"; left out where nothing may be written (a chart open read-only). */
  onRecord?: (() => void) | undefined;
}) {
  const sorted = [...consents].sort((a, b) => b.givenOn.localeCompare(a.givenOn));
  return (
    <Card
      title="Consents"
      icon={<FileSignature size={18} />}
      actions={
        onRecord && (
          <Button size="sm" variant="primary" onClick={onRecord}>
            Record consent
          </Button>
        )
      }
      className="consents-card"
    >
      <ul className="consent-checklist" aria-label="Consents on file">
        {KINDS.map((kind) => {
          const on = sorted.find((c) => c.kind === kind);
          const required = REQUIRED_CONSENTS.includes(kind);
          return (
            <li key={kind} className={cx('consent-checklist__item', on && 'consent-checklist__item--done')}>
              {on ? (
                <CircleCheck aria-hidden="true" size={16} />
              ) : (
                <CircleDashed aria-hidden="true" size={16} />
              )}
              <span>{CONSENT_LABELS[kind]}</span>
              <span className="consent-checklist__state">
                {on ? formatCalendarDate(on.givenOn) : required ? 'Needed' : 'Optional'}
              </span>
            </li>
          );
        })}
      </ul>
      {sorted.length > 0 && (
        <ol className="consent-list">
          {sorted.map((c) => (
            <li key={c.id} className="consent">
              <div className="consent__head">
                <span className="consent__kind">{CONSENT_LABELS[c.kind]}</span>
                <span className="consent__date">{formatCalendarDate(c.givenOn)}</span>
              </div>
              {c.confidentialFromGuardian && (
                <p className="consent__alone">
                  <Badge tone="accent">Minor’s own care — not shared with guardians</Badge>
                </p>
              )}
              {c.basis && (
                <dl className="consent__basis">
                  <div>
                    <dt>Who consented</dt>
                    <dd>{CONSENT_BASIS_LABELS[c.basis]}</dd>
                  </div>
                  {c.legalBasis && (
                    <div>
                      <dt>{c.basis === 'court' ? 'Order' : c.basis === 'minor_alone' ? 'Law' : 'Basis'}</dt>
                      <dd>{c.legalBasis}</dd>
                    </div>
                  )}
                  {c.kind === 'treatment' && (
                    <div>
                      <dt>Episode of care</dt>
                      <dd>From {formatCalendarDate(c.givenOn)}</dd>
                    </div>
                  )}
                </dl>
              )}
              <ul className="consent__signatures">
                {c.signatures.map((s) => (
                  <li key={`${s.signerName}-${s.signerRole}`}>
                    <span className="consent__signer">{s.signerName}</span>
                    <span className="consent__role">
                      {SIGNER_LABELS[s.signerRole]}
                      {s.authority && ` · ${s.authority}`}
                    </span>
                    <span className="consent__meta">
                      Signed {formatCalendarDate(s.signedOn)}
                      {s.witnessName && ` · witness ${s.witnessName}`}
                    </span>
                  </li>
                ))}
              </ul>
              {c.notes && <p className="consent__notes">{c.notes}</p>}
              <p className="consent__recorded">
                Recorded by {c.recordedBy}, {formatShortDateTime(c.recordedAt)}
              </p>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
