// The note editor's autosave (note-saver.ts) bound to the page: hidden or closed windows save at
// once; the inactivity warning, main's session.saveNow (a lock under way) and "Lock" / "Sign out"
// save what is waiting; leaving the editor saves.
import { useEffect, useLayoutEffect, useState } from 'react';
import { on } from '../../api.ts';
import { registerPendingSave } from '../../lib/pending-saves.ts';
import type { SaveState } from '../../ui/save-status.tsx';
import { NoteSaver, type NoteSaverHandlers } from './note-saver.ts';

export interface AutosaveOptions extends NoteSaverHandlers {
  clientId: string;
  noteId: string | null;
  savedAt: string | null;
}

export function useNoteAutosave(options: AutosaveOptions): { saver: NoteSaver; state: SaveState } {
  const [state, setState] = useState<SaveState>(
    options.savedAt ? { kind: 'saved', savedAt: options.savedAt } : { kind: 'idle' },
  );
  const [saver] = useState(
    () =>
      new NoteSaver({
        clientId: options.clientId,
        noteId: options.noteId,
        savedAt: options.savedAt,
        onState: setState,
      }),
  );
  // The editor's callbacks change with every render; the saver, which lives as long as the
  // editor, always calls the latest.
  const { read, onCreated, onInvalid, onClosed } = options;
  useLayoutEffect(() => {
    saver.connect({ read, onCreated, onInvalid, onClosed });
  });

  useEffect(() => {
    const onPageHide = (): void => {
      saver.leave(true);
    };
    const onVisibility = (): void => {
      if (document.visibilityState === 'hidden') saver.leave(false);
    };
    window.addEventListener('pagehide', onPageHide);
    document.addEventListener('visibilitychange', onVisibility);
    // The inactivity warning, and main's "locking now" (it waits briefly for this last save).
    const offWarning = on('session.warning', () => {
      saver.flush();
    });
    const offSaveNow = on('session.saveNow', () => {
      saver.flush();
    });
    const offPending = registerPendingSave(() => saver.settle());
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      document.removeEventListener('visibilitychange', onVisibility);
      offWarning();
      offSaveNow();
      offPending();
      // Leaving the editor (another page, a lock) sends what is waiting.
      saver.flush();
    };
  }, [saver]);

  return { saver, state };
}
