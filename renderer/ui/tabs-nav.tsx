// Tabs that are links: each section of a page has its own address (#/clients/<id>/intake), so the
// current tab survives a reload and the browser's Back button works.
import type { ReactNode } from 'react';
import { cx } from './cx.ts';

export interface TabItem {
  id: string;
  label: string;
  href: string;
  icon?: ReactNode;
  /** A small count or flag after the label. */
  badge?: ReactNode;
}

export function TabsNav({
  label,
  items,
  current,
}: {
  label: string;
  items: readonly TabItem[];
  current: string;
}) {
  return (
    <nav className="tabs" aria-label={label}>
      <ul className="tabs__list">
        {items.map((item) => (
          <li key={item.id}>
            <a
              className={cx('tabs__link', item.id === current && 'tabs__link--current')}
              href={item.href}
              aria-current={item.id === current ? 'page' : undefined}
            >
              {item.icon}
              <span>{item.label}</span>
              {item.badge}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
