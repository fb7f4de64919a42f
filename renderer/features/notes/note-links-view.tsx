// What a note addressed, read-only: the diagnoses (code and words, rank as they stood then) and the
// progress marked on plan goals and objectives. A signed note shows the copy stored at signing, so
// a note of March shows March's diagnoses; the view, the printed note and the timeline use these.
import { Stethoscope, Target } from 'lucide-react';
import {
  GOAL_PROGRESS_LABELS,
  type AddressedDiagnosis,
  type GoalMarkRecord,
  type GoalProgress,
  type NoteRecord,
} from '../../../preload/contract.ts';
import { formatShortDateTime } from '../../lib/calendar-date.ts';
import { Badge, type BadgeTone } from '../../ui/badge.tsx';
import { rankText } from './note-links-card.tsx';

const PROGRESS_TONE: Record<GoalProgress, BadgeTone> = {
  progressing: 'success',
  met: 'accent',
  no_change: 'neutral',
  regressed: 'warning',
};

export function ProgressBadge({ progress }: { progress: GoalProgress }) {
  return <Badge tone={PROGRESS_TONE[progress]}>{GOAL_PROGRESS_LABELS[progress]}</Badge>;
}

/** The words of what a mark is on: its objective's, or its goal's. */
export const markTarget = (m: GoalMarkRecord): string => m.objectiveText ?? m.goalText;

export function NoteLinksSection({ note }: { note: NoteRecord }) {
  if (note.kind !== 'progress') return null;
  const diagnoses = note.addressedDiagnoses ?? [];
  const marks = note.goalProgress ?? [];
  const caption =
    note.status === 'signed' && note.signedAt
      ? `As they stood when the note was signed, ${formatShortDateTime(note.signedAt)}.`
      : 'As last saved; taken again, as they stand then, when the note is signed.';
  return (
    <section className="note-links-view" aria-label="Diagnoses and goals addressed">
      <div className="note-links-view__col">
        <h2 className="note-body__heading">
          <Stethoscope aria-hidden="true" size={16} /> Diagnoses addressed
        </h2>
        {diagnoses.length === 0 ? (
          <p className="muted">None recorded with this note.</p>
        ) : (
          <ul className="note-links-view__list">
            {diagnoses.map((d) => (
              <DiagnosisLine key={d.diagnosisId} d={d} />
            ))}
          </ul>
        )}
      </div>
      <div className="note-links-view__col">
        <h2 className="note-body__heading">
          <Target aria-hidden="true" size={16} /> Treatment plan goals
        </h2>
        {marks.length === 0 ? (
          <p className="muted">No goal progress recorded with this note.</p>
        ) : (
          <ul className="note-links-view__list">
            {marks.map((m) => (
              <li key={`${m.goalId}/${m.objectiveId ?? ''}`} className="note-links-view__mark">
                <span className="note-links-view__target">
                  <span className="note-mark__kind">{m.objectiveId ? 'Objective' : 'Goal'}</span>
                  {markTarget(m)}
                  {m.objectiveId && <span className="note-links-view__of">Goal: {m.goalText}</span>}
                </span>
                <ProgressBadge progress={m.progress} />
                {m.comment && <span className="note-links-view__comment">{m.comment}</span>}
              </li>
            ))}
          </ul>
        )}
        {marks.length > 0 && (
          <p className="note-links-view__caption">Plan version {String(marks[0]?.planVersion ?? '')}</p>
        )}
      </div>
      <p className="note-links-view__caption note-links-view__caption--wide">{caption}</p>
    </section>
  );
}

function DiagnosisLine({ d }: { d: AddressedDiagnosis }) {
  return (
    <li className="note-links-view__dx">
      <span className="note-dx__code mono">{d.code}</span>
      <span className="note-dx__words">{d.description}</span>
      {rankText(d.rank) && <Badge tone={d.rank === 1 ? 'accent' : 'neutral'}>{rankText(d.rank)}</Badge>}
    </li>
  );
}

/** The printed note's part: plain text, as the rest of the sheet. */
export function NoteLinksSheet({ note }: { note: NoteRecord }) {
  if (note.kind !== 'progress') return null;
  const diagnoses = note.addressedDiagnoses ?? [];
  const marks = note.goalProgress ?? [];
  return (
    <>
      <section className="record-sheet__section">
        <h2>Diagnoses addressed</h2>
        {diagnoses.length === 0 ? (
          <p>None recorded with this note.</p>
        ) : (
          <ul className="record-sheet__list">
            {diagnoses.map((d) => (
              <li key={d.diagnosisId}>
                {d.code} — {d.description}
                {rankText(d.rank) ? ` (${rankText(d.rank) ?? ''})` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
      {marks.length > 0 && (
        <section className="record-sheet__section">
          <h2>Treatment plan goals (plan version {String(marks[0]?.planVersion ?? '')})</h2>
          <ul className="record-sheet__list">
            {marks.map((m) => (
              <li key={`${m.goalId}/${m.objectiveId ?? ''}`}>
                {m.objectiveId ? 'Objective' : 'Goal'}: {markTarget(m)} — {GOAL_PROGRESS_LABELS[m.progress]}
                {m.comment ? `. ${m.comment}` : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** The timeline line's summary: each diagnosis by code and words, each mark with its progress. */
export function TimelineLinks({
  diagnoses,
  marks,
}: {
  diagnoses: readonly AddressedDiagnosis[];
  marks: readonly GoalMarkRecord[];
}) {
  if (diagnoses.length === 0 && marks.length === 0) return null;
  const dxText = diagnoses.map((d) => `${d.code} ${d.description}`).join('; ');
  const goalText = marks.map((m) => `${markTarget(m)}: ${GOAL_PROGRESS_LABELS[m.progress]}`).join('; ');
  return (
    <span className="tl-card__links">
      {diagnoses.length > 0 && (
        <span className="tl-card__link-line" title={dxText}>
          <Stethoscope aria-hidden="true" size={12} />
          <span>
            <span className="sr-only">Diagnoses addressed: </span>
            {diagnoses.map((d, i) => (
              <span key={d.diagnosisId}>
                {i > 0 && '; '}
                <span className="mono">{d.code}</span> {d.description}
              </span>
            ))}
          </span>
        </span>
      )}
      {marks.length > 0 && (
        <span className="tl-card__link-line" title={goalText}>
          <Target aria-hidden="true" size={12} />
          <span>
            <span className="sr-only">Goal progress: </span>
            {goalText}
          </span>
        </span>
      )}
    </span>
  );
}
