// Autosaves what a person types in a form as a draft (drafts.save: encrypted, readable only by
// them), a moment after they stop typing and whenever they leave a field, so neither a crash nor
// a lock loses it (a lock, "Lock" and "Sign out" wait briefly for the last save: pending-saves.ts),
// and a window hidden or closed saves at once. The form restores the draft itself (draftQuery)
// before it first renders.
import { queryOptions } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import type { Input } from '../../preload/contract.ts';
import { call, isApiError, on } from '../api.ts';
import type { DraftState } from '../ui/draft-indicator.tsx';
import { registerPendingSave } from './pending-saves.ts';

/** Read fresh every time a form opens, and not kept once it closes. */
export const draftQuery = (key: string) =>
  queryOptions({
    queryKey: ['drafts', key],
    queryFn: () => call('drafts.get', { key }),
    staleTime: 0,
    gcTime: 0,
  });

export interface FormDraft {
  state: DraftState;
  /** Saves at once if an edit is waiting (a field lost focus). */
  flush: () => void;
  /** Drops any waiting edit and deletes the saved draft (after a save, or "Discard draft"). */
  discard: () => Promise<void>;
}

export function useFormDraft<T extends FieldValues, Parsed extends FieldValues>(
  form: UseFormReturn<T, unknown, Parsed>,
  key: string,
  restoredAt: string | null,
  delayMs = 800,
): FormDraft {
  const timer = useRef<number | null>(null);
  const pending = useRef(false);
  // Saves and discards run one after another, so a late save never re-creates a discarded draft.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const [state, setState] = useState<DraftState>(
    restoredAt ? { kind: 'saved', savedAt: restoredAt } : { kind: 'idle' },
  );

  const flush = useCallback((): void => {
    if (timer.current !== null) {
      window.clearTimeout(timer.current);
      timer.current = null;
    }
    if (!pending.current) return;
    pending.current = false;
    const data = JSON.parse(JSON.stringify(form.getValues())) as Input<'drafts.save'>['data'];
    setState({ kind: 'saving' });
    queue.current = queue.current.then(async () => {
      try {
        const saved = await call('drafts.save', { key, data });
        setState({ kind: 'saved', savedAt: saved.savedAt });
      } catch (error) {
        setState({
          kind: 'failed',
          message: isApiError(error) ? error.message : 'The draft could not be saved.',
        });
      }
    });
  }, [form, key]);

  useEffect(() => {
    const subscription = form.watch((_values, info) => {
      // A reset (no field named) is the form loading values, not the person typing.
      if (info.name === undefined) return;
      pending.current = true;
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = window.setTimeout(flush, delayMs);
    });
    return () => {
      subscription.unsubscribe();
    };
  }, [form, flush, delayMs]);

  // The inactivity warning is the last moment before a lock: save what is waiting now. A lock
  // under way (session.saveNow) runs every registered save and waits for it.
  useEffect(() => on('session.warning', flush), [flush]);
  useEffect(
    () =>
      registerPendingSave(() => {
        flush();
        return queue.current;
      }),
    [flush],
  );
  // Leaving the form (another page, a lock) saves what is waiting.
  useEffect(() => flush, [flush]);
  // A window being hidden or closed saves at once, without waiting behind a save under way (a
  // closing page's queue would never get to it).
  useEffect(() => {
    const leave = (): void => {
      if (!pending.current) return;
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = null;
      pending.current = false;
      const data = JSON.parse(JSON.stringify(form.getValues())) as Input<'drafts.save'>['data'];
      call('drafts.save', { key, data }).catch(() => undefined);
    };
    const onVisibility = (): void => {
      if (document.visibilityState === 'hidden') leave();
    };
    window.addEventListener('pagehide', leave);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', leave);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [form, key]);

  const discard = useCallback((): Promise<void> => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
    pending.current = false;
    setState({ kind: 'idle' });
    queue.current = queue.current.then(async () => {
      try {
        await call('drafts.discard', { key });
      } catch {
        // A draft that could not be deleted is overwritten by the next save; nothing is lost.
      }
    });
    return queue.current;
  }, [key]);

  return { state, flush, discard };
}
