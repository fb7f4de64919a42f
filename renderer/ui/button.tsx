// The one button: variants for primary, secondary, quiet and destructive actions, with a busy state.
import type { ComponentPropsWithRef, ReactNode } from 'react';
import { cx } from './cx.ts';
import { Spinner } from './spinner.tsx';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger' | 'link';

export interface ButtonProps extends ComponentPropsWithRef<'button'> {
  variant?: ButtonVariant;
  size?: 'sm' | 'md' | 'lg';
  /** Shows a spinner and blocks a second click while the action runs. */
  busy?: boolean;
  icon?: ReactNode;
  /** An icon after the label (a forward arrow on "Continue"). */
  iconEnd?: ReactNode;
  block?: boolean;
}

export function Button({
  variant = 'secondary',
  size = 'md',
  busy = false,
  icon,
  iconEnd,
  block = false,
  className,
  children,
  disabled,
  type = 'button',
  ...rest
}: ButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      disabled={disabled === true || busy}
      aria-busy={busy || undefined}
      className={cx('btn', `btn--${variant}`, `btn--${size}`, block && 'btn--block', className)}
    >
      {busy ? <Spinner size={size === 'sm' ? 14 : 16} /> : icon}
      {children !== undefined && <span className="btn__label">{children}</span>}
      {!busy && iconEnd}
    </button>
  );
}
