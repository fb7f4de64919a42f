// The note editor: a draft that saves itself as it is typed (note-saver.ts), the live signing
// checklist, signing (confirmed, then locked for good) and discarding. main's field refusals are
// shown under their fields.
import { useQueryClient } from '@tanstack/react-query';
import { Lock, PenLine, Trash2 } from 'lucide-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { FormProvider, useForm, useWatch, type Path } from 'react-hook-form';
import {
  durationMinutes,
  noteLayout,
  todayIso,
  type FieldIssue,
  type NoteRecord,
} from '../../../preload/contract.ts';
import { call, isApiError } from '../../api.ts';
import { fieldPaths } from '../../lib/form-values.ts';
import { formatCalendarDate } from '../../lib/calendar-date.ts';
import { Badge } from '../../ui/badge.tsx';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { cx } from '../../ui/cx.ts';
import { SaveStatus } from '../../ui/save-status.tsx';
import { KIND_LABELS } from './note-format.tsx';
import { DiscardDraftDialog, SignNoteDialog, TemplateSwitchDialog } from './note-editor-dialogs.tsx';
import { KindChoice, RiskCard, SectionsCard, SessionCard } from './note-editor-fields.tsx';
import { linkOptionsKey, NoteLinksCard } from './note-links-card.tsx';
import { noteChanged, notesListsChanged } from './note-queries.ts';
import { signingIssuesOf, switchTemplate, type NoteValues, type TemplateChoice } from './note-values.ts';
import { serviceCodeWarning, SigningChecklist } from './signing-checklist.tsx';
import type { ClientLabel } from './use-client-label.ts';
import { useNoteAutosave } from './use-note-autosave.ts';

export interface NoteEditorProps {
  clientId: string;
  client: ClientLabel | null;
  initial: NoteValues;
  noteId: string | null;
  savedAt: string | null;
  onCreated: (noteId: string) => void;
  onSigned: (record: NoteRecord) => void;
  onDiscarded: () => void;
  /** The note stopped being an editable draft elsewhere (signed in another window, discarded). */
  onClosed: () => void;
}

type Open =
  | { kind: 'sign'; mismatch: string | null }
  | { kind: 'discard' }
  | { kind: 'template'; to: TemplateChoice; dropped: string[] }
  | null;

export function NoteEditor(props: NoteEditorProps) {
  const { clientId, client, initial } = props;
  const queryClient = useQueryClient();
  const form = useForm<NoteValues>({ defaultValues: initial });
  const [noteId, setNoteId] = useState(props.noteId);
  const [open, setOpen] = useState<Open>(null);
  const [problem, setProblem] = useState<{ title: string; details: string[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [dialogProblem, setDialogProblem] = useState<string | null>(null);

  /** Puts main's (or the schema's) field issues under their fields; the rest in the banner. */
  const place = (issues: readonly FieldIssue[], title: string): void => {
    const known = new Set(fieldPaths(form.getValues()));
    const details: string[] = [];
    let first = true;
    for (const issue of issues) {
      if (known.has(issue.path)) {
        form.setError(
          issue.path as Path<NoteValues>,
          { type: 'server', message: issue.message },
          { shouldFocus: first },
        );
        first = false;
      } else details.push(issue.message);
    }
    setProblem({ title, details });
  };

  /** Set while a value is filled in that is not the clinician's edit (see onDefaultDiagnoses). */
  const quiet = useRef(false);

  const { saver, state } = useNoteAutosave({
    clientId,
    noteId: props.noteId,
    savedAt: props.savedAt,
    read: () => form.getValues(),
    onCreated: (id) => {
      setNoteId(id);
      notesListsChanged(queryClient);
      props.onCreated(id);
    },
    onInvalid: (issues) => {
      place(issues, 'The latest changes are not saved: check the highlighted field.');
    },
    onClosed: () => {
      props.onClosed();
    },
  });

  // Every change a person makes is saved; a refused field is cleared as soon as it is edited.
  useEffect(
    () =>
      form.subscribe({
        formState: { values: true },
        callback: ({ name }) => {
          // No field named: the form loading its values, not a person typing (nor the default
          // diagnoses ticked in a note not yet saved).
          if (name === undefined || quiet.current) return;
          const field = name as Path<NoteValues>;
          if (form.getFieldState(field).error) form.clearErrors(field);
          setProblem(null);
          saver.change();
        },
      }),
    [form, saver],
  );

  /** The primary diagnosis ticked to start with: saved with the note's first edit, not before. */
  const onDefaultDiagnoses = useCallback(
    (ids: string[]): void => {
      quiet.current = saver.noteId === null;
      form.setValue('addressedDiagnosisIds', ids);
      quiet.current = false;
    },
    [form, saver],
  );

  const onTemplate = (to: TemplateChoice): void => {
    const { sections, dropped } = switchTemplate(form.getValues('sections'), to);
    if (dropped.length > 0) {
      setOpen({ kind: 'template', to, dropped });
      return;
    }
    applyTemplate(to, sections);
  };
  const applyTemplate = (to: TemplateChoice, sections: Record<string, string>): void => {
    form.setValue('sections', sections);
    form.setValue('templateVersion', to.templateVersion);
    form.setValue('template', to.template);
    setOpen(null);
  };

  const startSigning = (): void => {
    setProblem(null);
    const issues = signingIssuesOf(
      form.getValues(),
      clientId,
      todayIso(),
      queryClient.getQueryData(linkOptionsKey(clientId)),
    );
    if (issues.length > 0) {
      place(issues, 'Not ready to sign yet: complete the highlighted fields.');
      return;
    }
    setDialogProblem(null);
    setOpen({ kind: 'sign', mismatch: serviceCodeWarning(form.getValues())?.message ?? null });
  };

  /** Signs; a service-code mismatch the clinician was shown goes with their confirmation. */
  const sign = async (mismatch: string | null): Promise<void> => {
    setBusy(true);
    setDialogProblem(null);
    try {
      const saved = await saver.settle();
      const id = saver.noteId;
      if (!saved || id === null) {
        setDialogProblem(
          'The latest changes could not be saved yet, so the note was not signed. Try again in a moment.',
        );
        return;
      }
      const v = form.getValues();
      const confirmedMismatch =
        mismatch === null
          ? undefined
          : { serviceCode: v.serviceCode, durationMinutes: durationMinutes(v.startTime, v.endTime) };
      const record = await call('notes.sign', { noteId: id, confirmedMismatch });
      saver.stop();
      noteChanged(queryClient, record);
      setOpen(null);
      props.onSigned(record);
    } catch (error) {
      const codeIssue = isApiError(error) && error.code === 'CONFLICT' ? error.fields[0] : undefined;
      if (codeIssue?.path === 'serviceCode') {
        // main found a mismatch the editor could not see (the intake rule): ask about it.
        setOpen({ kind: 'sign', mismatch: codeIssue.message });
      } else if (isApiError(error) && error.code === 'INVALID_INPUT' && error.fields.length > 0) {
        setOpen(null);
        place(error.fields, error.message);
      } else if (isApiError(error) && (error.code === 'LOCKED' || error.code === 'NOT_FOUND')) {
        setOpen(null);
        props.onClosed();
      } else {
        setDialogProblem(isApiError(error) ? error.message : 'The note could not be signed. Try again.');
      }
    } finally {
      setBusy(false);
    }
  };

  const discard = async (): Promise<void> => {
    const id = saver.noteId;
    setBusy(true);
    setDialogProblem(null);
    saver.stop();
    try {
      if (id !== null) await call('notes.discardDraft', { noteId: id });
      notesListsChanged(queryClient);
      props.onDiscarded();
    } catch (error) {
      setDialogProblem(isApiError(error) ? error.message : 'The draft could not be discarded.');
    } finally {
      setBusy(false);
    }
  };

  const [kind, template, templateVersion] = useWatch({
    control: form.control,
    name: ['kind', 'template', 'templateVersion'],
  });
  const privateNote = kind === 'psychotherapy';

  return (
    <FormProvider {...form}>
      <form
        className="note-editor"
        aria-label="Note editor"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
        }}
        onBlur={() => {
          saver.flush();
        }}
      >
        <header className={cx('note-head', privateNote && 'note-head--private')}>
          <div className="note-head__text">
            {client && (
              <p className="note-head__client">
                {client.name}
                {client.chartNumber && <span className="mono"> · {client.chartNumber}</span>}
              </p>
            )}
            <h1 className="note-head__title">
              {noteId ? KIND_LABELS[kind] : `New ${KIND_LABELS[kind].toLowerCase()}`}
              <Badge tone="warning">Draft</Badge>
            </h1>
            {privateNote && (
              <p className="note-head__private">
                <Lock aria-hidden="true" size={15} />
                Psychotherapy note — kept apart from the record, visible only to you
              </p>
            )}
          </div>
          <KindChoice />
        </header>
        <div className="note-editor__grid">
          <div className="note-editor__main">
            {problem && (
              <Banner tone="danger" title={problem.title} live>
                {problem.details.length > 0 && (
                  <ul className="banner__list">
                    {problem.details.map((d) => (
                      <li key={d}>{d}</li>
                    ))}
                  </ul>
                )}
              </Banner>
            )}
            <SessionCard />
            {!privateNote && <RiskCard />}
            {!privateNote && <NoteLinksCard clientId={clientId} onDefault={onDefaultDiagnoses} />}
            <SectionsCard onTemplate={onTemplate} />
          </div>
          <aside className="note-editor__side" aria-label="Saving and signing">
            <div className="note-editor__sticky">
              <SaveStatus state={state} className="note-save" />
              <SigningChecklist
                clientId={clientId}
                onGoTo={(path) => {
                  form.setFocus(path as Path<NoteValues>);
                }}
              >
                <Button
                  variant="primary"
                  block
                  icon={<PenLine aria-hidden="true" size={16} />}
                  onClick={startSigning}
                >
                  Sign note
                </Button>
              </SigningChecklist>
              <Button
                variant="ghost"
                block
                className="note-discard"
                icon={<Trash2 aria-hidden="true" size={16} />}
                onClick={() => {
                  setDialogProblem(null);
                  setOpen({ kind: 'discard' });
                }}
              >
                Discard draft
              </Button>
            </div>
          </aside>
        </div>
      </form>
      {open?.kind === 'sign' && (
        <SignNoteDialog
          summary={[
            KIND_LABELS[kind],
            noteLayout({ template, templateVersion }).label,
            client?.name ?? null,
            formatCalendarDate(form.getValues('serviceDate')),
          ]}
          mismatch={open.mismatch}
          busy={busy}
          problem={dialogProblem}
          onClose={() => {
            setOpen(null);
          }}
          onConfirm={() => {
            void sign(open.mismatch);
          }}
        />
      )}
      {open?.kind === 'discard' && (
        <DiscardDraftDialog
          busy={busy}
          problem={dialogProblem}
          onClose={() => {
            setOpen(null);
          }}
          onConfirm={() => {
            void discard();
          }}
        />
      )}
      {open?.kind === 'template' && (
        <TemplateSwitchDialog
          from={{ template, templateVersion }}
          to={open.to}
          dropped={open.dropped}
          onClose={() => {
            setOpen(null);
          }}
          onConfirm={() => {
            applyTemplate(open.to, switchTemplate(form.getValues('sections'), open.to).sections);
          }}
        />
      )}
    </FormProvider>
  );
}
