// The setup steps down the side of the wizard: done, current, still to come.
import { Check } from 'lucide-react';
import { cx } from '../../ui/cx.ts';

export interface StepperProps {
  steps: readonly { title: string; detail: string }[];
  current: number;
}

export function Stepper({ steps, current }: StepperProps) {
  return (
    <ol className="stepper" aria-label="Setup steps">
      {steps.map((step, index) => {
        const state = index < current ? 'done' : index === current ? 'current' : 'upcoming';
        return (
          <li
            key={step.title}
            className={cx('stepper__item', `stepper__item--${state}`)}
            aria-current={state === 'current' ? 'step' : undefined}
          >
            <span className="stepper__marker" aria-hidden="true">
              {state === 'done' ? <Check size={14} strokeWidth={3} /> : index + 1}
            </span>
            <span className="stepper__text">
              <span className="stepper__title">
                {step.title}
                {state === 'done' && <span className="sr-only"> (done)</span>}
              </span>
              <span className="stepper__detail">{step.detail}</span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
