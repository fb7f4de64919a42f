// A dialog that is a form: main's problem over the fields, then Cancel and the action. The action
// is busy while the call runs and a second submit does nothing; pair it with useFormMutation. A form
// that is a draft (useDialogDraft) asks "Discard?" before closing with something typed in it.
import { useEffect, useRef, useState, type ReactNode, type SubmitEvent } from 'react';
import { formatShortTime } from '../lib/calendar-date.ts';
import type { FormProblem } from '../lib/form-errors.ts';
import { Banner } from './banner.tsx';
import { Button } from './button.tsx';
import { cx } from './cx.ts';
import { Dialog, DialogFooter, type DialogProps } from './dialog.tsx';
import { DiscardStep } from './discard-step.tsx';
import { DraftIndicator, type DraftState } from './draft-indicator.tsx';
import { ProblemBanner } from './problem-banner.tsx';

/** A dialog's form kept as a draft (useDialogDraft). */
export interface DialogDraft {
  /** Closing now would lose something: typed since the dialog opened, or restored from a draft. */
  unsaved: boolean;
  /** When the draft the dialog opened with was saved (it is back in the form), or null. */
  restoredAt: string | null;
  state: DraftState;
  /** Saves a waiting edit at once (a field lost focus). */
  flush: () => void;
  /** Deletes the draft (closing without keeping it). */
  discard: () => Promise<void>;
}

export interface FormDialogProps {
  title: string;
  description?: ReactNode;
  size?: DialogProps['size'];
  className?: string;
  onClose: () => void;
  /** The call behind the form (useFormMutation): its pending flag and main's problem. */
  mutation: { pending: boolean; problem: FormProblem | null };
  /** Validates and submits: react-hook-form's handleSubmit(…), or a plain handler. */
  onSubmit: (event: SubmitEvent<HTMLFormElement>) => void | Promise<void>;
  /** The banner's title over main's message. */
  problemTitle?: string;
  submitLabel: ReactNode;
  submitIcon?: ReactNode;
  submitVariant?: 'primary' | 'danger';
  submitDisabled?: boolean;
  /** While the call runs nothing closes the dialog (a restore that cannot be stopped halfway). */
  lockWhilePending?: boolean;
  /** The form's own name, when it needs one besides the dialog's title. */
  formLabel?: string;
  formClassName?: string;
  /** Puts Cancel and the action somewhere else than the usual footer (beside a running total). */
  footer?: (actions: ReactNode) => ReactNode;
  /** The form is a draft: restored text is announced, and closing with text asks first. */
  draft?: DialogDraft;
  children: ReactNode;
}

export function FormDialog({
  title,
  description,
  size,
  className,
  onClose,
  mutation,
  onSubmit,
  problemTitle,
  submitLabel,
  submitIcon,
  submitVariant = 'primary',
  submitDisabled = false,
  lockWhilePending = false,
  formLabel,
  formClassName,
  footer,
  draft,
  children,
}: FormDialogProps) {
  const locked = lockWhilePending && mutation.pending;
  const [asking, setAsking] = useState(false);
  // Where the person was typing when the question came: "Keep editing" puts them back there.
  const returnTo = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (asking) return;
    returnTo.current?.focus();
    returnTo.current = null;
  }, [asking]);
  // Closes once main has deleted the draft, so the dialog opened again at once starts empty.
  const discardAndClose = (): void => {
    if (draft) void draft.discard().then(onClose);
    else onClose();
  };
  /** Esc, Close and Cancel: a draft with something in it asks first; Esc on the question keeps editing. */
  const requestClose = (): void => {
    if (asking) {
      setAsking(false);
    } else if (draft?.unsaved) {
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      setAsking(true);
    } else {
      // Nothing typed: a draft saved meanwhile (text typed and deleted again) goes too.
      discardAndClose();
    }
  };
  const actions = (
    <>
      <Button variant="ghost" onClick={requestClose} disabled={locked}>
        Cancel
      </Button>
      <Button
        type="submit"
        variant={submitVariant}
        icon={submitIcon}
        busy={mutation.pending}
        disabled={submitDisabled}
      >
        {submitLabel}
      </Button>
    </>
  );
  return (
    <Dialog
      title={title}
      description={description}
      size={size}
      className={className}
      onClose={requestClose}
      dismissible={!locked}
      step={asking ? 'discard' : 'form'}
    >
      {asking && (
        <DiscardStep
          onKeep={() => {
            setAsking(false);
          }}
          onDiscard={discardAndClose}
        />
      )}
      <form
        className={cx('form', formClassName)}
        aria-label={formLabel}
        noValidate
        hidden={asking}
        onBlur={draft?.flush}
        onSubmit={(event) => {
          event.preventDefault();
          if (!mutation.pending) void onSubmit(event);
        }}
      >
        <ProblemBanner problem={mutation.problem} title={problemTitle} />
        {draft?.restoredAt && (
          <Banner tone="info" title="What you entered before is back">
            Kept as a draft at {formatShortTime(draft.restoredAt)}. It is recorded only once you choose{' '}
            {typeof submitLabel === 'string' ? `“${submitLabel}”` : 'to save it'}.
          </Banner>
        )}
        {children}
        {footer ? (
          footer(actions)
        ) : (
          <DialogFooter>
            {draft && <DraftIndicator state={draft.state} />}
            {actions}
          </DialogFooter>
        )}
      </form>
    </Dialog>
  );
}
