// The editor's confirmations: signing (it locks the note), discarding a draft, and a template
// switch that would drop written sections.
import { PenLine, Trash2 } from 'lucide-react';
import { noteLayout } from '../../../preload/contract.ts';
import { Banner } from '../../ui/banner.tsx';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import type { TemplateChoice } from './note-values.ts';

interface Decision {
  busy: boolean;
  problem: string | null;
  onClose: () => void;
  onConfirm: () => void;
}

export interface SignNoteDialogProps extends Decision {
  summary: (string | null)[];
  /** Why the service code does not fit the session (serviceCodeMismatch): signing it needs a yes. */
  mismatch: string | null;
}

export function SignNoteDialog({ summary, mismatch, ...decision }: SignNoteDialogProps) {
  return (
    <ConfirmDialog
      title={mismatch ? 'Sign with this service code?' : 'Sign this note?'}
      confirmLabel={mismatch ? 'Sign anyway' : 'Sign note'}
      confirmIcon={<PenLine aria-hidden="true" size={16} />}
      {...decision}
    >
      {mismatch && (
        <Banner tone="warning" title="The service code does not fit this session" className="sign-mismatch">
          <p>{mismatch}</p>
          <p>Go back to change the code or the times, or sign anyway: your confirmation is recorded.</p>
        </Banner>
      )}
      <p>
        <strong>Signing locks this note. Corrections after signing are addenda.</strong>
      </p>
      <p className="muted">{summary.filter((s): s is string => s !== null).join(' · ')}</p>
    </ConfirmDialog>
  );
}

export function DiscardDraftDialog(decision: Decision) {
  return (
    <ConfirmDialog
      title="Discard this draft?"
      confirmLabel="Discard draft"
      confirmIcon={<Trash2 aria-hidden="true" size={16} />}
      variant="danger"
      {...decision}
    >
      <p>The draft and everything written in it are deleted. This cannot be undone.</p>
    </ConfirmDialog>
  );
}

const sectionLabel = (template: TemplateChoice, key: string): string =>
  noteLayout(template).sections.find((s) => s.key === key)?.label ?? key;

/** "Subjective", "Subjective or Objective", "Behavior, Intervention or Response". */
const listOf = (words: string[]): string =>
  words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words.at(-1) ?? ''}`;

export interface TemplateSwitchDialogProps {
  from: TemplateChoice;
  to: TemplateChoice;
  /** Keys of the written sections the new template does not have. */
  dropped: string[];
  onClose: () => void;
  onConfirm: () => void;
}

export function TemplateSwitchDialog({ from, to, dropped, onClose, onConfirm }: TemplateSwitchDialogProps) {
  const label = noteLayout(to).label;
  const names = listOf(dropped.map((k) => sectionLabel(from, k)));
  return (
    <ConfirmDialog
      title={`Switch to ${label}?`}
      confirmLabel={`Switch to ${label}`}
      variant="danger"
      onClose={onClose}
      onConfirm={onConfirm}
    >
      <p>
        {`${label} has no ${names} section${dropped.length > 1 ? 's' : ''}. What you wrote there will be dropped from this note.`}
      </p>
      <p className="muted">Sections with the same name carry over.</p>
    </ConfirmDialog>
  );
}
