// The current screen lives in the URL hash (#/staff), so links are real links and the browser's
// history works; no router library is needed for a handful of top-level pages.
import { useSyncExternalStore } from 'react';

const subscribe = (onChange: () => void): (() => void) => {
  window.addEventListener('hashchange', onChange);
  return () => {
    window.removeEventListener('hashchange', onChange);
  };
};

const read = (): string => window.location.hash.replace(/^#\/?/, '').split('?')[0] ?? '';

export function useHashPath(): string {
  return useSyncExternalStore(subscribe, read);
}

export const hrefFor = (path: string): string => `#/${path}`;
