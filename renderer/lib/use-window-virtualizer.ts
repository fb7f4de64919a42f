// Row virtualization for a long list inside a page that scrolls as a whole (a chart's timeline):
// TanStack Virtual's Virtualizer on the window, its rows measured as they are drawn. Like
// use-list-virtualizer, the instance is one mutable object read afresh on every render, so neither
// this hook nor its callers may be memoized by the React Compiler ('use no memo').
import {
  observeWindowOffset,
  observeWindowRect,
  Virtualizer,
  windowScroll,
  type VirtualizerOptions,
} from '@tanstack/react-virtual';
import { useLayoutEffect, useReducer, useState } from 'react';
import { flushSync } from 'react-dom';

export type WindowVirtualizerOptions = Pick<
  VirtualizerOptions<Window, HTMLElement>,
  'count' | 'estimateSize' | 'overscan' | 'scrollMargin' | 'getItemKey'
>;

export function useWindowVirtualizer(options: WindowVirtualizerOptions): Virtualizer<Window, HTMLElement> {
  'use no memo';
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const resolved: VirtualizerOptions<Window, HTMLElement> = {
    getScrollElement: () => window,
    observeElementRect: observeWindowRect,
    observeElementOffset: observeWindowOffset,
    scrollToFn: windowScroll,
    initialOffset: () => window.scrollY,
    ...options,
    onChange: (_instance, sync) => {
      if (sync) flushSync(rerender);
      else rerender();
    },
  };
  const [instance] = useState(() => new Virtualizer(resolved));
  instance.setOptions(resolved);
  useLayoutEffect(() => instance._didMount(), [instance]);
  useLayoutEffect(() => {
    instance._willUpdate();
  });
  return instance;
}
