// The draft plan editor: problems (with the diagnoses each addresses), goals, measurable objectives
// (measure, baseline, target and target date; the latest PHQ-9 / GAD-7 offered as the baseline) and
// interventions, rows added and removed as needed; the review date and the Part 2 mark. Saves as it
// is typed (usePlanAutosave); "Sign as clinician" saves first, and main's list of what is missing
// is shown on the fields it names.
import { useQueryClient } from '@tanstack/react-query';
import { PenLine, Plus, Trash2, X } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import {
  MEASURE_LABELS,
  MEASURE_MAX,
  planIssues,
  TARGET_DIRECTION_LABELS,
  todayIso,
  type ClientPlans,
  type FieldIssue,
  type Measure,
  type PlanContent,
  type PlanView,
  type TargetDirection,
} from '../../../preload/contract.ts';
import { call, isApiError } from '../../api.ts';
import { formatCalendarDate } from '../../lib/calendar-date.ts';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { CheckboxField, Field, Select, TextArea, TextInput } from '../../ui/field.tsx';
import { SaveStatus } from '../../ui/save-status.tsx';
import {
  newGoal,
  newIntervention,
  newObjective,
  newProblem,
  numberOrNull,
  removeGoal,
  removeIntervention,
  removeObjective,
  removeProblem,
  setGoal,
  setIntervention,
  setObjective,
  setProblem,
} from './plan-content-edits.ts';
import { plansChanged } from './plan-queries.ts';
import { usePlanAutosave } from './use-plan-autosave.ts';

const MEASURES = Object.keys(MEASURE_LABELS) as Measure[];
const DIRECTIONS = Object.keys(TARGET_DIRECTION_LABELS) as TargetDirection[];

function RemoveButton({
  label,
  onClick,
  disabled,
}: {
  label: string;
  onClick: () => void;
  disabled?: boolean;
}) {
  return (
    <button
      type="button"
      className="icon-btn plan-editor__remove"
      aria-label={label}
      title={label}
      onClick={onClick}
      disabled={disabled}
    >
      <X aria-hidden="true" size={16} />
    </button>
  );
}

function AddButton({ children, onClick }: { children: ReactNode; onClick: () => void }) {
  return (
    <Button variant="ghost" size="sm" icon={<Plus size={15} />} onClick={onClick}>
      {children}
    </Button>
  );
}

export function PlanEditor({ view, context }: { view: PlanView; context: ClientPlans }) {
  const queryClient = useQueryClient();
  const plan = view.plan;
  const [content, setContent] = useState<PlanContent>(plan.content);
  const [reviewDueOn, setReviewDueOn] = useState(plan.reviewDueOn);
  const [part2, setPart2] = useState(plan.part2);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [problem, setProblemText] = useState<string | null>(null);
  const [signing, setSigning] = useState(false);
  const [discarding, setDiscarding] = useState(false);
  const [busy, setBusy] = useState(false);
  const { saver, state: saveState } = usePlanAutosave();

  const change = (next: { content?: PlanContent; reviewDueOn?: string; part2?: boolean }): void => {
    const c = next.content ?? content;
    const r = next.reviewDueOn ?? reviewDueOn;
    const p2 = next.part2 ?? part2;
    if (next.content) setContent(c);
    if (next.reviewDueOn !== undefined) setReviewDueOn(r);
    if (next.part2 !== undefined) setPart2(p2);
    saver.schedule({ planId: plan.id, content: c, reviewDueOn: r, part2: p2 });
  };
  const edit = (c: PlanContent): void => {
    change({ content: c });
  };
  const errorAt = (path: string): string | undefined =>
    issues.find((i) => i.path === path || i.path.startsWith(`${path}.`))?.message;

  const sign = async (): Promise<void> => {
    setBusy(true);
    setProblemText(null);
    // The same list main checks, before asking main.
    const local = planIssues(content, reviewDueOn, todayIso());
    if (local.length) {
      setIssues(local);
      setProblemText('The plan is not ready to sign. What is missing is marked below.');
      setBusy(false);
      setSigning(false);
      return;
    }
    const saved = await saver.flush();
    if (!saved) {
      setProblemText('The plan could not be saved, so it was not signed. Check the fields marked below.');
      setBusy(false);
      setSigning(false);
      return;
    }
    try {
      await call('plans.signAsClinician', { planId: plan.id });
      setIssues([]);
      plansChanged(queryClient);
    } catch (error) {
      setProblemText(error instanceof Error ? error.message : 'The plan was not signed.');
      if (isApiError(error)) setIssues([...error.fields]);
    } finally {
      setBusy(false);
      setSigning(false);
    }
  };

  const discard = async (): Promise<void> => {
    setBusy(true);
    try {
      await call('plans.discardDraft', { planId: plan.id });
      plansChanged(queryClient);
    } catch (error) {
      setProblemText(error instanceof Error ? error.message : 'The draft was not discarded.');
    } finally {
      setBusy(false);
      setDiscarding(false);
    }
  };

  const latest = context.latestScores;
  const allProblemIds = content.problems.map((p) => p.id);

  return (
    <div className="plan-editor">
      <div className="plan-editor__bar">
        <div>
          <h3 className="plan-editor__title">
            {plan.previousId
              ? `Revision of the treatment plan · version ${String(plan.version)}`
              : 'New treatment plan'}
          </h3>
          <SaveStatus state={saveState} />
        </div>
        <div className="plan-editor__actions">
          <Button
            variant="ghost"
            icon={<Trash2 size={16} />}
            onClick={() => {
              setDiscarding(true);
            }}
          >
            Discard draft
          </Button>
          <Button
            variant="primary"
            icon={<PenLine size={16} />}
            onClick={() => {
              setSigning(true);
            }}
          >
            Sign as clinician
          </Button>
        </div>
      </div>
      {problem && (
        <Banner tone="danger" live title={problem}>
          {issues.length > 0 && (
            <ul className="plan-editor__issues">
              {issues.map((i) => (
                <li key={`${i.path}-${i.message}`}>{i.message}</li>
              ))}
            </ul>
          )}
        </Banner>
      )}

      <section className="plan-editor__section" aria-labelledby="plan-editor-problems">
        <h4 id="plan-editor-problems" className="plan-block__title">
          Problems, goals and objectives
        </h4>
        {errorAt('problems') && content.problems.length === 0 && (
          <p className="field__error">{errorAt('problems')}</p>
        )}
        {content.problems.map((p, i) => {
          const pn = String(i + 1);
          return (
            <fieldset key={p.id} className="plan-editor__problem">
              <legend className="plan-editor__legend">Problem {pn}</legend>
              <RemoveButton
                label={`Remove problem ${pn}`}
                onClick={() => {
                  edit(removeProblem(content, i));
                }}
              />
              <Field label="Problem, in the client’s terms" error={errorAt(`problems.${String(i)}.text`)}>
                <TextArea
                  rows={2}
                  value={p.text}
                  onChange={(e) => {
                    edit(setProblem(content, i, { text: e.target.value }));
                  }}
                />
              </Field>
              {context.diagnoses.length > 0 && (
                <fieldset className="plan-editor__dx">
                  <legend className="field__label">Diagnoses this problem addresses</legend>
                  {context.diagnoses.map((d) => (
                    <CheckboxField
                      key={d.id}
                      label={`${d.code} — ${d.description}`}
                      checked={p.diagnosisIds.includes(d.id)}
                      onChange={(e) => {
                        const ids = e.target.checked
                          ? [...p.diagnosisIds, d.id]
                          : p.diagnosisIds.filter((x) => x !== d.id);
                        edit(setProblem(content, i, { diagnosisIds: ids }));
                      }}
                    />
                  ))}
                  {errorAt(`problems.${String(i)}.diagnosisIds`) && (
                    <p className="field__error">{errorAt(`problems.${String(i)}.diagnosisIds`)}</p>
                  )}
                </fieldset>
              )}
              {p.goals.map((g, j) => {
                const gn = `${pn}.${String(j + 1)}`;
                const gat = `problems.${String(i)}.goals.${String(j)}`;
                return (
                  <div key={g.id} className="plan-editor__goal">
                    <RemoveButton
                      label={`Remove goal ${gn}`}
                      onClick={() => {
                        edit(removeGoal(content, i, j));
                      }}
                    />
                    <Field label={`Goal ${gn}`} error={errorAt(`${gat}.text`)}>
                      <TextInput
                        aria-label={`Goal ${gn}`}
                        placeholder="What the client wants to achieve"
                        value={g.text}
                        onChange={(e) => {
                          edit(setGoal(content, i, j, { text: e.target.value }));
                        }}
                      />
                    </Field>
                    {g.objectives.map((o, k) => {
                      const on = `${gn}.${String(k + 1)}`;
                      const oat = `${gat}.objectives.${String(k)}`;
                      const set = (patch: Parameters<typeof setObjective>[4]) => {
                        edit(setObjective(content, i, j, k, patch));
                      };
                      const offer =
                        o.measure === 'phq9' ? latest.phq9 : o.measure === 'gad7' ? latest.gad7 : null;
                      const max = MEASURE_MAX[o.measure];
                      return (
                        <div key={o.id} className="plan-editor__objective">
                          <RemoveButton
                            label={`Remove objective ${on}`}
                            onClick={() => {
                              edit(removeObjective(content, i, j, k));
                            }}
                          />
                          <Field label={`Objective ${on}`} error={errorAt(`${oat}.text`)}>
                            <TextInput
                              aria-label={`Objective ${on}`}
                              placeholder="A measurable step (for example: PHQ-9 below 10)"
                              value={o.text}
                              onChange={(e) => {
                                set({ text: e.target.value });
                              }}
                            />
                          </Field>
                          <div className="plan-editor__measure">
                            <Field label="Measure">
                              <Select
                                value={o.measure}
                                onChange={(e) => {
                                  const m = e.target.value as Measure;
                                  set({
                                    measure: m,
                                    measureLabel: m === 'other' ? (o.measureLabel ?? '') : null,
                                  });
                                }}
                              >
                                {MEASURES.map((m) => (
                                  <option key={m} value={m}>
                                    {MEASURE_LABELS[m]}
                                  </option>
                                ))}
                              </Select>
                            </Field>
                            {o.measure === 'other' && (
                              <Field label="Measured by" error={errorAt(`${oat}.measureLabel`)}>
                                <TextInput
                                  placeholder="Nights a week sleeping 6 hours"
                                  value={o.measureLabel ?? ''}
                                  onChange={(e) => {
                                    set({ measureLabel: e.target.value });
                                  }}
                                />
                              </Field>
                            )}
                            <Field
                              label="Baseline"
                              optional
                              error={errorAt(`${oat}.baseline`)}
                              hint={
                                offer && o.baseline !== offer.score ? (
                                  <Button
                                    variant="link"
                                    size="sm"
                                    onClick={() => {
                                      set({ baseline: offer.score });
                                    }}
                                  >
                                    Use {offer.score} ({formatCalendarDate(offer.on)})
                                  </Button>
                                ) : undefined
                              }
                            >
                              <TextInput
                                type="number"
                                inputMode="decimal"
                                min={max === undefined ? undefined : 0}
                                max={max}
                                value={o.baseline ?? ''}
                                onChange={(e) => {
                                  set({ baseline: numberOrNull(e.target.value) });
                                }}
                              />
                            </Field>
                            <Field label="Target" error={errorAt(`${oat}.target`)}>
                              <div className="plan-editor__target">
                                <Select
                                  aria-label={`Target direction of objective ${on}`}
                                  value={o.target?.direction ?? 'below'}
                                  onChange={(e) => {
                                    set({
                                      target: {
                                        direction: e.target.value as TargetDirection,
                                        value: o.target?.value ?? 0,
                                      },
                                    });
                                  }}
                                >
                                  {DIRECTIONS.map((d) => (
                                    <option key={d} value={d}>
                                      {TARGET_DIRECTION_LABELS[d]}
                                    </option>
                                  ))}
                                </Select>
                                <TextInput
                                  type="number"
                                  inputMode="decimal"
                                  aria-label={`Target value of objective ${on}`}
                                  min={max === undefined ? undefined : 0}
                                  max={max}
                                  value={o.target?.value ?? ''}
                                  onChange={(e) => {
                                    const v = numberOrNull(e.target.value);
                                    set({
                                      target:
                                        v === null
                                          ? null
                                          : { direction: o.target?.direction ?? 'below', value: v },
                                    });
                                  }}
                                />
                              </div>
                            </Field>
                            <Field label="Target date" error={errorAt(`${oat}.targetDate`)}>
                              <TextInput
                                type="date"
                                min={todayIso()}
                                value={o.targetDate ?? ''}
                                onChange={(e) => {
                                  set({ targetDate: e.target.value || null });
                                }}
                              />
                            </Field>
                          </div>
                        </div>
                      );
                    })}
                    {errorAt(`${gat}.objectives`) && g.objectives.length === 0 && (
                      <p className="field__error">{errorAt(`${gat}.objectives`)}</p>
                    )}
                    <AddButton
                      onClick={() => {
                        edit(setGoal(content, i, j, { objectives: [...g.objectives, newObjective()] }));
                      }}
                    >
                      Add objective to goal {gn}
                    </AddButton>
                  </div>
                );
              })}
              <AddButton
                onClick={() => {
                  edit(setProblem(content, i, { goals: [...p.goals, newGoal()] }));
                }}
              >
                Add goal to problem {pn}
              </AddButton>
            </fieldset>
          );
        })}
        <AddButton
          onClick={() => {
            edit({ ...content, problems: [...content.problems, newProblem()] });
          }}
        >
          Add problem
        </AddButton>
      </section>

      <section className="plan-editor__section" aria-labelledby="plan-editor-interventions">
        <h4 id="plan-editor-interventions" className="plan-block__title">
          Interventions
        </h4>
        {errorAt('interventions') && content.interventions.length === 0 && (
          <p className="field__error">{errorAt('interventions')}</p>
        )}
        {content.interventions.map((v, i) => {
          const vn = String(i + 1);
          const at = `interventions.${String(i)}`;
          return (
            <fieldset key={v.id} className="plan-editor__intervention">
              <legend className="plan-editor__legend">Intervention {vn}</legend>
              <RemoveButton
                label={`Remove intervention ${vn}`}
                onClick={() => {
                  edit(removeIntervention(content, i));
                }}
              />
              <Field label="Intervention" error={errorAt(`${at}.text`)}>
                <TextInput
                  placeholder="Cognitive restructuring, behavioral activation"
                  value={v.text}
                  onChange={(e) => {
                    edit(setIntervention(content, i, { text: e.target.value }));
                  }}
                />
              </Field>
              <div className="form__row">
                <Field label="Modality" error={errorAt(`${at}.modality`)}>
                  <TextInput
                    placeholder="Individual CBT"
                    value={v.modality}
                    onChange={(e) => {
                      edit(setIntervention(content, i, { modality: e.target.value }));
                    }}
                  />
                </Field>
                <Field label="Frequency" error={errorAt(`${at}.frequency`)}>
                  <TextInput
                    placeholder="Weekly, 50 minutes"
                    value={v.frequency}
                    onChange={(e) => {
                      edit(setIntervention(content, i, { frequency: e.target.value }));
                    }}
                  />
                </Field>
              </div>
              {content.problems.length > 1 && (
                <fieldset className="plan-editor__dx">
                  <legend className="field__label">For problems</legend>
                  {content.problems.map((p, k) => (
                    <CheckboxField
                      key={p.id}
                      label={`Problem ${String(k + 1)}${p.text ? `: ${p.text.slice(0, 60)}` : ''}`}
                      checked={v.problemIds.includes(p.id)}
                      onChange={(e) => {
                        const ids = e.target.checked
                          ? [...v.problemIds, p.id]
                          : v.problemIds.filter((x) => x !== p.id);
                        edit(setIntervention(content, i, { problemIds: ids }));
                      }}
                    />
                  ))}
                </fieldset>
              )}
            </fieldset>
          );
        })}
        <AddButton
          onClick={() => {
            edit({ ...content, interventions: [...content.interventions, newIntervention(allProblemIds)] });
          }}
        >
          Add intervention
        </AddButton>
      </section>

      <section className="plan-editor__section" aria-labelledby="plan-editor-review">
        <h4 id="plan-editor-review" className="plan-block__title">
          Review and record
        </h4>
        <div className="form__row form__row--narrow">
          <Field
            label="Review due"
            hint="Set from the practice’s review interval; change it if needed."
            error={errorAt('reviewDueOn')}
          >
            <TextInput
              type="date"
              min={todayIso()}
              value={reviewDueOn}
              onChange={(e) => {
                if (e.target.value) change({ reviewDueOn: e.target.value });
              }}
            />
          </Field>
        </div>
        <CheckboxField
          label="This plan is a record of the practice’s 42 CFR Part 2 program (substance-use treatment)"
          checked={part2}
          onChange={(e) => {
            change({ part2: e.target.checked });
          }}
        />
      </section>

      {signing && (
        <ConfirmDialog
          title="Sign this treatment plan?"
          confirmLabel="Sign as clinician"
          confirmIcon={<PenLine size={16} />}
          busy={busy}
          onConfirm={() => {
            void sign();
          }}
          onClose={() => {
            setSigning(false);
          }}
        >
          <p>
            Once signed, the plan is locked: it cannot be edited, only revised as a new version. Next, record
            the client’s (or their representative’s) signature.
          </p>
        </ConfirmDialog>
      )}
      {discarding && (
        <ConfirmDialog
          title="Discard this draft?"
          confirmLabel="Discard draft"
          variant="danger"
          busy={busy}
          onConfirm={() => {
            void discard();
          }}
          onClose={() => {
            setDiscarding(false);
          }}
        >
          <p>
            The draft and everything typed in it are deleted. A signed plan, if there is one, stays as it is.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
