// A Print button for a record: it asks main for what may be printed (main decides and audits),
// renders the sheet that comes back outside the app's root, and prints it (usePrintSheet). main's
// refusal is said beside the button. SheetFact is one labeled line of such a sheet, SheetFooter its
// last lines: what the record is, and who printed it when.
import { useMutation } from '@tanstack/react-query';
import { Printer } from 'lucide-react';
import type { ReactNode } from 'react';
import { formatShortDateTime } from '../lib/calendar-date.ts';
import { usePrintSheet } from '../lib/use-print-sheet.ts';
import { Button, type ButtonProps } from './button.tsx';

export interface PrintButtonProps<T> {
  label: string;
  size?: ButtonProps['size'];
  /** The call that returns what may be printed (and records the print). */
  load: () => Promise<T>;
  /** The sheet for what came back: a portal to document.body with the class print-sheet. */
  sheet: (value: T) => ReactNode;
}

export function PrintButton<T>({ label, size = 'md', load, sheet }: PrintButtonProps<T>) {
  const [printing, show] = usePrintSheet<T>();
  const print = useMutation({ mutationFn: load, onSuccess: show });
  return (
    <>
      <Button
        size={size}
        icon={<Printer aria-hidden="true" size={size === 'sm' ? 15 : 16} />}
        busy={print.isPending}
        onClick={() => {
          print.mutate();
        }}
      >
        {label}
      </Button>
      {print.isError && (
        <span className="print-problem" role="alert">
          {print.error.message}
        </span>
      )}
      {printing !== null && sheet(printing)}
    </>
  );
}

/** One labeled line of a printed record; an empty value prints as a dash. */
export function SheetFact({ label, value }: { label: string; value: string | null }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value ?? '—'}</dd>
    </div>
  );
}

/** A printed record's footer: its notices, then that it is confidential and whose print it is. */
export function SheetFooter({ printedBy, children }: { printedBy: string; children?: ReactNode }) {
  return (
    <footer className="print-sheet__footer record-sheet__footer">
      {children}
      <p>
        Confidential health information. Printed by {printedBy} on{' '}
        {formatShortDateTime(new Date().toISOString())}; the print is recorded in the audit log.
      </p>
    </footer>
  );
}
