// A data table in a card: a caption for screen readers, and horizontal scrolling when narrow, with
// the first column kept in view. The scrolling box is a named, focusable region so that the
// keyboard can scroll it too (WCAG 2.1.1).
import type { ReactNode } from 'react';
import { cx } from './cx.ts';

export interface TableProps {
  caption: string;
  children: ReactNode;
  className?: string;
  footer?: ReactNode;
}

export function Table({ caption, children, className, footer }: TableProps) {
  return (
    <div className={cx('table-card', className)}>
      <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
        <table className="table">
          <caption className="sr-only">{caption}</caption>
          {children}
        </table>
      </div>
      {footer && <div className="table-card__footer">{footer}</div>}
    </div>
  );
}
