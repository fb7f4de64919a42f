// The request's progress as a checklist: request → authorization → clinician review → export, with
// a denial, a revocation or an expiry shown on the step where it stopped the release.
import { Check, CircleSlash, Dot } from 'lucide-react';
import type { ReleaseRecord } from '../../../preload/contract.ts';
import { formatCalendarDate, formatShortDateTime } from '../../lib/calendar-date.ts';
import { cx } from '../../ui/cx.ts';

type StepState = 'done' | 'current' | 'todo' | 'stopped';

interface Step {
  label: string;
  state: StepState;
  detail: string;
}

export function stepsOf(r: ReleaseRecord): Step[] {
  const s = r.summary.status;
  const order = ['draft', 'authorized', 'approved', 'exported'];
  const at = order.indexOf(s);
  const state = (index: number): StepState =>
    at === -1 ? 'todo' : index < at + 1 ? 'done' : index === at + 1 ? 'current' : 'todo';
  const authDetail =
    r.summary.kind === 'third_party'
      ? `${String(r.authorizations.length)} authorization${r.authorizations.length === 1 ? '' : 's'} on file`
      : r.summary.kind === 'access'
        ? 'The client’s own right of access'
        : r.summary.kind === 'legal_order'
          ? 'The order or subpoena'
          : 'The documented reason';
  const steps: Step[] = [
    {
      label: 'Request',
      state: 'done',
      detail: `${r.summary.kind === 'emergency' ? 'Decided' : 'Received'} ${formatCalendarDate(r.summary.receivedOn)}`,
    },
    { label: 'Authorization', state: state(1), detail: authDetail },
    {
      label: 'Clinician review',
      state: state(2),
      detail: r.approval
        ? `Approved by ${r.approval.approvedBy.displayName}`
        : r.reviewNote
          ? 'Back for review'
          : `${r.summary.assignedClinician.displayName} or the owner`,
    },
    {
      label: 'Export',
      state: s === 'exported' ? 'done' : state(3),
      detail:
        s === 'approved' && r.next.blockers.length > 0
          ? 'Blocked: an authorization lapsed'
          : r.exports[0]
            ? `Exported ${formatCalendarDate(r.exports[0].disclosedOn)}`
            : 'Package to a folder',
    },
  ];
  if (s === 'denied') {
    const firstOpen = steps.findIndex((x, i) => i > 0 && x.state !== 'done');
    const denied = steps[firstOpen === -1 ? 2 : firstOpen];
    if (denied) {
      denied.state = 'stopped';
      denied.detail = r.denial
        ? `Denied by ${r.denial.deniedBy}, ${formatShortDateTime(r.denial.deniedAt)}`
        : 'Denied';
    }
  }
  if (s === 'revoked' || s === 'expired') {
    const auth = steps[1];
    if (auth) {
      auth.state = 'stopped';
      auth.detail = s === 'revoked' ? 'Authorization revoked' : 'Authorization expired';
    }
  }
  return steps;
}

export function ReleaseSteps({ record }: { record: ReleaseRecord }) {
  const steps = stepsOf(record);
  return (
    <ol className="release-steps" aria-label="Release progress">
      {steps.map((step, index) => (
        <li
          key={step.label}
          className={cx('release-step', `release-step--${step.state}`)}
          aria-current={step.state === 'current' ? 'step' : undefined}
        >
          <span className="release-step__marker" aria-hidden="true">
            {step.state === 'done' ? (
              <Check size={15} strokeWidth={3} />
            ) : step.state === 'stopped' ? (
              <CircleSlash size={15} />
            ) : step.state === 'current' ? (
              <Dot size={22} strokeWidth={4} />
            ) : (
              String(index + 1)
            )}
          </span>
          <span className="release-step__text">
            <span className="release-step__label">
              {step.label}
              <span className="sr-only">
                {
                  { done: ' (done)', current: ' (current step)', todo: ' (to do)', stopped: ' (stopped)' }[
                    step.state
                  ]
                }
              </span>
            </span>
            <span className="release-step__detail">{step.detail}</span>
          </span>
        </li>
      ))}
    </ol>
  );
}
