// The editor's "Diagnoses and treatment plan" card for a progress note: the client's current
// diagnoses to tick (the primary ticked to start with) and the goals and objectives of the client's
// signed plan, each with a progress choice and a short comment. Saved with the draft as the rest;
// main copies them as they stand when the note is signed (notes.linkOptions offers them).
import { queryOptions, useQuery } from '@tanstack/react-query';
import { CircleAlert, Stethoscope } from 'lucide-react';
import { useEffect, useId } from 'react';
import { useController, useFormContext, useWatch } from 'react-hook-form';
import { DIAGNOSIS_STATUS_LABELS } from '../../../preload/contract/diagnoses.ts';
import {
  GOAL_COMMENT_MAX,
  GOAL_PROGRESS_LABELS,
  type GoalProgress,
  type LinkDiagnosis,
  type LinkPlan,
} from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { Badge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { Card } from '../../ui/card.tsx';
import { cx } from '../../ui/cx.ts';
import { Select, TextInput } from '../../ui/field.tsx';
import { Spinner } from '../../ui/spinner.tsx';
import type { GoalMarkValue, NoteValues } from './note-values.ts';

// Not under ['notes']: a saved draft refreshes the note lists, not this (each read is audited).
export const linkOptionsKey = (clientId: string) => ['noteLinkOptions', clientId] as const;

/**
 * The client's current diagnoses and signed plan, read again each time an editor opens (a diagnosis
 * may have changed since): one audited read per visit, shared by the card and the checklist.
 */
export const linkOptionsQuery = (clientId: string) =>
  queryOptions({
    queryKey: linkOptionsKey(clientId),
    queryFn: () => call('notes.linkOptions', { clientId }),
    staleTime: 0,
    refetchOnWindowFocus: false,
  });

const PROGRESS = Object.entries(GOAL_PROGRESS_LABELS) as [GoalProgress, string][];

/** The ids ticked before the clinician has chosen: the primary diagnosis, if the client has one. */
export const defaultDiagnosisIds = (diagnoses: readonly LinkDiagnosis[]): string[] =>
  diagnoses.filter((d) => d.rank === 1 && d.status === 'active').map((d) => d.diagnosisId);

export const rankText = (rank: number | null): string | null =>
  rank === null ? null : rank === 1 ? 'Primary' : `Secondary · ${String(rank)}`;

export interface NoteLinksCardProps {
  clientId: string;
  /** Ticks the default diagnoses without counting as an edit of a note not yet saved. */
  onDefault: (ids: string[]) => void;
}

export function NoteLinksCard({ clientId, onDefault }: NoteLinksCardProps) {
  const options = useQuery(linkOptionsQuery(clientId));
  const { control } = useFormContext<NoteValues>();
  const ticked = useWatch({ control, name: 'addressedDiagnosisIds' });
  const data = options.data;
  useEffect(() => {
    if (data && ticked === null) onDefault(defaultDiagnosisIds(data.diagnoses));
  }, [data, ticked, onDefault]);

  return (
    <Card
      title="Diagnoses and treatment plan"
      icon={<Stethoscope size={18} />}
      description="What this session addressed. It is stored with the note, as it stands, when you sign."
      className="note-card note-links"
    >
      {options.isPending && (
        <p className="muted note-links__loading">
          <Spinner size={14} /> Loading the client’s diagnoses and plan…
        </p>
      )}
      {options.isError && (
        <p className="field__error" role="alert">
          The diagnoses and plan could not be loaded: {options.error.message}
        </p>
      )}
      {data && (
        <>
          <DiagnosesField diagnoses={data.diagnoses} />
          <GoalsField plan={data.plan} pending={data.planPending} />
        </>
      )}
    </Card>
  );
}

function DiagnosesField({ diagnoses }: { diagnoses: readonly LinkDiagnosis[] }) {
  const { control } = useFormContext<NoteValues>();
  const { field, fieldState } = useController({ control, name: 'addressedDiagnosisIds' });
  const legendId = useId();
  const errorId = useId();
  const ids = field.value ?? [];
  const toggle = (id: string, on: boolean): void => {
    // In the client's order (primary first), as main stores them.
    const next = new Set(on ? [...ids, id] : ids.filter((x) => x !== id));
    field.onChange(diagnoses.map((d) => d.diagnosisId).filter((x) => next.has(x)));
  };
  return (
    <fieldset
      className="note-links__group"
      aria-labelledby={legendId}
      aria-describedby={fieldState.error ? errorId : undefined}
    >
      <legend id={legendId} className="note-links__legend">
        Diagnoses addressed
      </legend>
      {diagnoses.length === 0 ? (
        <p className="muted">No current diagnoses on the chart. Add them on the client’s Diagnoses tab.</p>
      ) : (
        <ul className="note-links__diagnoses">
          {diagnoses.map((d, i) => {
            const on = ids.includes(d.diagnosisId);
            return (
              <li key={d.diagnosisId}>
                <label className={cx('note-dx', on && 'note-dx--on')}>
                  <input
                    type="checkbox"
                    ref={i === 0 ? field.ref : undefined}
                    checked={on}
                    onChange={(e) => {
                      toggle(d.diagnosisId, e.target.checked);
                    }}
                    onBlur={field.onBlur}
                  />
                  <span className="note-dx__code mono">{d.code}</span>
                  <span className="note-dx__words">{d.description}</span>
                  <span className="note-dx__badges">
                    {rankText(d.rank) && (
                      <Badge tone={d.rank === 1 ? 'accent' : 'neutral'}>{rankText(d.rank)}</Badge>
                    )}
                    {d.status !== 'active' && <Badge tone="info">{DIAGNOSIS_STATUS_LABELS[d.status]}</Badge>}
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      )}
      {fieldState.error?.message && (
        <p id={errorId} className="field__error">
          <CircleAlert aria-hidden="true" size={14} />
          <span>{fieldState.error.message}</span>
        </p>
      )}
    </fieldset>
  );
}

const sameTarget = (m: GoalMarkValue, goalId: string, objectiveId: string | null) =>
  m.goalId === goalId && m.objectiveId === objectiveId;

function GoalsField({ plan, pending }: { plan: LinkPlan | null; pending: boolean }) {
  const { control } = useFormContext<NoteValues>();
  const { field, fieldState } = useController({ control, name: 'goalMarks' });
  const legendId = useId();
  const marks = field.value;
  const set = (goalId: string, objectiveId: string | null, change: Partial<GoalMarkValue> | null): void => {
    const existing = marks.find((m) => sameTarget(m, goalId, objectiveId));
    const rest = marks.filter((m) => !sameTarget(m, goalId, objectiveId));
    if (change === null) field.onChange(rest);
    else
      field.onChange([
        ...rest,
        { goalId, objectiveId, progress: 'progressing', comment: '', ...existing, ...change },
      ]);
  };
  // Marks on goals this plan no longer has (a draft written before a revision) are shown to remove.
  const known = new Set(
    plan?.problems.flatMap((p) =>
      p.goals.flatMap((g) => [`${g.id}/`, ...g.objectives.map((o) => `${g.id}/${o.id}`)]),
    ) ?? [],
  );
  const stale = marks.filter((m) => !known.has(`${m.goalId}/${m.objectiveId ?? ''}`));
  return (
    <fieldset className="note-links__group" aria-labelledby={legendId}>
      <legend id={legendId} className="note-links__legend">
        Treatment plan goals
        {plan && <span className="note-links__version">Plan version {plan.version}</span>}
      </legend>
      {!plan && (
        <p className="muted">
          {pending
            ? 'The client’s plan is waiting for signatures: its goals can be marked once it is signed.'
            : 'No signed treatment plan. Goals can be marked once the client has one.'}
        </p>
      )}
      {plan?.problems.map((p) => (
        <div key={p.id} className="note-goals">
          <p className="note-goals__problem">{p.text}</p>
          <ul className="note-goals__list">
            {p.goals.map((g) => (
              <li key={g.id}>
                <MarkRow
                  text={g.text}
                  kind="Goal"
                  mark={marks.find((m) => sameTarget(m, g.id, null)) ?? null}
                  onChange={(change) => {
                    set(g.id, null, change);
                  }}
                />
                {g.objectives.length > 0 && (
                  <ul className="note-goals__objectives">
                    {g.objectives.map((o) => (
                      <li key={o.id}>
                        <MarkRow
                          text={o.text}
                          kind="Objective"
                          mark={marks.find((m) => sameTarget(m, g.id, o.id)) ?? null}
                          onChange={(change) => {
                            set(g.id, o.id, change);
                          }}
                        />
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {stale.length > 0 && (
        <div className="note-goals__stale" role="alert">
          <p>
            {stale.length === 1 ? 'A goal marked in this draft is' : 'Goals marked in this draft are'} not in
            the client’s current plan.
          </p>
          <Button
            size="sm"
            variant="link"
            onClick={() => {
              field.onChange(marks.filter((m) => !stale.includes(m)));
            }}
          >
            Remove {stale.length === 1 ? 'the mark' : 'the marks'}
          </Button>
        </div>
      )}
      {fieldState.error?.message && (
        <p className="field__error">
          <CircleAlert aria-hidden="true" size={14} />
          <span>{fieldState.error.message}</span>
        </p>
      )}
    </fieldset>
  );
}

function MarkRow({
  text,
  kind,
  mark,
  onChange,
}: {
  text: string;
  kind: 'Goal' | 'Objective';
  mark: GoalMarkValue | null;
  onChange: (change: Partial<GoalMarkValue> | null) => void;
}) {
  const selectId = useId();
  const commentId = useId();
  return (
    <div className={cx('note-mark', kind === 'Objective' && 'note-mark--objective', mark && 'note-mark--on')}>
      <label htmlFor={selectId} className="note-mark__text">
        <span className="note-mark__kind">{kind}</span>
        {text}
      </label>
      <Select
        id={selectId}
        className="note-mark__progress"
        value={mark?.progress ?? ''}
        onChange={(e) => {
          const v = e.target.value as GoalProgress | '';
          onChange(v === '' ? null : { progress: v });
        }}
      >
        <option value="">Not addressed</option>
        {PROGRESS.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </Select>
      {mark && (
        <div className="note-mark__comment">
          <label htmlFor={commentId} className="sr-only">
            Comment on the progress of: {text}
          </label>
          <TextInput
            id={commentId}
            value={mark.comment}
            maxLength={GOAL_COMMENT_MAX}
            placeholder="Comment (optional)"
            autoComplete="off"
            onChange={(e) => {
              onChange({ comment: e.target.value });
            }}
          />
        </div>
      )}
    </div>
  );
}
