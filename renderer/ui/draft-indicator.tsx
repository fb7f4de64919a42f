// The quiet line beside a form's buttons that says its draft is safe: "Draft saved 3:41 PM".
import { CloudOff, CloudCheck } from 'lucide-react';
import { formatShortTime } from '../lib/calendar-date.ts';
import { Spinner } from './spinner.tsx';

export type DraftState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; savedAt: string }
  | { kind: 'failed'; message: string };

export function DraftIndicator({ state }: { state: DraftState }) {
  return (
    <p className="draft-indicator" role="status" aria-live="polite">
      {state.kind === 'saving' && (
        <>
          <Spinner size={14} /> Saving draft…
        </>
      )}
      {state.kind === 'saved' && (
        <>
          <CloudCheck aria-hidden="true" size={15} /> Draft saved {formatShortTime(state.savedAt)}
        </>
      )}
      {state.kind === 'failed' && (
        <span className="draft-indicator--failed" title={state.message}>
          <CloudOff aria-hidden="true" size={15} /> Draft not saved: {state.message}
        </span>
      )}
    </p>
  );
}
