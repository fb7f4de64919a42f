// The plan editor's autosave: what is typed goes to main (plans.saveDraft) a moment after the last
// keystroke, one save at a time (the newest waits for the one under way). The inactivity warning,
// main's session.saveNow (a lock under way), "Lock" / "Sign out", a hidden window and leaving the
// editor all send what is waiting, so no typed work is lost.
import { useEffect, useState } from 'react';
import type { SavePlanDraftInput } from '../../../preload/contract.ts';
import { call, isApiError, on } from '../../api.ts';
import { registerPendingSave } from '../../lib/pending-saves.ts';
import type { SaveState } from '../../ui/save-status.tsx';

const DELAY_MS = 700;

export class PlanSaver {
  private waiting: SavePlanDraftInput | null = null;
  private timer: number | null = null;
  private running: Promise<boolean> | null = null;
  private readonly onState: (state: SaveState) => void;

  constructor(onState: (state: SaveState) => void) {
    this.onState = onState;
  }

  /** A change to save after the pause. */
  schedule(input: SavePlanDraftInput): void {
    this.waiting = input;
    this.onState({ kind: 'pending' });
    if (this.timer !== null) window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, DELAY_MS);
  }

  /** Saves what waits now; true when everything typed is in main. */
  async flush(): Promise<boolean> {
    if (this.timer !== null) {
      window.clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.running) await this.running;
    const input = this.waiting;
    if (!input) return true;
    this.waiting = null;
    this.onState({ kind: 'saving' });
    this.running = call('plans.saveDraft', input).then(
      (r) => {
        if (!this.waiting) this.onState({ kind: 'saved', savedAt: r.savedAt });
        return true;
      },
      (error: unknown) => {
        // Kept to send again with the next change or flush, unless main refused it for good.
        const final = isApiError(error) && (error.code === 'LOCKED' || error.code === 'FORBIDDEN');
        if (!final) this.waiting ??= input;
        this.onState({
          kind: 'failed',
          message: error instanceof Error ? error.message : 'The plan could not be saved.',
        });
        return false;
      },
    );
    const ok = await this.running;
    this.running = null;
    return ok;
  }
}

export function usePlanAutosave(): { saver: PlanSaver; state: SaveState } {
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const [saver] = useState(() => new PlanSaver(setState));
  useEffect(() => {
    const send = (): void => {
      void saver.flush();
    };
    const onVisibility = (): void => {
      if (document.visibilityState === 'hidden') send();
    };
    window.addEventListener('pagehide', send);
    document.addEventListener('visibilitychange', onVisibility);
    const offWarning = on('session.warning', send);
    const offSaveNow = on('session.saveNow', send);
    const offPending = registerPendingSave(() => saver.flush());
    return () => {
      window.removeEventListener('pagehide', send);
      document.removeEventListener('visibilitychange', onVisibility);
      offWarning();
      offSaveNow();
      offPending();
      send();
    };
  }, [saver]);
  return { saver, state };
}
