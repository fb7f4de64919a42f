// A dialog whose form is a draft, like the intake (use-form-draft.ts): what is typed in it is saved
// as it is typed and on main's "save now" before a lock, it comes back when the dialog opens again on
// the same record (after a lock or a restart, the dialog opens again by itself), closing it with
// something typed asks "Discard?" first (FormDialog's draft), and saving it deletes the draft. A
// dialog closes only once its draft is deleted: opened again at once, it must not read it back.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { DefaultValues, FieldValues, UseFormReturn } from 'react-hook-form';
import type { Output } from '../../preload/contract.ts';
import type { DialogDraft } from '../ui/form-dialog.tsx';
import { mergeDraft } from './form-values.ts';
import { draftQuery, useFormDraft } from './use-form-draft.ts';

export type SavedDraft = Output<'drafts.get'>;

/**
 * The draft a dialog left, read fresh as it opens: undefined until main has answered (the form is
 * built from it, so render nothing before), null when there is none. A draft that cannot be read
 * (the session ended meanwhile: the lock screen follows) opens an empty form.
 */
export function useSavedDraft(key: string): SavedDraft | null | undefined {
  const draft = useQuery(draftQuery(key));
  if (draft.isError) return null;
  // A host that asked before (useDraftDialog) may hold an answer from before a discard.
  if (!draft.isFetchedAfterMount) return undefined;
  return draft.data;
}

/** The form's first values: what the dialog starts with, under what the person had typed. */
export function withDraft<T extends FieldValues>(base: T, saved: SavedDraft | null): DefaultValues<T> {
  return (saved ? mergeDraft(base, saved.data) : base) as DefaultValues<T>;
}

/**
 * Autosaves the dialog's form under `key` and tells FormDialog whether closing it would lose
 * something: anything typed since it opened, or a draft it was opened with.
 */
export function useDialogDraft<T extends FieldValues, Parsed extends FieldValues>(
  form: UseFormReturn<T, unknown, Parsed>,
  key: string,
  saved: SavedDraft | null,
): DialogDraft {
  const draft = useFormDraft(form, key, saved?.savedAt ?? null, 500);
  const [restoredAt, setRestoredAt] = useState(saved?.savedAt ?? null);
  // Read during render, so the form re-renders when it turns dirty (react-hook-form's proxy).
  const dirty = form.formState.isDirty;
  return {
    unsaved: dirty || restoredAt !== null,
    restoredAt,
    state: draft.state,
    flush: draft.flush,
    discard: async () => {
      setRestoredAt(null);
      await draft.discard();
    },
  };
}

/**
 * A host's open-or-closed state for a draft dialog: closed until asked, except that a draft the
 * dialog left (the app locked or closed while it was open) opens it again on its own.
 */
export function useDraftDialog(key: string): { open: boolean; show: () => void; close: () => void } {
  const saved = useQuery(draftQuery(key));
  const [chosen, setChosen] = useState<boolean | null>(null);
  return {
    open: chosen ?? (saved.data !== undefined && saved.data !== null),
    show: () => {
      setChosen(true);
    },
    close: () => {
      setChosen(false);
    },
  };
}
