// A signed note's addenda (corrections and later information: each signed and hashed as it is
// added, never edited) and the form to add one: a draft while it is written, signed only after its
// text has been shown and confirmed.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FilePlus, MessageSquarePlus, PenLine } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { contract, draftKey, type NoteRecord } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { formatShortDateTime } from '../../lib/calendar-date.ts';
import { applyServerError, type FormProblem } from '../../lib/form-errors.ts';
import { useSavedDraft, withDraft, type SavedDraft } from '../../lib/use-dialog-draft.ts';
import { useFormDraft } from '../../lib/use-form-draft.ts';
import { Button } from '../../ui/button.tsx';
import { Card } from '../../ui/card.tsx';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { DraftIndicator } from '../../ui/draft-indicator.tsx';
import { Field, TextArea } from '../../ui/field.tsx';
import { ProblemBanner } from '../../ui/problem-banner.tsx';
import { IntegrityBadge } from './note-format.tsx';
import { noteChanged } from './note-queries.ts';

const AddendumForm = z.strictObject({ text: contract['notes.addAddendum'].input.shape.text });
type AddendumValues = z.input<typeof AddendumForm>;

/** `mayAdd`: the form to add one is offered (main's canAmend, unless the chart is open read-only). */
export function Addenda({ note, mayAdd }: { note: NoteRecord; mayAdd: boolean }) {
  const count = note.addenda.length;
  if (count === 0 && !mayAdd) return null;
  return (
    <Card
      title="Addenda"
      icon={<FilePlus size={18} />}
      description={
        count === 0
          ? 'Corrections and later information are added here; the signed note itself never changes.'
          : `${String(count)} ${count === 1 ? 'addendum' : 'addenda'}, each signed when it was added.`
      }
      className="addenda-card"
    >
      {count > 0 && (
        <ol className="addenda" aria-label="Addenda">
          {note.addenda.map((a) => (
            <li key={a.id} className="addendum">
              <div className="addendum__head">
                <span className="addendum__author">{a.author.displayName}</span>
                <span className="addendum__when">{formatShortDateTime(a.signedAt)}</span>
                <IntegrityBadge integrity={a.integrity} />
              </div>
              <p className="note-prose">{a.text}</p>
            </li>
          ))}
        </ol>
      )}
      {mayAdd && <AddAddendum noteId={note.id} />}
    </Card>
  );
}

/** The addendum being written is a draft (`addendum:<note id>`) until it is signed. */
function AddAddendum({ noteId }: { noteId: string }) {
  const saved = useSavedDraft(draftKey('addendum', noteId));
  return saved === undefined ? null : <AddendumWriter noteId={noteId} saved={saved} />;
}

function AddendumWriter({ noteId, saved }: { noteId: string; saved: SavedDraft | null }) {
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  // The text about to be signed, shown in the confirmation; null while nobody is signing.
  const [confirming, setConfirming] = useState<string | null>(null);
  const form = useForm<AddendumValues, unknown, z.output<typeof AddendumForm>>({
    resolver: zodResolver(AddendumForm),
    defaultValues: withDraft<AddendumValues>({ text: '' }, saved),
  });
  const draft = useFormDraft(form, draftKey('addendum', noteId), saved?.savedAt ?? null, 500);
  const add = useMutation({
    mutationFn: (text: string) => call('notes.addAddendum', { noteId, text }),
    onSuccess: async (record) => {
      await draft.discard();
      setConfirming(null);
      noteChanged(queryClient, record);
      form.reset({ text: '' });
    },
    onError: (error) => {
      setConfirming(null);
      setProblem(applyServerError(error, form.setError, { fields: ['text'] }));
    },
  });
  return (
    <form
      className="addendum-form"
      aria-label="Add addendum"
      noValidate
      onBlur={draft.flush}
      onSubmit={(event) => {
        void form.handleSubmit(({ text }) => {
          setProblem(null);
          setConfirming(text);
        })(event);
      }}
    >
      <ProblemBanner problem={problem} title="The addendum was not added" />
      <Field
        label="New addendum"
        hint="It is signed with your name and the time as you add it, and cannot be changed afterwards. Until then it is kept as your draft."
        error={form.formState.errors.text?.message}
      >
        <TextArea {...form.register('text')} rows={3} className="note-text note-text--addendum" />
      </Field>
      <div className="addendum-form__actions">
        <DraftIndicator state={draft.state} />
        <Button type="submit" variant="primary" icon={<MessageSquarePlus aria-hidden="true" size={16} />}>
          Add addendum…
        </Button>
      </div>
      {confirming !== null && (
        <ConfirmDialog
          title="Sign this addendum?"
          confirmLabel="Sign addendum"
          confirmIcon={<PenLine aria-hidden="true" size={16} />}
          busy={add.isPending}
          onClose={() => {
            setConfirming(null);
          }}
          onConfirm={() => {
            add.mutate(confirming);
          }}
        >
          <p>
            <strong>
              It is added to the signed note with your name and the time, and can never be changed or removed.
            </strong>
          </p>
          <blockquote className="addendum-confirm__text note-prose" aria-label="Addendum text" tabIndex={0}>
            {confirming}
          </blockquote>
        </ConfirmDialog>
      )}
    </form>
  );
}
