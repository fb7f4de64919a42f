// A set of radio buttons shown as segments or cards: one answer out of a few (a risk level, a
// questionnaire answer). Controlled, so it suits react-hook-form's Controller and numeric values.
import { CircleAlert } from 'lucide-react';
import { useId, type ReactNode, type Ref } from 'react';
import { cx } from './cx.ts';

export interface ChoiceOption<V extends string | number> {
  value: V;
  label: string;
  description?: string;
  /** Colours the option when chosen (a high-risk answer). */
  tone?: 'warning' | 'danger';
}

export interface ChoiceGroupProps<V extends string | number> {
  label: ReactNode;
  /** The label is still read by screen readers; the layout shows it elsewhere (a table row). */
  hideLabel?: boolean;
  options: readonly ChoiceOption<V>[];
  value: V | null | undefined;
  onChange: (value: V) => void;
  onBlur?: () => void;
  name: string;
  error?: string | undefined;
  hint?: ReactNode;
  variant?: 'segmented' | 'cards';
  /** Receives the first radio, so a form can move focus to the group on an error. */
  inputRef?: Ref<HTMLInputElement>;
  className?: string;
}

export function ChoiceGroup<V extends string | number>({
  label,
  hideLabel = false,
  options,
  value,
  onChange,
  onBlur,
  name,
  error,
  hint,
  variant = 'segmented',
  inputRef,
  className,
}: ChoiceGroupProps<V>) {
  const id = useId();
  const labelId = `${id}-label`;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={cx('choice-group', `choice-group--${variant}`, error && 'field--invalid', className)}>
      <span id={labelId} className={hideLabel ? 'sr-only' : 'field__label'}>
        {label}
      </span>
      <div
        className="choice-group__options"
        role="radiogroup"
        aria-labelledby={labelId}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
      >
        {options.map((option, index) => {
          const optionId = `${id}-${String(index)}`;
          return (
            // The radio covers the whole option, so a click anywhere on it chooses it.
            <div
              key={String(option.value)}
              className={cx('choice-group__option', option.tone && `choice-group__option--${option.tone}`)}
            >
              <input
                ref={index === 0 ? inputRef : undefined}
                type="radio"
                name={name}
                value={String(option.value)}
                checked={value === option.value}
                aria-labelledby={`${optionId}-label`}
                aria-describedby={option.description ? `${optionId}-description` : undefined}
                onChange={() => {
                  onChange(option.value);
                }}
                onBlur={onBlur}
              />
              <span className="choice-group__text">
                <span id={`${optionId}-label`} className="choice-group__label">
                  {option.label}
                </span>
                {option.description && (
                  <span id={`${optionId}-description`} className="choice-group__description">
                    {option.description}
                  </span>
                )}
              </span>
            </div>
          );
        })}
      </div>
      {error && (
        <p id={errorId} className="field__error">
          <CircleAlert aria-hidden="true" size={14} />
          <span>{error}</span>
        </p>
      )}
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
    </div>
  );
}
