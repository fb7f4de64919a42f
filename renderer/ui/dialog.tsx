// A modal dialog on the native <dialog> element: the browser traps focus, Escape cancels, and
// focus returns to what opened it. Render it only while it is open.
import { X } from 'lucide-react';
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { cx } from './cx.ts';

export interface DialogProps {
  title: string;
  description?: ReactNode;
  onClose: () => void;
  children: ReactNode;
  size?: 'sm' | 'md' | 'lg';
  /** False while closing would lose something that cannot be shown again. */
  dismissible?: boolean;
  /** Changes when the dialog moves to its next step: focus moves into the new content. */
  step?: string;
  className?: string;
  /** 'alertdialog' for an urgent question that interrupts (the inactivity warning). */
  role?: 'dialog' | 'alertdialog';
}

/** React does not render the autofocus attribute, so focus the marked control (or the title). */
function focusStart(dialog: HTMLDialogElement): void {
  const target =
    dialog.querySelector<HTMLElement>('[data-autofocus]') ??
    dialog.querySelector<HTMLElement>('.dialog__title');
  target?.focus();
}

export function Dialog({
  title,
  description,
  onClose,
  children,
  size = 'md',
  dismissible = true,
  step,
  className,
  role,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    focusStart(dialog);
    return () => {
      dialog.close();
      opener?.focus();
    };
  }, []);

  const firstStep = useRef(step);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || step === firstStep.current) return;
    focusStart(dialog);
  }, [step]);

  return (
    <dialog
      ref={ref}
      className={cx('dialog', `dialog--${size}`, className)}
      role={role}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        event.preventDefault();
        if (dismissible) onClose();
      }}
    >
      <div className="dialog__header">
        <div>
          <h2 id={titleId} className="dialog__title" tabIndex={-1}>
            {title}
          </h2>
          {description && (
            <div id={descriptionId} className="dialog__description">
              {description}
            </div>
          )}
        </div>
        {dismissible && (
          <button type="button" className="icon-btn dialog__close" aria-label="Close" onClick={onClose}>
            <X aria-hidden="true" size={18} />
          </button>
        )}
      </div>
      <div className="dialog__body">{children}</div>
    </dialog>
  );
}

/** The row of buttons at the bottom of a dialog. */
export function DialogFooter({ children }: { children: ReactNode }) {
  return <div className="dialog__footer">{children}</div>;
}
