// A yes-or-no question before an action that cannot be undone (sign, discard): what happens, then
// Cancel and the action. main's refusal, if any, is shown in the dialog.
import type { ReactNode } from 'react';
import { Banner } from './banner.tsx';
import { Button, type ButtonVariant } from './button.tsx';
import { Dialog, DialogFooter } from './dialog.tsx';

export interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  confirmIcon?: ReactNode;
  variant?: Extract<ButtonVariant, 'primary' | 'danger'>;
  busy?: boolean;
  problem?: string | null;
  onConfirm: () => void;
  onClose: () => void;
}

export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  confirmIcon,
  variant = 'primary',
  busy = false,
  problem = null,
  onConfirm,
  onClose,
}: ConfirmDialogProps) {
  return (
    <Dialog title={title} onClose={onClose} size="sm" dismissible={!busy}>
      <div className="confirm">
        {problem && (
          <Banner tone="danger" live>
            {problem}
          </Banner>
        )}
        <div className="confirm__text">{children}</div>
      </div>
      <DialogFooter>
        <Button variant="ghost" onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button variant={variant} icon={confirmIcon} busy={busy} onClick={onConfirm} data-autofocus>
          {confirmLabel}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
