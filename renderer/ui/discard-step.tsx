// The question a draft dialog asks when it is closed (Esc, Close, Cancel) with something typed in
// it: keep editing (the default, and what Esc answers) or discard what was typed.
import { Trash2 } from 'lucide-react';
import { useId } from 'react';
import { Button } from './button.tsx';
import { DialogFooter } from './dialog.tsx';

export interface DiscardStepProps {
  onKeep: () => void;
  onDiscard: () => void;
}

export function DiscardStep({ onKeep, onDiscard }: DiscardStepProps) {
  const titleId = useId();
  return (
    <section className="discard-step" role="alert" aria-labelledby={titleId}>
      <div className="discard-step__text">
        <h3 id={titleId} className="discard-step__title">
          Discard what you typed?
        </h3>
        <p>It has not been recorded. Discarding deletes it and its draft; it cannot be brought back.</p>
      </div>
      <DialogFooter>
        <Button variant="ghost" onClick={onKeep} data-autofocus>
          Keep editing
        </Button>
        <Button variant="danger" icon={<Trash2 aria-hidden="true" size={16} />} onClick={onDiscard}>
          Discard
        </Button>
      </DialogFooter>
    </section>
  );
}
