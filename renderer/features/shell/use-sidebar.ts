// Whether the sidebar shows its labels or only icons. Below NARROW_QUERY (a 13-inch laptop at 150 %
// scaling is 1024 px wide) it starts as icons and its toggle opens it over the page until a page is
// chosen or Esc is pressed; on a wide window it starts open and its toggle folds it away.
import { useCallback, useState, useSyncExternalStore } from 'react';

const NARROW_QUERY = '(max-width: 1199px)';

function useNarrowWindow(): boolean {
  const subscribe = useCallback((changed: () => void) => {
    const query = window.matchMedia(NARROW_QUERY);
    query.addEventListener('change', changed);
    return () => {
      query.removeEventListener('change', changed);
    };
  }, []);
  return useSyncExternalStore(subscribe, () => window.matchMedia(NARROW_QUERY).matches);
}

export interface SidebarState {
  /** Icons only. */
  collapsed: boolean;
  /** Opened over the page on a narrow window (the page keeps its width). */
  overlay: boolean;
  toggle: () => void;
  /** Folds an overlaid sidebar back to icons; nothing otherwise. */
  closeOverlay: () => void;
}

export function useSidebar(): SidebarState {
  const narrow = useNarrowWindow();
  const [wideCollapsed, setWideCollapsed] = useState(false);
  const [narrowOpen, setNarrowOpen] = useState(false);
  // A window made wide closes the overlay, so narrowing it again starts from icons.
  const [wasNarrow, setWasNarrow] = useState(narrow);
  if (wasNarrow !== narrow) {
    setWasNarrow(narrow);
    if (!narrow) setNarrowOpen(false);
  }
  const toggle = useCallback(() => {
    if (narrow) setNarrowOpen((open) => !open);
    else setWideCollapsed((collapsed) => !collapsed);
  }, [narrow]);
  const closeOverlay = useCallback(() => {
    setNarrowOpen(false);
  }, []);
  return {
    collapsed: narrow ? !narrowOpen : wideCollapsed,
    overlay: narrow && narrowOpen,
    toggle,
    closeOverlay,
  };
}
