// The one TanStack Query client. Reads are fetched fresh after each sign-in (the cache is cleared
// on every lock), and a call that finds the session gone tells the app to show sign-in.
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from '../api.ts';

/** A tiny signal: main answered NOT_SIGNED_IN, so the session ended without an event reaching us. */
export interface SessionGoneSignal {
  emit(): void;
  subscribe(listener: () => void): () => void;
}

export function createSessionGoneSignal(): SessionGoneSignal {
  const listeners = new Set<() => void>();
  return {
    emit: () => {
      for (const listener of listeners) listener();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

export function createQueryClient(sessionGone: SessionGoneSignal): QueryClient {
  const check = (error: unknown): void => {
    if (isApiError(error) && error.code === 'NOT_SIGNED_IN') sessionGone.emit();
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError: check }),
    mutationCache: new MutationCache({ onError: check }),
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
}
