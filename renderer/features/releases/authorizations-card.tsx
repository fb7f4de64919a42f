// The authority behind a release: the authorizations on file (valid, expired or revoked), recording
// another, revoking one (which blocks any further export under it), and sending the request on to
// the clinician once main says nothing is missing.
import { useMutation, useQueries, useQueryClient } from '@tanstack/react-query';
import { FileSignature, Paperclip, Plus, Send } from 'lucide-react';
import { useState } from 'react';
import {
  draftKey,
  RECORD_TYPE_LABELS,
  type AuthorizationRecord,
  type ReleaseRecord,
} from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { formatCalendarDate, formatShortDateTime, formatShortTime } from '../../lib/calendar-date.ts';
import { useDraftDialog } from '../../lib/use-dialog-draft.ts';
import { draftQuery } from '../../lib/use-form-draft.ts';
import { Badge } from '../../ui/badge.tsx';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { Card } from '../../ui/card.tsx';
import { AuthorizationDialog } from './authorization-dialog.tsx';
import { AUTHORIZATION_TYPE_LABELS, typesFor } from './authorization-values.ts';
import { releaseChanged } from './release-queries.ts';
import { RevokeDialog } from './revoke-dialog.tsx';

const OPEN = ['draft', 'authorized', 'approved'];

const AUTHORITY_TEXT = {
  access:
    'A client’s own request needs no authorization. Confirm that who asked was verified and, for a copy sent to someone the client names, that the signed direction is on file (and a Part 2 consent for Part 2 records).',
  legal_order:
    'The order or subpoena is the authority. Psychotherapy notes still need the client’s own psychotherapy-notes authorization.',
  emergency:
    'A disclosure without authorization stands on its documented reason and the clinician who decided.',
  third_party:
    'The client’s (or representative’s) signed authorization, with every element 164.508(c) requires.',
} as const;

export function AuthorizationsCard({ record }: { record: ReleaseRecord }) {
  const queryClient = useQueryClient();
  // Reopens by itself when an authorization was being copied in as the app locked or closed.
  const adding = useDraftDialog(draftKey('authorization', record.summary.id));
  // A revocation left half recorded (the app locked or closed) opens again by itself.
  const revocable = record.authorizations.filter((a) => !a.revokedOn);
  const revocationDrafts = useQueries({
    queries: revocable.map((a) => draftQuery(draftKey('revocation', a.id))),
  });
  const leftOff = revocable.find((_, i) => Boolean(revocationDrafts[i]?.data)) ?? null;
  const [chosen, setRevoking] = useState<AuthorizationRecord | null | undefined>(undefined);
  const revoking = chosen === undefined ? leftOff : chosen;
  const { summary, next } = record;
  const authorize = useMutation({
    mutationFn: () => call('releases.authorize', { requestId: summary.id }),
    onSuccess: (r) => {
      releaseChanged(queryClient, r);
    },
  });
  const canRecord = OPEN.includes(summary.status) && typesFor(record).length > 0;
  const showList = summary.kind === 'third_party' || record.authorizations.length > 0;

  return (
    <Card
      title={summary.kind === 'third_party' ? 'Authorization' : 'Authority'}
      icon={<FileSignature size={18} />}
      description={AUTHORITY_TEXT[summary.kind]}
      actions={
        canRecord && (
          <Button size="sm" icon={<Plus aria-hidden="true" size={15} />} onClick={adding.show}>
            Record authorization
          </Button>
        )
      }
    >
      {showList &&
        (record.authorizations.length === 0 ? (
          <p className="muted">No authorization recorded yet.</p>
        ) : (
          <ul className="auth-list" aria-label="Authorizations on file">
            {record.authorizations.map((a) => (
              <li key={a.id} className={`auth-item auth-item--${a.state}`}>
                <div className="auth-item__head">
                  <span className="auth-item__type">{AUTHORIZATION_TYPE_LABELS[a.type]}</span>
                  <AuthorizationStateBadge state={a.state} />
                </div>
                <p className="auth-item__desc">{a.description}</p>
                <dl className="auth-item__facts">
                  <div className="auth-item__covers">
                    <dt>Covers</dt>
                    <dd>
                      {a.recordTypes.map((t) => RECORD_TYPE_LABELS[t]).join(', ')}
                      {(a.recordsFrom ?? a.recordsTo) &&
                        ` · ${a.recordsFrom ? formatCalendarDate(a.recordsFrom) : 'the start'} to ${a.recordsTo ? formatCalendarDate(a.recordsTo) : 'today'}`}
                    </dd>
                  </div>
                  <div>
                    <dt>Signed</dt>
                    <dd>
                      {a.signedBy}
                      {a.signerIsRepresentative && a.representativeAuthority
                        ? ` (${a.representativeAuthority})`
                        : ''}
                      , {formatCalendarDate(a.signedOn)}
                    </dd>
                  </div>
                  <div>
                    <dt>Recipient</dt>
                    <dd>{a.recipientName}</dd>
                  </div>
                  <div>
                    <dt>Purpose</dt>
                    <dd>{a.purpose}</dd>
                  </div>
                  <div>
                    <dt>{a.revokedOn ? 'Revoked' : 'Expires'}</dt>
                    <dd>
                      {a.revokedOn
                        ? revokedText(a)
                        : a.expiresOn
                          ? formatCalendarDate(a.expiresOn)
                          : (a.expiryEvent ?? '—')}
                    </dd>
                  </div>
                </dl>
                <div className="auth-item__foot">
                  {a.attachmentName ? (
                    <span className="auth-item__scan">
                      <Paperclip aria-hidden="true" size={14} /> Scan on file: {a.attachmentName}
                    </span>
                  ) : (
                    <span className="muted">No scan attached</span>
                  )}
                  {!a.revokedOn && (
                    <Button
                      size="sm"
                      variant="ghost"
                      onClick={() => {
                        setRevoking(a);
                      }}
                    >
                      Record revocation
                    </Button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        ))}
      {summary.status === 'draft' && (
        <div className="release-next">
          {next.blockers.length > 0 ? (
            <Banner tone="warning" title="Not ready for the clinician yet">
              <ul className="banner__list">
                {next.blockers.map((b) => (
                  <li key={b}>{b}</li>
                ))}
              </ul>
            </Banner>
          ) : (
            <p className="release-next__text">Everything the request needs is on file.</p>
          )}
          {authorize.isError && (
            <Banner tone="danger" live>
              {authorize.error.message}
            </Banner>
          )}
          <Button
            variant="primary"
            icon={<Send aria-hidden="true" size={16} />}
            disabled={!next.canAuthorize}
            busy={authorize.isPending}
            onClick={() => {
              authorize.mutate();
            }}
          >
            Send to clinician for review
          </Button>
        </div>
      )}
      {canRecord && adding.open && <AuthorizationDialog record={record} onClose={adding.close} />}
      {revoking && (
        <RevokeDialog
          authorization={revoking}
          onClose={() => {
            setRevoking(null);
          }}
        />
      )}
    </Card>
  );
}

/** "Dec 5, 2026, recorded at 2:04 PM": a revocation takes effect when it is recorded. */
function revokedText(a: AuthorizationRecord): string {
  const on = formatCalendarDate(a.revokedOn ?? '');
  if (!a.revokedAt) return on;
  const at = new Date(a.revokedAt);
  return a.revokedOn === localIso(at)
    ? `${on}, recorded at ${formatShortTime(a.revokedAt)}`
    : `${on} (recorded ${formatShortDateTime(a.revokedAt)})`;
}

const localIso = (d: Date): string =>
  `${String(d.getFullYear())}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

export function AuthorizationStateBadge({ state }: { state: AuthorizationRecord['state'] }) {
  if (state === 'valid') return <Badge tone="success">Valid</Badge>;
  if (state === 'expired') return <Badge tone="warning">Expired</Badge>;
  return <Badge tone="danger">Revoked</Badge>;
}
