// A titled card for a dashboard-like page (a chart's overview): a heading row with optional
// actions, then the content.
import { useId, type ReactNode } from 'react';
import { cx } from './cx.ts';

export interface CardProps {
  title: string;
  icon?: ReactNode;
  actions?: ReactNode;
  /** A short line under the title. */
  description?: ReactNode;
  children: ReactNode;
  className?: string;
}

export function Card({ title, icon, actions, description, children, className }: CardProps) {
  const id = useId();
  return (
    <section className={cx('card', className)} aria-labelledby={id}>
      <header className="card__header">
        <div className="card__heading">
          <h2 id={id} className="card__title">
            {icon && (
              <span className="card__icon" aria-hidden="true">
                {icon}
              </span>
            )}
            {title}
          </h2>
          {description && <p className="card__description">{description}</p>}
        </div>
        {actions && <div className="card__actions">{actions}</div>}
      </header>
      <div className="card__body">{children}</div>
    </section>
  );
}
