// A labelled group of choices: one answer out of a few (radio buttons) or any of a few (checkboxes),
// in a fieldset whose legend names the group, with its hint and inline error. Controlled, so it
// suits react-hook-form's Controller and numeric values.
import { CircleAlert } from 'lucide-react';
import { useId, type ReactNode, type Ref } from 'react';
import { cx } from './cx.ts';

export interface ChoiceOption<V extends string | number> {
  value: V;
  label: ReactNode;
  description?: ReactNode;
  /** Colours the option when chosen (a high-risk answer). */
  tone?: 'warning' | 'danger';
  disabled?: boolean;
}

interface CommonProps<V extends string | number> {
  label: ReactNode;
  /** The label is still read by screen readers; the layout shows it elsewhere (a table row). */
  hideLabel?: boolean;
  options: readonly ChoiceOption<V>[];
  onBlur?: () => void;
  /** Ties radio buttons together; one is made up when the form has no name for the field. */
  name?: string;
  error?: string | undefined;
  hint?: ReactNode;
  /** 'above' puts the hint between the label and the choices, where it says how to choose. */
  hintPlacement?: 'above' | 'below';
  /**
   * Segments or cards hide the control and colour the chosen option; a list shows each radio
   * button or checkbox beside its label.
   */
  variant?: 'segmented' | 'cards' | 'list' | 'checks';
  disabled?: boolean;
  /** Receives the first control, so a form can move focus to the group on an error. */
  inputRef?: Ref<HTMLInputElement>;
  /** Marks the chosen option (or the first) for the surrounding dialog to focus when it opens. */
  autoFocus?: boolean;
  className?: string;
  /** Lays out the options (a grid of kinds of record). */
  optionsClassName?: string;
}

export interface SingleChoiceProps<V extends string | number> extends CommonProps<V> {
  multiple?: false;
  value: V | null | undefined;
  onChange: (value: V) => void;
}

export interface MultipleChoiceProps<V extends string | number> extends CommonProps<V> {
  multiple: true;
  value: readonly V[];
  onChange: (value: V[]) => void;
}

export type ChoiceGroupFieldProps<V extends string | number> = SingleChoiceProps<V> | MultipleChoiceProps<V>;

export function ChoiceGroupField<V extends string | number>(props: ChoiceGroupFieldProps<V>) {
  const {
    label,
    hideLabel = false,
    options,
    onBlur,
    error,
    hint,
    hintPlacement = 'below',
    variant = props.multiple ? 'checks' : 'segmented',
    disabled = false,
    inputRef,
    autoFocus = false,
    className,
    optionsClassName,
  } = props;
  const id = useId();
  const name = props.name ?? id;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  const isChosen = (value: V): boolean =>
    props.multiple ? props.value.includes(value) : props.value === value;
  const focusIndex = Math.max(
    0,
    options.findIndex((o) => isChosen(o.value)),
  );
  const toggle = (value: V, checked: boolean): void => {
    if (!props.multiple) {
      props.onChange(value);
      return;
    }
    // As a browser form would submit it: the ticked options in their order, none that is disabled.
    props.onChange(
      options
        .filter((o) => !o.disabled && (o.value === value ? checked : props.value.includes(o.value)))
        .map((o) => o.value),
    );
  };
  // A div, not a p: a hint may be a few paragraphs (why some kinds of record cannot be chosen).
  const hintText = hint && (
    <div id={hintId} className="field__hint choice-group__hint">
      {hint}
    </div>
  );

  return (
    <fieldset
      className={cx('choice-group', `choice-group--${variant}`, error && 'field--invalid', className)}
      role={props.multiple ? undefined : 'radiogroup'}
      aria-describedby={describedBy}
      aria-invalid={error ? true : undefined}
      disabled={disabled}
    >
      <legend className={hideLabel ? 'sr-only' : 'field__label choice-group__legend'}>{label}</legend>
      {hintPlacement === 'above' && hintText}
      <div className={cx('choice-group__options', optionsClassName)}>
        {options.map((option, index) => {
          const optionId = `${id}-${String(index)}`;
          return (
            // The label covers the whole option, so a click anywhere on it chooses it.
            <label
              key={String(option.value)}
              className={cx('choice-group__option', option.tone && `choice-group__option--${option.tone}`)}
            >
              <input
                ref={index === 0 ? inputRef : undefined}
                type={props.multiple ? 'checkbox' : 'radio'}
                name={name}
                value={String(option.value)}
                checked={isChosen(option.value)}
                disabled={option.disabled}
                aria-labelledby={`${optionId}-label`}
                aria-describedby={option.description ? `${optionId}-description` : undefined}
                data-autofocus={autoFocus && index === focusIndex ? true : undefined}
                onChange={(event) => {
                  toggle(option.value, event.target.checked);
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
            </label>
          );
        })}
      </div>
      {error && (
        <p id={errorId} className="field__error">
          <CircleAlert aria-hidden="true" size={14} />
          <span>{error}</span>
        </p>
      )}
      {hintPlacement === 'below' && hintText}
    </fieldset>
  );
}
