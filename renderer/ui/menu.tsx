// A small actions menu (the "…" on a table row): a button that opens a list of actions in the
// top layer (popover), with arrow-key navigation and Escape to close.
import { Ellipsis } from 'lucide-react';
import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { cx } from './cx.ts';

export interface MenuItem {
  label: string;
  icon?: ReactNode;
  onSelect: () => void;
  tone?: 'danger';
  disabled?: boolean;
}

export interface MenuProps {
  /** Accessible name of the button, e.g. "Actions for Dana Example". */
  label: string;
  items: readonly MenuItem[];
}

export function Menu({ label, items }: MenuProps) {
  const id = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const [expanded, setExpanded] = useState(false);

  const focusItem = (index: number): void => {
    const nodes = listRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not(:disabled)');
    if (!nodes || nodes.length === 0) return;
    nodes[(index + nodes.length) % nodes.length]?.focus();
  };

  const open = (): void => {
    const rect = buttonRef.current?.getBoundingClientRect();
    const list = listRef.current;
    if (!rect || !list) return;
    // Placed in the top layer beside its button; set before showing so it never flashes elsewhere.
    const width = 224;
    list.style.top = `${String(Math.round(Math.min(rect.bottom + 4, window.innerHeight - 8 - items.length * 40)))}px`;
    list.style.left = `${String(Math.round(Math.max(8, rect.right - width)))}px`;
    list.showPopover();
    requestAnimationFrame(() => {
      focusItem(0);
    });
  };

  const close = (refocus: boolean): void => {
    const list = listRef.current;
    if (list?.matches(':popover-open')) list.hidePopover();
    if (refocus) buttonRef.current?.focus();
  };

  const onListKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const nodes = [
      ...(listRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not(:disabled)') ?? []),
    ];
    const current = nodes.indexOf(document.activeElement as HTMLButtonElement);
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        focusItem(current + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        focusItem(current - 1);
        break;
      case 'Home':
        event.preventDefault();
        focusItem(0);
        break;
      case 'End':
        event.preventDefault();
        focusItem(nodes.length - 1);
        break;
      case 'Escape':
        event.preventDefault();
        close(true);
        break;
      case 'Tab':
        close(false);
        break;
      default:
        break;
    }
  };

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className="icon-btn"
        aria-label={label}
        aria-haspopup="menu"
        aria-controls={id}
        aria-expanded={expanded}
        onClick={open}
      >
        <Ellipsis aria-hidden="true" size={18} />
      </button>
      <div
        ref={listRef}
        id={id}
        popover="auto"
        role="menu"
        aria-label={label}
        className="menu"
        onKeyDown={onListKeyDown}
        onToggle={(event) => {
          // Also closes by light dismiss (a click elsewhere), so follow the popover's own state.
          setExpanded(event.nativeEvent.newState === 'open');
        }}
      >
        {items.map((item) => (
          <button
            key={item.label}
            type="button"
            role="menuitem"
            disabled={item.disabled}
            className={cx('menu__item', item.tone === 'danger' && 'menu__item--danger')}
            onClick={() => {
              // Focus returns to the menu button, so a dialog opened next gives focus back to it.
              close(true);
              item.onSelect();
            }}
          >
            {item.icon}
            <span>{item.label}</span>
          </button>
        ))}
      </div>
    </>
  );
}
