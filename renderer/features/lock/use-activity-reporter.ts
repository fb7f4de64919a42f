// Reports input in Stillwater's own window to main (session.activity), which owns the inactivity
// timer (DESIGN.md section 6). Throttled: at most one report per `throttleMs`, the last input of a
// burst included (a trailing report), and at once while the warning is showing. A report is a claim,
// not proof: main credits it only as far back as the OS saw real input while this window had the
// focus (sessions/auto-lock.ts), so input in another application never extends a session.
import { useEffect, useLayoutEffect, useRef } from 'react';
import { call } from '../../api.ts';

const INPUT_EVENTS = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;
/**
 * The pointer must really move: Chromium sends a mousemove without any movement when the page
 * changes under a still cursor (the warning appearing would otherwise dismiss itself).
 */
const MOVE_PX = 6;

export interface ActivityOptions {
  throttleMs: number;
  /** The inactivity warning is showing: every input goes to main at once. */
  warned: boolean;
}

export function useActivityReporter({ throttleMs, warned }: ActivityOptions): void {
  const latest = useRef({ throttleMs, warned });
  useLayoutEffect(() => {
    latest.current = { throttleMs, warned };
  });
  const sendPending = useRef<() => void>(() => undefined);

  useEffect(() => {
    let lastSent = Number.NEGATIVE_INFINITY;
    let trailing: number | null = null;
    let lastPoint: { x: number; y: number } | null = null;

    const send = (): void => {
      if (trailing !== null) window.clearTimeout(trailing);
      trailing = null;
      lastSent = performance.now();
      // A refused report (locked meanwhile) needs nothing here: session.locked follows.
      call('session.activity', {}).catch(() => undefined);
    };
    const onInput = (): void => {
      const { throttleMs: every, warned: now } = latest.current;
      const wait = lastSent + every - performance.now();
      if (now || wait <= 0) send();
      else trailing ??= window.setTimeout(send, wait);
    };
    const onMove = (event: PointerEvent): void => {
      const point = { x: event.screenX, y: event.screenY };
      const moved = lastPoint !== null && Math.hypot(point.x - lastPoint.x, point.y - lastPoint.y) >= MOVE_PX;
      if (lastPoint === null || moved) lastPoint = point;
      if (moved) onInput();
    };

    sendPending.current = () => {
      if (trailing !== null) send();
    };

    const options = { capture: true, passive: true } as const;
    for (const type of INPUT_EVENTS) window.addEventListener(type, onInput, options);
    window.addEventListener('pointermove', onMove, options);
    return () => {
      for (const type of INPUT_EVENTS) window.removeEventListener(type, onInput, options);
      window.removeEventListener('pointermove', onMove, options);
      if (trailing !== null) window.clearTimeout(trailing);
    };
  }, []);

  // A warning while an input is still waiting to be reported: main has not heard it yet.
  useEffect(() => {
    if (warned) sendPending.current();
  }, [warned]);
}
