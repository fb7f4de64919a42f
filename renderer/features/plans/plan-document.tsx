// One version of a treatment plan laid out for reading: status and signatures, the diagnoses it
// addresses (code and words), problems → goals → objectives with each target and date, the progress
// notes that addressed each goal and objective, the PHQ-9 / GAD-7 scores against the target,
// interventions, and the reviews. An altered plan says so at the top; nothing is hidden.
import {
  GOAL_PROGRESS_LABELS,
  MEASURE_LABELS,
  PLAN_REVIEW_OUTCOME_LABELS,
  targetWords,
  type NoteGoalMark,
  type PlanObjective,
  type PlanView,
} from '../../../preload/contract.ts';
import { formatCalendarDate, formatShortDateTime } from '../../lib/calendar-date.ts';
import { Badge } from '../../ui/badge.tsx';
import { Banner } from '../../ui/banner.tsx';
import { noteHref } from '../notes/note-routes.ts';
import { LazyObjectiveTrend } from './lazy-objective-trend.tsx';
import { PlanStatusBadge } from './plan-status.tsx';

const PROGRESS_TONES = {
  progressing: 'info',
  no_change: 'neutral',
  regressed: 'warning',
  met: 'success',
} as const;

function Marks({
  marks,
  label,
  clientId,
}: {
  marks: readonly NoteGoalMark[];
  label: string;
  clientId: string;
}) {
  if (marks.length === 0)
    return <p className="plan-marks__none">No signed progress note has addressed this yet.</p>;
  return (
    <ul className="plan-marks" aria-label={label}>
      {marks.map((m) => (
        <li key={`${m.noteId}-${m.goalId}-${m.objectiveId ?? ''}`} className="plan-mark">
          <a href={noteHref(clientId, m.noteId)} className="plan-mark__note">
            {formatCalendarDate(m.serviceDate)}
          </a>
          <Badge tone={PROGRESS_TONES[m.progress]}>{GOAL_PROGRESS_LABELS[m.progress]}</Badge>
          <span className="plan-mark__by">{m.authorName}</span>
          {m.comment && <span className="plan-mark__comment">{m.comment}</span>}
        </li>
      ))}
    </ul>
  );
}

function Objective({ o, number, view }: { o: PlanObjective; number: string; view: PlanView }) {
  const marks = view.marks.filter((m) => m.objectiveId === o.id);
  const points = o.measure === 'phq9' ? view.trends.phq9 : o.measure === 'gad7' ? view.trends.gad7 : null;
  return (
    <li className="plan-objective">
      <div className="plan-objective__head">
        <span className="plan-number">Objective {number}</span>
        <p className="plan-objective__text">{o.text}</p>
      </div>
      <dl className="plan-objective__facts">
        <div>
          <dt>Target</dt>
          <dd>{targetWords(o, formatCalendarDate)}</dd>
        </div>
        <div>
          <dt>Baseline</dt>
          <dd>{o.baseline === null ? 'Not recorded' : String(o.baseline)}</dd>
        </div>
        <div>
          <dt>Measure</dt>
          <dd>
            {o.measure === 'other' ? (o.measureLabel ?? MEASURE_LABELS.other) : MEASURE_LABELS[o.measure]}
          </dd>
        </div>
      </dl>
      {points && <LazyObjectiveTrend objective={o} points={points} />}
      <h5 className="plan-subheading">Progress notes that addressed it</h5>
      <Marks marks={marks} label={`Progress notes on objective ${number}`} clientId={view.plan.clientId} />
    </li>
  );
}

export function PlanDocument({ view }: { view: PlanView }) {
  const plan = view.plan;
  const diagnoses = new Map(view.diagnoses.map((d) => [d.id, d]));
  const problemNumber = new Map(plan.content.problems.map((p, i) => [p.id, i + 1]));
  return (
    <article className="plan-document" aria-label={`Treatment plan, version ${String(plan.version)}`}>
      {plan.integrity === 'altered' && (
        <Banner tone="danger" title="This plan was changed after it was signed">
          What is stored no longer matches what was signed. It is shown as stored; the practice owner has been
          alerted in the audit log. Do not rely on it until the owner has looked into it.
        </Banner>
      )}
      <header className="plan-document__header">
        <div>
          <h3 className="plan-document__title">
            Treatment plan · version {plan.version} <PlanStatusBadge status={plan.status} />
            {plan.part2 && <Badge tone="info">42 CFR Part 2</Badge>}
          </h3>
          <p className="plan-document__meta">
            Drawn up by {plan.createdBy.displayName} on {formatShortDateTime(plan.createdAt)}
            {plan.status !== 'superseded' && <> · Review due {formatCalendarDate(plan.reviewDueOn)}</>}
            {plan.supersededAt && <> · Superseded {formatShortDateTime(plan.supersededAt)}</>}
          </p>
        </div>
      </header>

      <section className="plan-block" aria-labelledby="plan-diagnoses">
        <h4 id="plan-diagnoses" className="plan-block__title">
          Diagnoses addressed
        </h4>
        {view.diagnoses.length === 0 ? (
          <p className="plan-muted">None named.</p>
        ) : (
          <ul className="plan-diagnoses">
            {view.diagnoses.map((d) => (
              <li key={d.id}>
                <span className="plan-code">{d.code}</span> {d.description}
                {d.status !== 'active' && d.status !== null && (
                  <span className="plan-muted"> ({d.status.replace('_', ' ')} now)</span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="plan-block" aria-labelledby="plan-problems">
        <h4 id="plan-problems" className="plan-block__title">
          Problems, goals and objectives
        </h4>
        <ol className="plan-problems">
          {plan.content.problems.map((p, i) => (
            <li key={p.id} className="plan-problem">
              <div className="plan-problem__head">
                <span className="plan-number">Problem {i + 1}</span>
                <p className="plan-problem__text">{p.text}</p>
                {p.diagnosisIds.length > 0 && (
                  <p className="plan-problem__dx">
                    {p.diagnosisIds.map((id) => {
                      const d = diagnoses.get(id);
                      return (
                        <span key={id} className="plan-chip" title={d?.description}>
                          {d ? d.code : 'A diagnosis not shown'}
                        </span>
                      );
                    })}
                  </p>
                )}
              </div>
              <ol className="plan-goals">
                {p.goals.map((g, j) => {
                  const goalMarks = view.marks.filter((m) => m.goalId === g.id && m.objectiveId === null);
                  return (
                    <li key={g.id} className="plan-goal">
                      <div className="plan-goal__head">
                        <span className="plan-number">
                          Goal {i + 1}.{j + 1}
                        </span>
                        <p className="plan-goal__text">{g.text}</p>
                      </div>
                      {goalMarks.length > 0 && (
                        <Marks
                          marks={goalMarks}
                          label={`Progress notes on goal ${String(i + 1)}.${String(j + 1)}`}
                          clientId={plan.clientId}
                        />
                      )}
                      <ol className="plan-objectives">
                        {g.objectives.map((o, k) => (
                          <Objective
                            key={o.id}
                            o={o}
                            number={`${String(i + 1)}.${String(j + 1)}.${String(k + 1)}`}
                            view={view}
                          />
                        ))}
                      </ol>
                    </li>
                  );
                })}
              </ol>
            </li>
          ))}
        </ol>
      </section>

      <section className="plan-block" aria-labelledby="plan-interventions">
        <h4 id="plan-interventions" className="plan-block__title">
          Interventions
        </h4>
        <table className="table plan-interventions">
          <caption className="sr-only">Interventions</caption>
          <thead>
            <tr>
              <th scope="col">Intervention</th>
              <th scope="col">Modality</th>
              <th scope="col">Frequency</th>
              <th scope="col">Problems</th>
            </tr>
          </thead>
          <tbody>
            {plan.content.interventions.map((v) => (
              <tr key={v.id}>
                <td>{v.text}</td>
                <td>{v.modality}</td>
                <td>{v.frequency}</td>
                <td>
                  {v.problemIds
                    .map((id) => problemNumber.get(id))
                    .filter((n) => n !== undefined)
                    .map((n) => `Problem ${String(n)}`)
                    .join(', ') || '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="plan-block" aria-labelledby="plan-signatures">
        <h4 id="plan-signatures" className="plan-block__title">
          Signatures
        </h4>
        <dl className="plan-signatures">
          <div>
            <dt>Clinician</dt>
            <dd>
              {plan.clinicianSignature
                ? `${plan.clinicianSignature.by.displayName}, ${formatShortDateTime(plan.clinicianSignature.at)}`
                : 'Not signed yet'}
            </dd>
          </div>
          <div>
            <dt>Client</dt>
            <dd>
              {plan.clientSignature ? (
                <>
                  {plan.clientSignature.signerName}
                  {plan.clientSignature.signer === 'representative' &&
                    ` (representative: ${plan.clientSignature.authority ?? ''})`}
                  , signed {formatCalendarDate(plan.clientSignature.signedOn)} · recorded by{' '}
                  {plan.clientSignature.recordedBy.displayName}
                </>
              ) : (
                'Not signed yet'
              )}
            </dd>
          </div>
          {plan.contentHash && (
            <div>
              <dt>Content hash</dt>
              <dd className="plan-hash">
                SHA-256 {plan.contentHash.slice(0, 16)}…{' '}
                {plan.integrity === 'ok' ? '(matches what was signed)' : '(does not match)'}
              </dd>
            </div>
          )}
        </dl>
      </section>

      {view.reviews.length > 0 && (
        <section className="plan-block" aria-labelledby="plan-reviews">
          <h4 id="plan-reviews" className="plan-block__title">
            Reviews
          </h4>
          <ul className="plan-review-list">
            {view.reviews.map((r) => (
              <li key={r.id}>
                <strong>{formatCalendarDate(r.reviewedOn)}</strong> · {PLAN_REVIEW_OUTCOME_LABELS[r.outcome]}
                {r.nextReviewOn && <> · next review {formatCalendarDate(r.nextReviewOn)}</>} ·{' '}
                {r.reviewedBy.displayName}
                {r.comment && <p className="plan-review-list__comment">{r.comment}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
