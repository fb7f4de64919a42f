// Who is signed in, per window. The data key stays in memory only while this holds a session.
import type { LockReason } from '../../../preload/contract.ts';
import type { Role } from '../../../preload/contract/common.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { TemporaryGrant } from '../access/index.ts';

export interface Session {
  readonly windowId: string;
  readonly userId: string;
  readonly username: string;
  displayName: string;
  role: Role;
  mustChangePassword: boolean;
  readonly startedAt: number;
  /**
   * 'needed': the password was right, the second-factor code not yet (only the code step is open,
   * until secondFactorDeadline by main's clock); 'enrol': the practice requires a factor this person
   * must set up first. Absent or null: fully signed in.
   */
  secondFactor?: 'needed' | 'enrol' | null;
  secondFactorDeadline?: number | undefined;
  /** Between "lock" and the end of the session: only the last draft save is still accepted. */
  locking?: boolean;
  /**
   * The temporary grant (emergency access, issue 21) this person holds on a client now, by main's
   * clock; set when the session starts. chartAccess asks it for a chart role and care team refuse.
   */
  temporaryAccess?: (db: Kysely<DB>, clientId: string) => Promise<TemporaryGrant | null>;
}

type Listener = (session: Session, reason?: LockReason) => void;

export class SessionManager {
  private readonly sessions = new Map<string, Session>();
  /** Why each window's last session ended, so a call after a lock says "locked", not "signed out". */
  private readonly endedBecause = new Map<string, LockReason>();
  private readonly startListeners: Listener[] = [];
  private readonly endListeners: Listener[] = [];

  get(windowId: string): Session | null {
    return this.sessions.get(windowId) ?? null;
  }

  lastEndReason(windowId: string): LockReason | null {
    return this.endedBecause.get(windowId) ?? null;
  }

  onStart(listener: Listener): void {
    this.startListeners.push(listener);
  }

  onEnd(listener: Listener): void {
    this.endListeners.push(listener);
  }

  start(session: Session): void {
    this.sessions.set(session.windowId, session);
    this.endedBecause.delete(session.windowId);
    for (const l of this.startListeners) l(session);
  }

  /** Ends the window's session; returns it, or null if there was none. */
  end(windowId: string, reason: LockReason = 'signed-out'): Session | null {
    const s = this.sessions.get(windowId) ?? null;
    this.sessions.delete(windowId);
    if (s) {
      this.endedBecause.set(windowId, reason);
      for (const l of this.endListeners) l(s, reason);
    }
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
