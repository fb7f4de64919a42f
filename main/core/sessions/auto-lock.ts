// The inactivity lock, owned by main (DESIGN.md section 6). The renderer only reports input in
// Stillwater's own window; a frozen or tampered renderer cannot keep a session open. Locking, for
// any reason, asks the renderer to save what is being typed, waits briefly for that one save,
// then ends the session.
import type { EventName, EventPayload, LockReason } from '../../../preload/contract.ts';
import type { Clock, TimerHandle } from '../clock.ts';
import type { Session, SessionManager } from './session-manager.ts';

/** How long a lock waits for the renderer's last draft save before ending the session anyway. */
export const FLUSH_WAIT_MS = 300;

export type Notify = <E extends EventName>(windowId: string, event: E, payload: EventPayload<E>) => void;

interface WindowState {
  lastActivity: number;
  phase: 'active' | 'warned' | 'locking';
  timer: TimerHandle | null;
  done: Promise<void> | null;
  finish: (() => void) | null;
}

export class AutoLock {
  private readonly windows = new Map<string, WindowState>();
  private readonly clock: Clock;
  private readonly settings: () => { timeoutMinutes: number; warningSeconds: number };
  private readonly notify: Notify;
  private readonly end: (windowId: string, reason: LockReason) => Promise<void>;

  constructor(options: {
    clock: Clock;
    sessions: SessionManager;
    settings: () => { timeoutMinutes: number; warningSeconds: number };
    notify: Notify;
    end: (windowId: string, reason: LockReason) => Promise<void>;
  }) {
    this.clock = options.clock;
    this.settings = options.settings;
    this.notify = options.notify;
    this.end = options.end;
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
      done: null,
      finish: null,
    });
    this.schedule(session.windowId);
  }

  private stopped(windowId: string): void {
    const w = this.windows.get(windowId);
    w?.timer?.cancel();
    this.windows.delete(windowId);
  }

  /** Input in the window: the countdown starts again, and a shown warning goes away. */
  activity(windowId: string): void {
    const w = this.windows.get(windowId);
    if (!w || w.phase === 'locking') return;
    w.lastActivity = this.clock.now();
    if (w.phase === 'warned') {
      w.phase = 'active';
      this.notify(windowId, 'session.active', {});
    }
    this.schedule(windowId);
  }

  /** The owner changed the timeout: every open session counts from its last input again. */
  rescheduleAll(): void {
    for (const windowId of this.windows.keys()) this.schedule(windowId);
  }

  private schedule(windowId: string): void {
    const w = this.windows.get(windowId);
    if (!w || w.phase === 'locking') return;
    w.timer?.cancel();
    const { timeoutMinutes, warningSeconds } = this.settings();
    const lockAt = w.lastActivity + timeoutMinutes * 60_000;
    const warnAt = lockAt - warningSeconds * 1000;
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
