// A quiet loading indicator, and a loading state for a whole panel.
import { LoaderCircle } from 'lucide-react';
import { cx } from './cx.ts';

export function Spinner({ size = 16, className }: { size?: number; className?: string }) {
  return <LoaderCircle aria-hidden="true" size={size} className={cx('spinner', className)} />;
}

export function LoadingState({ label }: { label: string }) {
  return (
    <div className="loading-state" role="status" aria-live="polite">
      <Spinner size={20} />
      <span>{label}</span>
    </div>
  );
}
