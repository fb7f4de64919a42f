// One amendment request on the Rights tab: its status and clock, what it names and asks, what was
// decided and answered, whom to tell, the letters written, and the next steps this person may take
// (none on a chart open read-only).
import { useQueryClient } from '@tanstack/react-query';
import { CalendarPlus, Check, FileText, Gavel, MessageSquareQuote, Send, Users } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import type { AmendmentView, LetterKind } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { formatCalendarDate, formatShortDateTime } from '../../lib/calendar-date.ts';
import { useFormMutation } from '../../lib/use-form-mutation.ts';
import { Badge } from '../../ui/badge.tsx';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { ProblemBanner } from '../../ui/problem-banner.tsx';
import {
  clockWords,
  DECIDED_AS_WORDS,
  DENIAL_BASIS_LABELS,
  LETTER_WORDS,
  STATUS_WORDS,
} from './amendment-format.ts';
import { amendmentChanged } from './amendment-queries.ts';

export type AmendmentDialog = 'decide' | 'extend' | 'statement' | 'rebuttal' | 'include' | 'notify';

const LETTER_BUTTONS: Record<Exclude<LetterKind, 'notice'>, string> = {
  denial: 'Write denial letter',
  acceptance: 'Write letter to the client',
  rebuttal: 'Send the client a copy of the rebuttal',
  extension: 'Write extension letter',
};

export function AmendmentItem({
  request: r,
  writable,
  onOpen,
}: {
  request: AmendmentView;
  /** False on a chart open read-only (emergency access): the request is read, no step offered. */
  writable: boolean;
  onOpen: (dialog: AmendmentDialog) => void;
}) {
  const queryClient = useQueryClient();
  const [written, setWritten] = useState<string | null>(null);
  const letter = useFormMutation({
    mutationFn: (input: { kind: LetterKind; noticeId?: string }) =>
      call('amendments.writeLetter', { requestId: r.id, ...input }),
    onSuccess: (result) => {
      if (result) setWritten(result.folder);
      amendmentChanged(queryClient, r);
    },
  });
  const status = STATUS_WORDS[r.status];
  const clock = clockWords(r);
  const wrote = (kind: LetterKind) => r.letters.some((l) => l.kind === kind);
  const letterButton = (kind: Exclude<LetterKind, 'notice'>) => (
    <Button
      key={kind}
      size="sm"
      variant={wrote(kind) ? 'secondary' : 'primary'}
      icon={<FileText aria-hidden="true" size={15} />}
      busy={letter.pending}
      onClick={() => {
        letter.submit({ kind });
      }}
    >
      {wrote(kind) ? `${LETTER_BUTTONS[kind]} again` : LETTER_BUTTONS[kind]}
    </Button>
  );
  const d = r.decision;
  /** A step that opens its dialog. */
  const step = (dialog: AmendmentDialog, label: string, icon?: ReactNode, variant?: 'primary' | 'ghost') => (
    <Button
      key={dialog}
      size="sm"
      variant={variant}
      icon={icon}
      onClick={() => {
        onOpen(dialog);
      }}
    >
      {label}
    </Button>
  );
  const actions = [
    r.status === 'open' &&
      r.mayDecide &&
      step('decide', 'Decide', <Gavel aria-hidden="true" size={15} />, 'primary'),
    r.status === 'open' &&
      !r.extension &&
      r.clock !== 'overdue' &&
      step('extend', 'Extend due date', <CalendarPlus aria-hidden="true" size={15} />),
    r.status === 'open' && r.extension && letterButton('extension'),
    r.status === 'denied' && r.mayDecide && letterButton('denial'),
    r.status === 'denied' &&
      !r.statement &&
      step(
        'statement',
        'Record statement of disagreement',
        <MessageSquareQuote aria-hidden="true" size={15} />,
      ),
    r.status === 'denied' &&
      !r.statement &&
      step(
        'include',
        r.includeIfDenied ? 'Client no longer asks to include' : 'Client asks to include with disclosures',
        undefined,
        'ghost',
      ),
    r.status === 'denied' &&
      r.statement &&
      !r.rebuttal &&
      r.mayDecide &&
      step('rebuttal', 'Write rebuttal', <MessageSquareQuote aria-hidden="true" size={15} />),
    r.status === 'denied' && r.rebuttal && r.mayDecide && letterButton('rebuttal'),
    r.status === 'accepted' &&
      r.mayDecide &&
      !r.notifyAgreedOn &&
      step('notify', 'Choose whom to tell', <Users aria-hidden="true" size={15} />, 'primary'),
    r.status === 'accepted' && r.mayDecide && letterButton('acceptance'),
  ].filter(Boolean);
  return (
    <li className={`amendment amendment--${r.status} amendment--${r.clock}`}>
      <article aria-label={`Amendment request received ${formatCalendarDate(r.receivedOn)}`}>
        <header className="amendment__header">
          <h3 className="amendment__title">Received {formatCalendarDate(r.receivedOn)}</h3>
          <Badge tone={status.tone}>{status.label}</Badge>
          <Badge tone={clock.tone}>{clock.label}</Badge>
          <span className="amendment__by">Recorded by {r.recordedBy}</span>
        </header>
        <dl className="amendment__facts">
          <div>
            <dt>Records</dt>
            <dd>
              <ul className="amendment__records">
                {r.records.map((x) => (
                  <li key={`${x.itemKind}:${x.recordId}`}>{x.label}</li>
                ))}
              </ul>
            </dd>
          </div>
          <div>
            <dt>The client asks</dt>
            <dd>
              <blockquote className="amendment-quote">{r.requestText}</blockquote>
            </dd>
          </div>
          {r.extension && (
            <div>
              <dt>Extension</dt>
              <dd>
                To {formatCalendarDate(r.extension.newDueOn)}, told to the client on{' '}
                {formatCalendarDate(r.extension.notifiedOn)}: {r.extension.reason}
              </dd>
            </div>
          )}
          {d && (
            <div>
              <dt>{d.outcome === 'accepted' ? 'Accepted' : 'Denied'}</dt>
              <dd>
                {formatCalendarDate(d.decidedOn)} by {d.decidedBy}, {DECIDED_AS_WORDS[d.decidedAs]}.
                {d.basis && (
                  <>
                    {' '}
                    Basis: <strong>{DENIAL_BASIS_LABELS[d.basis]}</strong>.
                  </>
                )}
                {d.amendmentText !== null && (
                  <blockquote
                    className="amendment-quote amendment-quote--amendment"
                    aria-label="The amendment"
                  >
                    {d.amendmentText}
                  </blockquote>
                )}
                {d.explanation !== null && <p className="amendment__explanation">{d.explanation}</p>}
              </dd>
            </div>
          )}
          {r.status === 'denied' && !r.statement && (
            <div>
              <dt>Later disclosures</dt>
              <dd>
                {r.includeIfDenied
                  ? `The request and the denial go with every later disclosure of these records (the client asked${r.includeAskedOn ? ` on ${formatCalendarDate(r.includeAskedOn)}` : ''}).`
                  : 'Without a statement of disagreement, the request and the denial go with later disclosures only if the client asks.'}
              </dd>
            </div>
          )}
          {r.statement && (
            <div>
              <dt>Statement of disagreement</dt>
              <dd>
                Filed {formatCalendarDate(r.statement.filedOn)}
                <blockquote className="amendment-quote">{r.statement.text}</blockquote>
              </dd>
            </div>
          )}
          {r.rebuttal && (
            <div>
              <dt>Rebuttal</dt>
              <dd>
                Written {formatCalendarDate(r.rebuttal.writtenOn)} by {r.rebuttal.by}
                {r.rebuttal.text !== null && (
                  <blockquote className="amendment-quote">{r.rebuttal.text}</blockquote>
                )}
              </dd>
            </div>
          )}
          {r.status !== 'denied' && (r.notifyAgreedOn || r.namedByClient.length > 0) && (
            <div>
              <dt>Whom to tell</dt>
              <dd>
                {r.notifyAgreedOn ? (
                  r.notices.length === 0 ? (
                    `The client agreed on ${formatCalendarDate(r.notifyAgreedOn)} that no one else be told.`
                  ) : (
                    <>
                      Agreed with the client on {formatCalendarDate(r.notifyAgreedOn)}:
                      <ul className="amendment__notices">
                        {r.notices.map((n) => (
                          <li key={n.id}>
                            <span>
                              <strong>{n.name}</strong>
                              {n.address && <span className="muted"> · {n.address}</span>}
                            </span>
                            {n.letterWritten ? (
                              <Badge tone="success">
                                <Check aria-hidden="true" size={11} className="badge__icon" />
                                Notice written
                              </Badge>
                            ) : (
                              writable &&
                              r.mayDecide && (
                                <Button
                                  size="sm"
                                  icon={<Send aria-hidden="true" size={14} />}
                                  busy={letter.pending}
                                  onClick={() => {
                                    letter.submit({ kind: 'notice', noticeId: n.id });
                                  }}
                                >
                                  Write notice
                                </Button>
                              )
                            )}
                          </li>
                        ))}
                      </ul>
                    </>
                  )
                ) : (
                  `Named by the client: ${r.namedByClient.map((n) => n.name).join('; ')}. If the amendment is accepted, they are proposed with everyone the disclosure log shows received these records.`
                )}
              </dd>
            </div>
          )}
          {r.letters.length > 0 && (
            <div>
              <dt>Letters</dt>
              <dd>
                <ul className="amendment__letters">
                  {r.letters.map((l) => (
                    <li key={`${l.folder}-${l.writtenAt}`}>
                      {LETTER_WORDS[l.kind]}
                      {l.kind === 'notice' && l.noticeId
                        ? ` to ${r.notices.find((n) => n.id === l.noticeId)?.name ?? 'a recipient'}`
                        : ''}{' '}
                      <span className="muted">
                        · {formatShortDateTime(l.writtenAt)} by {l.writtenBy} · folder {l.folder}
                      </span>
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
          )}
        </dl>
        <ProblemBanner problem={letter.problem} title="The letter was not written" />
        {written && (
          <Banner tone="success" title="Letter saved" live>
            The letter is in the folder “{written}”, with a manifest that Verify checks.
          </Banner>
        )}
        {r.status === 'open' && !r.mayDecide && (
          <p className="amendment__who muted">
            The author of these records, the client’s primary clinician or the practice owner decides.
          </p>
        )}
        {writable && actions.length > 0 && <div className="amendment__actions">{actions}</div>}
      </article>
    </li>
  );
}
