// Who is signed in, per window. The data key stays in memory only while this holds a session.
import type { Role } from '../../../preload/contract/common.ts';

export interface Session {
  readonly windowId: string;
  readonly userId: string;
  readonly username: string;
  displayName: string;
  role: Role;
  mustChangePassword: boolean;
  readonly startedAt: number;
}

export class SessionManager {
  private readonly sessions = new Map<string, Session>();

  get(windowId: string): Session | null {
    return this.sessions.get(windowId) ?? null;
  }

  start(session: Session): void {
    this.sessions.set(session.windowId, session);
  }

  /** Ends the window's session; returns it, or null if there was none. */
  end(windowId: string): Session | null {
    const s = this.sessions.get(windowId) ?? null;
    this.sessions.delete(windowId);
    return s;
  }

  forUser(userId: string): Session[] {
    return [...this.sessions.values()].filter((s) => s.userId === userId);
  }

  get count(): number {
    return this.sessions.size;
  }

  all(): Session[] {
    return [...this.sessions.values()];
  }
}
