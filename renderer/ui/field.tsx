// Form fields: a label, an optional hint and the inline error, wired to the control for screen
// readers (aria-describedby, aria-invalid). Controls read their ids from the surrounding Field.
import { CircleAlert, Eye, EyeOff } from 'lucide-react';
import { createContext, use, useId, useState, type ComponentPropsWithRef, type ReactNode } from 'react';
import { cx } from './cx.ts';

interface FieldControl {
  id: string;
  describedBy: string | undefined;
  invalid: boolean;
}

const FieldContext = createContext<FieldControl | null>(null);

function useFieldControl(): Partial<FieldControl> {
  return use(FieldContext) ?? {};
}

export interface FieldProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  optional?: boolean;
  className?: string;
  children: ReactNode;
}

export function Field({ label, hint, error, optional = false, className, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={cx('field', error && 'field--invalid', className)}>
      <label htmlFor={id} className="field__label">
        {label}
        {optional && <span className="field__optional">Optional</span>}
      </label>
      <FieldContext value={{ id, describedBy, invalid: Boolean(error) }}>{children}</FieldContext>
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

export function TextInput({ className, ...props }: ComponentPropsWithRef<'input'>) {
  const f = useFieldControl();
  return (
    <input
      id={f.id}
      aria-describedby={f.describedBy}
      aria-invalid={f.invalid || undefined}
      className={cx('input', className)}
      {...props}
    />
  );
}

export function TextArea({ className, ...props }: ComponentPropsWithRef<'textarea'>) {
  const f = useFieldControl();
  return (
    <textarea
      id={f.id}
      aria-describedby={f.describedBy}
      aria-invalid={f.invalid || undefined}
      className={cx('input', 'input--textarea', className)}
      {...props}
    />
  );
}

export function Select({ className, children, ...props }: ComponentPropsWithRef<'select'>) {
  const f = useFieldControl();
  return (
    <select
      id={f.id}
      aria-describedby={f.describedBy}
      aria-invalid={f.invalid || undefined}
      className={cx('input', 'select', className)}
      {...props}
    >
      {children}
    </select>
  );
}

/** A password box with a show/hide toggle. */
export function PasswordInput({ className, ...props }: Omit<ComponentPropsWithRef<'input'>, 'type'>) {
  const f = useFieldControl();
  const [visible, setVisible] = useState(false);
  return (
    <div className="input-group">
      <input
        id={f.id}
        aria-describedby={f.describedBy}
        aria-invalid={f.invalid || undefined}
        className={cx('input', 'input--with-action', className)}
        type={visible ? 'text' : 'password'}
        spellCheck={false}
        autoCapitalize="off"
        {...props}
      />
      <button
        type="button"
        className="input-group__action"
        aria-label={visible ? 'Hide password' : 'Show password'}
        aria-pressed={visible}
        onClick={() => {
          setVisible((v) => !v);
        }}
      >
        {visible ? <EyeOff aria-hidden="true" size={16} /> : <Eye aria-hidden="true" size={16} />}
      </button>
    </div>
  );
}

export interface CheckboxFieldProps extends Omit<ComponentPropsWithRef<'input'>, 'type'> {
  label: ReactNode;
  error?: string | undefined;
}

export function CheckboxField({ label, error, className, ...props }: CheckboxFieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={cx('checkbox-field', error && 'field--invalid', className)}>
      <label className="checkbox">
        <input
          type="checkbox"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          {...props}
        />
        <span>{label}</span>
      </label>
      {error && (
        <p id={errorId} className="field__error">
          <CircleAlert aria-hidden="true" size={14} />
          <span>{error}</span>
        </p>
      )}
    </div>
  );
}
