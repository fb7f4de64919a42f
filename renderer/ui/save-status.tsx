// The autosave line of an editor: "Saving…", "Saved 2:32:05 PM", "Not saved — retrying". Announced
// politely to screen readers; the failure states are coloured so they are noticed.
import { CloudExclamationPoint, CloudCheck, CloudOff, PencilLine } from 'lucide-react';
import { formatTime } from '../lib/format.ts';
import { cx } from './cx.ts';
import { Spinner } from './spinner.tsx';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; savedAt: string }
  | { kind: 'retrying'; message: string }
  | { kind: 'failed'; message: string };

export function SaveStatus({ state, className }: { state: SaveState; className?: string }) {
  const tone = state.kind === 'retrying' ? 'warning' : state.kind === 'failed' ? 'danger' : 'quiet';
  return (
    <p className={cx('save-status', `save-status--${tone}`, className)} role="status" aria-live="polite">
      {state.kind === 'idle' && <span className="save-status__text">Saves as you type</span>}
      {/* The in-between states are shown, not announced: a screen reader hears the outcome. */}
      {state.kind === 'pending' && (
        <>
          <PencilLine aria-hidden="true" size={15} />
          <span className="save-status__text" aria-hidden="true">
            Editing…
          </span>
        </>
      )}
      {state.kind === 'saving' && (
        <>
          <Spinner size={14} />
          <span className="save-status__text" aria-hidden="true">
            Saving…
          </span>
        </>
      )}
      {state.kind === 'saved' && (
        <>
          <CloudCheck aria-hidden="true" size={15} />
          <span className="save-status__text">Saved {formatTime(state.savedAt)}</span>
        </>
      )}
      {state.kind === 'retrying' && (
        <>
          <CloudExclamationPoint aria-hidden="true" size={15} />
          <span className="save-status__text" title={state.message}>
            Not saved — retrying
          </span>
        </>
      )}
      {state.kind === 'failed' && (
        <>
          <CloudOff aria-hidden="true" size={15} />
          <span className="save-status__text">Not saved — {state.message}</span>
        </>
      )}
    </p>
  );
}
