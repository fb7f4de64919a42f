// A signed note's addenda (corrections and later information: each signed and hashed as it is
// added, never edited) and the form to add one.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FilePlus, MessageSquarePlus } from 'lucide-react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { contract, type NoteRecord } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { formatShortDateTime } from '../../lib/calendar-date.ts';
import { applyServerError } from '../../lib/form-errors.ts';
import { Button } from '../../ui/button.tsx';
import { Card } from '../../ui/card.tsx';
import { Field, TextArea } from '../../ui/field.tsx';
import { ProblemBanner } from '../../ui/problem-banner.tsx';
import { useState } from 'react';
import type { FormProblem } from '../../lib/form-errors.ts';
import { IntegrityBadge } from './note-format.tsx';
import { noteChanged } from './note-queries.ts';

const AddendumForm = z.strictObject({ text: contract['notes.addAddendum'].input.shape.text });
type AddendumValues = z.input<typeof AddendumForm>;

export function Addenda({ note }: { note: NoteRecord }) {
  const count = note.addenda.length;
  if (count === 0 && !note.canAmend) return null;
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
      {note.canAmend && <AddAddendum noteId={note.id} />}
    </Card>
  );
}

function AddAddendum({ noteId }: { noteId: string }) {
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const form = useForm<AddendumValues, unknown, z.output<typeof AddendumForm>>({
    resolver: zodResolver(AddendumForm),
    defaultValues: { text: '' },
  });
  const add = useMutation({
    mutationFn: (text: string) => call('notes.addAddendum', { noteId, text }),
    onSuccess: (record) => {
      noteChanged(queryClient, record);
      form.reset({ text: '' });
    },
    onError: (error) => {
      setProblem(applyServerError(error, form.setError, { fields: ['text'] }));
    },
  });
  return (
    <form
      className="addendum-form"
      aria-label="Add addendum"
      noValidate
      onSubmit={(event) => {
        void form.handleSubmit(({ text }) => {
          setProblem(null);
          add.mutate(text);
        })(event);
      }}
    >
      <ProblemBanner problem={problem} title="The addendum was not added" />
      <Field
        label="New addendum"
        hint="It is signed with your name and the time as you add it, and cannot be changed afterwards."
        error={form.formState.errors.text?.message}
      >
        <TextArea {...form.register('text')} rows={3} className="note-text note-text--addendum" />
      </Field>
      <div className="addendum-form__actions">
        <Button
          type="submit"
          variant="primary"
          busy={add.isPending}
          icon={<MessageSquarePlus aria-hidden="true" size={16} />}
        >
          Add addendum
        </Button>
      </div>
    </form>
  );
}
