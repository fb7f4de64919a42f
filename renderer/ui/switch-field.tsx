// An on/off setting shown as a switch (a checkbox with role="switch"), with an optional line of
// explanation under its label. Works with react-hook-form's register().
import { useId, type ComponentPropsWithRef, type ReactNode } from 'react';
import { cx } from './cx.ts';

export interface SwitchFieldProps extends Omit<ComponentPropsWithRef<'input'>, 'type' | 'role'> {
  label: ReactNode;
  description?: ReactNode;
  icon?: ReactNode;
}

export function SwitchField({ label, description, icon, className, ...props }: SwitchFieldProps) {
  const id = useId();
  const descriptionId = `${id}-description`;
  return (
    <div className={cx('switch-field', className)}>
      {icon && (
        <span className="switch-field__icon" aria-hidden="true">
          {icon}
        </span>
      )}
      <div className="switch-field__text">
        <label htmlFor={id} className="switch-field__label">
          {label}
        </label>
        {description && (
          <p id={descriptionId} className="switch-field__description">
            {description}
          </p>
        )}
      </div>
      <input
        id={id}
        type="checkbox"
        role="switch"
        className="switch"
        aria-describedby={description ? descriptionId : undefined}
        {...props}
      />
    </div>
  );
}
