// A dialog that is a form: main's problem over the fields, then Cancel and the action. The action
// is busy while the call runs and a second submit does nothing; pair it with useFormMutation.
import type { ReactNode, SubmitEvent } from 'react';
import type { FormProblem } from '../lib/form-errors.ts';
import { Button } from './button.tsx';
import { cx } from './cx.ts';
import { Dialog, DialogFooter, type DialogProps } from './dialog.tsx';
import { ProblemBanner } from './problem-banner.tsx';

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
  children,
}: FormDialogProps) {
  const locked = lockWhilePending && mutation.pending;
  const actions = (
    <>
      <Button variant="ghost" onClick={onClose} disabled={locked}>
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
      onClose={onClose}
      dismissible={!locked}
    >
      <form
        className={cx('form', formClassName)}
        aria-label={formLabel}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!mutation.pending) void onSubmit(event);
        }}
      >
        <ProblemBanner problem={mutation.problem} title={problemTitle} />
        {children}
        {footer ? footer(actions) : <DialogFooter>{actions}</DialogFooter>}
      </form>
    </Dialog>
  );
}
