// Who is signed in, as the renderer knows it, and the moves between the app's big states:
// setup, signed out, signed in. Locking clears the whole query cache and remounts the screens,
// so no record data outlives a session in memory. The address (#/clients/<id>/notes/<id>: ids
// only) stays as it was: the same person signing back in returns there, anyone else starts fresh.
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { createContext, use, useCallback, useEffect, useReducer, useRef, type ReactNode } from 'react';
import type { AppStatus, LockReason, SessionInfo, SessionSettings } from '../../preload/contract.ts';
import { call, on } from '../api.ts';
import { SESSION_SETTINGS_KEY } from '../features/lock/session-settings-query.ts';
import { flushPendingSaves } from '../lib/pending-saves.ts';
import type { SessionGoneSignal } from './query-client.ts';

export type SignOutReason = LockReason | 'session-ended';

export type Gate =
  | { kind: 'setup' }
  | { kind: 'signedOut'; reason: SignOutReason | null; idleMinutes?: number | null }
  | { kind: 'signedIn'; session: SessionInfo };

export interface SessionState {
  gate: Gate;
  practiceName: string | null;
  /** Bumped on every sign-in and lock: the screens are keyed by it and start from scratch. */
  epoch: number;
  lastUserId: string | null;
}

type Action =
  | { type: 'signedIn'; session: SessionInfo; practiceName?: string }
  | { type: 'session'; session: SessionInfo }
  | { type: 'signedOut'; reason: SignOutReason; idleMinutes: number | null }
  | { type: 'practiceName'; name: string };

function reduce(state: SessionState, action: Action): SessionState {
  switch (action.type) {
    case 'signedIn':
      return {
        gate: { kind: 'signedIn', session: action.session },
        practiceName: action.practiceName ?? state.practiceName,
        epoch: state.epoch + 1,
        lastUserId: action.session.user.id,
      };
    case 'session':
      return state.gate.kind === 'signedIn'
        ? { ...state, gate: { kind: 'signedIn', session: action.session } }
        : state;
    case 'signedOut':
      if (state.gate.kind !== 'signedIn') return state;
      return {
        ...state,
        gate: { kind: 'signedOut', reason: action.reason, idleMinutes: action.idleMinutes },
        epoch: state.epoch + 1,
      };
    case 'practiceName':
      return { ...state, practiceName: action.name };
  }
}

function initialState(status: AppStatus): SessionState {
  const gate: Gate = !status.setUp
    ? { kind: 'setup' }
    : status.session
      ? { kind: 'signedIn', session: status.session }
      : { kind: 'signedOut', reason: null };
  return { gate, practiceName: status.practiceName, epoch: 0, lastUserId: status.session?.user.id ?? null };
}

export interface SessionApi {
  state: SessionState;
  /** After setup, sign-in or recovery. A different person than last time starts at Clients. */
  enter: (session: SessionInfo, practiceName?: string) => void;
  /** main returned a fresh SessionInfo (password changed, recovery key confirmed). */
  updateSession: (session: SessionInfo) => void;
  setPracticeName: (name: string) => void;
  /** Drops everything the renderer holds and shows sign-in. */
  lockLocally: (reason: SignOutReason) => void;
  /** "Lock" and Ctrl/Cmd+L: main locks (saving the last draft first), then the renderer. */
  lock: () => Promise<void>;
  /** Ends the session in main, then locally. */
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

export function useSession(): SessionApi {
  const api = use(SessionContext);
  if (!api) throw new Error('useSession outside SessionProvider');
  return api;
}

/** The signed-in session; only for screens rendered inside the signed-in gate. */
export function useSignedIn(): { session: SessionInfo; practiceName: string } {
  const { state } = useSession();
  if (state.gate.kind !== 'signedIn') throw new Error('useSignedIn outside the signed-in screens');
  return { session: state.gate.session, practiceName: state.practiceName ?? 'Your practice' };
}

export interface SessionProviderProps {
  initial: AppStatus;
  sessionGone: SessionGoneSignal;
  children: ReactNode;
}

/** Empties the query cache (every record read since sign-in) and says why the session ended. */
function dropEverything(queryClient: QueryClient, reason: SignOutReason): Action {
  // Kept for "locked after 5 minutes without activity": a practice setting, not a record.
  const settings = queryClient.getQueryData<SessionSettings>(SESSION_SETTINGS_KEY);
  queryClient.clear();
  return { type: 'signedOut', reason, idleMinutes: settings?.timeoutMinutes ?? null };
}

export function SessionProvider({ initial, sessionGone, children }: SessionProviderProps) {
  const queryClient = useQueryClient();
  const [state, dispatch] = useReducer(reduce, initial, initialState);
  const locking = useRef(false);

  const lockLocally = (reason: SignOutReason): void => {
    dispatch(dropEverything(queryClient, reason));
  };

  const lock = useCallback(async (): Promise<void> => {
    if (locking.current) return;
    locking.current = true;
    try {
      await call('session.lock', {});
    } catch {
      // Already locked or ended in main (the menu's shortcut got there first), or main is gone.
    } finally {
      locking.current = false;
    }
    // session.locked has normally done this already; without it the screen still locks.
    dispatch(dropEverything(queryClient, 'manual'));
  }, [queryClient]);

  useEffect(() => {
    const offLocked = on('session.locked', ({ reason }) => {
      dispatch(dropEverything(queryClient, reason));
    });
    const offGone = sessionGone.subscribe(() => {
      dispatch(dropEverything(queryClient, 'session-ended'));
    });
    return () => {
      offLocked();
      offGone();
    };
  }, [queryClient, sessionGone]);

  const api: SessionApi = {
    state,
    enter: (session, practiceName) => {
      if (session.user.id !== state.lastUserId) window.history.replaceState(null, '', '#/clients');
      queryClient.clear();
      dispatch({ type: 'signedIn', session, ...(practiceName === undefined ? {} : { practiceName }) });
    },
    updateSession: (session) => {
      dispatch({ type: 'session', session });
    },
    setPracticeName: (name) => {
      dispatch({ type: 'practiceName', name });
    },
    lockLocally,
    lock,
    signOut: async () => {
      // A note being typed is saved first (briefly awaited), so "Lock" loses no keystrokes.
      await flushPendingSaves();
      try {
        await call('auth.signOut', {});
      } catch {
        // Already signed out in main (or main is gone): the local lock below is what matters here.
      }
      lockLocally('signed-out');
    },
  };

  return <SessionContext value={api}>{children}</SessionContext>;
}
