// The inactivity lock, owned by main (DESIGN.md section 6). The renderer only reports input in
// Stillwater's own window; a frozen or tampered renderer cannot keep a session open: a report moves
// the session's last activity at most to the last real input the OS saw (its idle time), and a
// window's reports are weighed at most once a second. Locking, for any reason, asks the renderer
// to save what is being typed, waits briefly for that one save, then ends the session.
import type { EventName, EventPayload, LockReason } from '../../../preload/contract.ts';
import type { Clock, TimerHandle } from '../clock.ts';
import type { Session, SessionManager } from './session-manager.ts';

/** How long a lock waits for the renderer's last draft save before ending the session anyway. */
export const FLUSH_WAIT_MS = 300;

/** How often a window's activity reports are weighed; reports in between are coalesced into one. */
export const ACTIVITY_INTERVAL_MS = 1000;

/**
 * The operating system's idle time: seconds since the last keyboard or mouse input (Electron's
 * powerMonitor.getSystemIdleTime(), counted only while the reporting window has the focus). It never
 * extends a session on its own (typing in another app keeps no chart open); it bounds what a
 * renderer's activity report may claim.
 */
export interface IdleSource {
  systemIdleSeconds(windowId: string): number;
}

/**
 * Without an idle source a renderer's report is no evidence of input, so it extends nothing and a
 * session locks on time from sign-in. Fail-closed on purpose: the shipped app always passes the OS's.
 */
export const NO_IDLE_SOURCE: IdleSource = { systemIdleSeconds: () => Number.POSITIVE_INFINITY };

/**
 * The moment of the last real input, given the OS idle time: a report may move the session's last
 * activity up to this and no further. An unusable answer (negative, NaN, infinite) proves nothing.
 */
export function lastInputAt(now: number, idleSeconds: number): number {
  if (!Number.isFinite(idleSeconds) || idleSeconds < 0) return Number.NEGATIVE_INFINITY;
  return now - idleSeconds * 1000;
}

export type Notify = <E extends EventName>(windowId: string, event: E, payload: EventPayload<E>) => void;

interface WindowState {
  lastActivity: number;
  phase: 'active' | 'warned' | 'locking';
  timer: TimerHandle | null;
  /** When a report from this window was last weighed (the rate limit). */
  lastReport: number;
  /** A report that came within the interval, weighed once the interval has passed. */
  pendingReport: TimerHandle | null;
  done: Promise<void> | null;
  finish: (() => void) | null;
}

export class AutoLock {
  private readonly windows = new Map<string, WindowState>();
  private readonly clock: Clock;
  private readonly settings: () => { timeoutMinutes: number; warningSeconds: number };
  private readonly notify: Notify;
  private readonly end: (windowId: string, reason: LockReason) => Promise<void>;
  private readonly idle: IdleSource;

  constructor(options: {
    clock: Clock;
    /** The OS idle time; without one, activity reports extend nothing (NO_IDLE_SOURCE). */
    idle?: IdleSource | undefined;
    sessions: SessionManager;
    settings: () => { timeoutMinutes: number; warningSeconds: number };
    notify: Notify;
    end: (windowId: string, reason: LockReason) => Promise<void>;
  }) {
    this.clock = options.clock;
    this.settings = options.settings;
    this.notify = options.notify;
    this.end = options.end;
    this.idle = options.idle ?? NO_IDLE_SOURCE;
    options.sessions.onStart((s) => {
      this.started(s);
    });
    options.sessions.onEnd((s) => {
      this.stopped(s.windowId);
    });
  }

  private started(session: Session): void {
    this.stopped(session.windowId);
    this.windows.set(session.windowId, {
      lastActivity: this.clock.now(),
      phase: 'active',
      timer: null,
      lastReport: Number.NEGATIVE_INFINITY,
      pendingReport: null,
      done: null,
      finish: null,
    });
    this.schedule(session.windowId);
  }

  private stopped(windowId: string): void {
    const w = this.windows.get(windowId);
    w?.timer?.cancel();
    w?.pendingReport?.cancel();
    this.windows.delete(windowId);
  }

  /**
   * The renderer reports input in the window. Weighed at most once per ACTIVITY_INTERVAL_MS (a
   * report within the interval is weighed when it ends, however many came), so a flood costs nothing.
   */
  activity(windowId: string): void {
    const w = this.windows.get(windowId);
    if (!w || w.phase === 'locking' || w.pendingReport) return;
    const wait = w.lastReport + ACTIVITY_INTERVAL_MS - this.clock.now();
    if (wait <= 0) {
      this.weigh(windowId);
      return;
    }
    w.pendingReport = this.clock.setTimeout(() => {
      w.pendingReport = null;
      if (this.windows.get(windowId) === w) this.weigh(windowId);
    }, wait);
  }

  /**
   * A report counts only as far as the OS saw real input: the last activity moves forward to that
   * moment at most. Then the countdown starts from there, and a shown warning goes away (or, if the
   * last real input is itself within the warning, counts down from the new moment).
   */
  private weigh(windowId: string): void {
    const w = this.windows.get(windowId);
    if (!w || w.phase === 'locking') return;
    const now = this.clock.now();
    w.lastReport = now;
    let idleSeconds: number;
    try {
      idleSeconds = this.idle.systemIdleSeconds(windowId);
    } catch {
      idleSeconds = Number.NaN; // an OS that cannot say proves no input
    }
    const inputAt = lastInputAt(now, idleSeconds);
    if (inputAt <= w.lastActivity) return;
    w.lastActivity = inputAt;
    if (w.phase === 'warned') {
      const { lockAt, warnAt } = this.deadlines(w);
      if (now < warnAt) {
        w.phase = 'active';
        this.notify(windowId, 'session.active', {});
      } else {
        this.notify(windowId, 'session.warning', { secondsLeft: Math.ceil((lockAt - now) / 1000) });
      }
    }
    this.schedule(windowId);
  }

  private deadlines(w: WindowState): { lockAt: number; warnAt: number } {
    const { timeoutMinutes, warningSeconds } = this.settings();
    const lockAt = w.lastActivity + timeoutMinutes * 60_000;
    return { lockAt, warnAt: lockAt - warningSeconds * 1000 };
  }

  /** The owner changed the timeout: every open session counts from its last input again. */
  rescheduleAll(): void {
    for (const windowId of this.windows.keys()) this.schedule(windowId);
  }

  private schedule(windowId: string): void {
    const w = this.windows.get(windowId);
    if (!w || w.phase === 'locking') return;
    w.timer?.cancel();
    const { lockAt, warnAt } = this.deadlines(w);
    const now = this.clock.now();
    if (w.phase === 'active' && now < warnAt) {
      w.timer = this.clock.setTimeout(() => {
        this.schedule(windowId);
      }, warnAt - now);
      return;
    }
    if (now < lockAt) {
      if (w.phase === 'active') {
        w.phase = 'warned';
        this.notify(windowId, 'session.warning', { secondsLeft: Math.ceil((lockAt - now) / 1000) });
      }
      w.timer = this.clock.setTimeout(() => {
        this.schedule(windowId);
      }, lockAt - now);
      return;
    }
    void this.lock(windowId, 'inactivity');
  }

  isLocking(windowId: string): boolean {
    return this.windows.get(windowId)?.phase === 'locking';
  }

  /**
   * Locks a window: asks the renderer to save its draft, waits for that (at most FLUSH_WAIT_MS),
   * then ends the session. Resolves when the session has ended.
   */
  lock(windowId: string, reason: LockReason): Promise<void> {
    const w = this.windows.get(windowId);
    if (!w) return this.end(windowId, reason);
    if (w.done) return w.done;
    w.timer?.cancel();
    w.pendingReport?.cancel();
    w.pendingReport = null;
    w.phase = 'locking';
    w.done = new Promise<void>((resolve, reject) => {
      let finished = false;
      w.finish = () => {
        if (finished) return;
        finished = true;
        w.timer?.cancel();
        this.end(windowId, reason).then(resolve, reject);
      };
      w.timer = this.clock.setTimeout(() => {
        w.finish?.();
      }, FLUSH_WAIT_MS);
    });
    this.notify(windowId, 'session.saveNow', { reason });
    return w.done;
  }

  /** The renderer's last save arrived: end the session now rather than at the deadline. */
  async flushed(windowId: string): Promise<void> {
    const w = this.windows.get(windowId);
    if (w?.phase !== 'locking') return;
    w.finish?.();
    await w.done;
  }
}
