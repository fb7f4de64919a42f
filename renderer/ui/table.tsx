// A data table in a card: a caption for screen readers, and horizontal scrolling when narrow.
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
      <div className="table-scroll">
        <table className="table">
          <caption className="sr-only">{caption}</caption>
          {children}
        </table>
      </div>
      {footer && <div className="table-card__footer">{footer}</div>}
    </div>
  );
}
