// A message across a form or a page: information, success, a warning or a problem.
import { CircleAlert, CircleCheck, Info, TriangleAlert } from 'lucide-react';
import type { ReactNode } from 'react';
import { cx } from './cx.ts';

export type BannerTone = 'info' | 'success' | 'warning' | 'danger';

const ICONS = { info: Info, success: CircleCheck, warning: TriangleAlert, danger: CircleAlert } as const;

export interface BannerProps {
  tone?: BannerTone;
  title?: ReactNode;
  children?: ReactNode;
  actions?: ReactNode;
  className?: string;
  /** Announce it to screen readers as soon as it appears (problems after a submit). */
  live?: boolean;
}

export function Banner({ tone = 'info', title, children, actions, className, live = false }: BannerProps) {
  const Icon = ICONS[tone];
  const role = live ? (tone === 'danger' || tone === 'warning' ? 'alert' : 'status') : undefined;
  return (
    <div className={cx('banner', `banner--${tone}`, className)} role={role}>
      <Icon aria-hidden="true" size={18} className="banner__icon" />
      <div className="banner__body">
        {title && <p className="banner__title">{title}</p>}
        {children && <div className="banner__text">{children}</div>}
      </div>
      {actions && <div className="banner__actions">{actions}</div>}
    </div>
  );
}
