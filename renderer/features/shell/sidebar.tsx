// The left sidebar: the practice, the pages this role may use, and who is signed in. On a narrow
// window it folds to icons, each named by its label (shown beside it on hover and focus).
import { useMutation } from '@tanstack/react-query';
import { Lock, LogOut, PanelLeftClose, PanelLeftOpen } from 'lucide-react';
import { useRef } from 'react';
import { ROLE_LABELS } from '../../../preload/contract.ts';
import { hrefFor } from '../../app/use-hash-path.ts';
import { useSession, useSignedIn } from '../../app/session.tsx';
import { cx } from '../../ui/cx.ts';
import { LogoMark } from '../../ui/logo.tsx';
import { AuditHealth } from '../audit/audit-alarm.tsx';
import { ReviewQueueBadge } from '../releases/review-queue.tsx';
import { routesFor, type RouteId } from './routes.ts';
import { useSidebar } from './use-sidebar.ts';

/** The shortcut as this computer's keyboard writes it. */
const LOCK_KEYS = /Mac/i.test(navigator.userAgent) ? '⌘L' : 'Ctrl+L';

const initials = (name: string): string =>
  name
    .replace(/^(dr|mr|mrs|ms|mx)\.?\s+/i, '')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');

export function Sidebar({ current }: { current: RouteId | null }) {
  const { signOut, lock } = useSession();
  const { session, practiceName } = useSignedIn();
  const leave = useMutation({ mutationFn: signOut });
  const locking = useMutation({ mutationFn: lock });
  const busy = leave.isPending || locking.isPending;
  const user = session.user;
  const { collapsed, overlay, toggle, closeOverlay } = useSidebar();
  const toggleButton = useRef<HTMLButtonElement>(null);

  return (
    <>
      {overlay && <div className="sidebar-scrim" aria-hidden="true" onClick={closeOverlay} />}
      <aside
        id="sidebar"
        className={cx('sidebar', collapsed && 'sidebar--collapsed', overlay && 'sidebar--overlay')}
        onKeyDown={(event) => {
          if (event.key !== 'Escape' || !overlay) return;
          closeOverlay();
          toggleButton.current?.focus();
        }}
      >
        <div className="sidebar__practice">
          <LogoMark size={32} className="logo-mark--inverse" />
          <div className="sidebar__practice-text">
            <span className="sidebar__product">Stillwater</span>
            <span className="sidebar__practice-name" title={practiceName}>
              {practiceName}
            </span>
          </div>
          <button
            ref={toggleButton}
            type="button"
            className="sidebar__toggle"
            aria-controls="sidebar"
            aria-expanded={!collapsed}
            aria-label={collapsed ? 'Expand sidebar' : 'Collapse sidebar'}
            title={collapsed ? 'Show page names' : 'Show icons only'}
            onClick={toggle}
          >
            {collapsed ? (
              <PanelLeftOpen aria-hidden="true" size={18} />
            ) : (
              <PanelLeftClose aria-hidden="true" size={18} />
            )}
          </button>
        </div>
        <nav className="sidebar__nav" aria-label="Main">
          <ul>
            {routesFor(user.role).map((route) => {
              const Icon = route.icon;
              const active = route.id === current;
              return (
                <li key={route.id}>
                  <a
                    className={active ? 'nav-link nav-link--active' : 'nav-link'}
                    href={hrefFor(route.id)}
                    aria-current={active ? 'page' : undefined}
                    onClick={closeOverlay}
                  >
                    <Icon aria-hidden="true" size={18} />
                    <span className="sidebar__label">{route.label}</span>
                    {route.id === 'releases' && <ReviewQueueBadge />}
                  </a>
                </li>
              );
            })}
          </ul>
        </nav>
        <div className="sidebar__user">
          <div className="sidebar__identity">
            <span className="avatar" aria-hidden="true">
              {initials(user.displayName)}
            </span>
            <div className="sidebar__who">
              <span className="sidebar__name" title={user.displayName}>
                {user.displayName}
              </span>
              <span className="sidebar__role">{ROLE_LABELS[user.role]}</span>
            </div>
          </div>
          {user.role === 'owner' && <AuditHealth />}
          <div className="sidebar__session-actions">
            <button
              type="button"
              className="sidebar__action"
              disabled={busy}
              title={`Lock now (${LOCK_KEYS})`}
              aria-keyshortcuts="Control+L Meta+L"
              onClick={() => {
                locking.mutate();
              }}
            >
              <Lock aria-hidden="true" size={15} />
              <span className="sidebar__label">Lock</span>
            </button>
            <button
              type="button"
              className="sidebar__action"
              disabled={busy}
              onClick={() => {
                leave.mutate();
              }}
            >
              <LogOut aria-hidden="true" size={15} />
              <span className="sidebar__label">Sign out</span>
            </button>
          </div>
        </div>
      </aside>
    </>
  );
}
