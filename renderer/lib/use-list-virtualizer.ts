// Row virtualization for a long list in a scrolling element, on TanStack Virtual's Virtualizer
// (what its useVirtualizer hook wraps). The instance is one mutable object read afresh on every
// render, so neither this hook nor its callers may be memoized by the React Compiler: each opts
// out with 'use no memo'.
import {
  elementScroll,
  observeElementOffset,
  observeElementRect,
  Virtualizer,
  type VirtualizerOptions,
} from '@tanstack/react-virtual';
import { useLayoutEffect, useReducer, useState } from 'react';
import { flushSync } from 'react-dom';

export type ListVirtualizerOptions = Pick<
  VirtualizerOptions<HTMLElement, HTMLElement>,
  'count' | 'getScrollElement' | 'estimateSize' | 'overscan' | 'initialOffset'
>;

export function useListVirtualizer(options: ListVirtualizerOptions): Virtualizer<HTMLElement, HTMLElement> {
  'use no memo';
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const resolved: VirtualizerOptions<HTMLElement, HTMLElement> = {
    observeElementRect,
    observeElementOffset,
    scrollToFn: elementScroll,
    ...options,
    // A scroll is drawn in the same frame (sync); other changes at React's pace.
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
