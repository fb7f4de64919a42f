// One note, by address: #/clients/<id>/notes/<noteId> opens it (the editor for the author's draft,
// the read-only note once signed), #/clients/<id>/notes/new/<kind> starts one. The first autosave
// creates the note and the address becomes its own, without reloading the editor. On a chart open
// read-only (emergency access) every note is only read, and none is started.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ArrowLeft, FileLock, FileQuestionMark, ShieldBan } from 'lucide-react';
import { useEffect, useState, type ReactNode } from 'react';
import { ROLE_LABELS, todayIso, type NoteKind, type NoteRecord } from '../../../preload/contract.ts';
import { isApiError } from '../../api.ts';
import { useSignedIn } from '../../app/session.tsx';
import { Banner } from '../../ui/banner.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { LoadingState } from '../../ui/spinner.tsx';
import { chartHref, go } from '../clients/client-routes.ts';
import { EmergencyBanner } from '../emergency-access/emergency-banner.tsx';
import { NoteEditor } from './note-editor.tsx';
import { noteKey, noteQuery, notesListsChanged } from './note-queries.ts';
import { noteHref, notesAreaHref } from './note-routes.ts';
import { emptyNote, valuesFromRecord } from './note-values.ts';
import { NoteView } from './note-view.tsx';
import { useClientLabel, type ClientLabel } from './use-client-label.ts';

export type NoteRoute =
  | { kind: 'note'; clientId: string; noteId: string }
  | { kind: 'newNote'; clientId: string; noteKind: NoteKind };

function NoteFrame({
  clientId,
  client,
  children,
}: {
  clientId: string;
  client: ClientLabel | null;
  children: ReactNode;
}) {
  const toChart = client?.chart !== false;
  return (
    <div className="page page--wide note-page">
      <a className="back-link" href={toChart ? chartHref(clientId, 'notes') : notesAreaHref}>
        <ArrowLeft aria-hidden="true" size={16} />
        {toChart ? `${client?.name ?? 'Client'} · Notes` : 'Notes'}
      </a>
      <EmergencyBanner clientId={clientId} />
      {children}
    </div>
  );
}

export function NotePage({ route }: { route: NoteRoute }) {
  const { session } = useSignedIn();
  const client = useClientLabel(route.clientId);
  // A note created here keeps its editor when the address changes to the note's own; any real
  // navigation (a link, Back) starts afresh.
  const [nav, setNav] = useState<{ epoch: number; created: string | null }>({ epoch: 0, created: null });
  useEffect(() => {
    const onHash = (): void => {
      setNav((n) => ({ epoch: n.epoch + 1, created: null }));
    };
    window.addEventListener('hashchange', onHash);
    return () => {
      window.removeEventListener('hashchange', onHash);
    };
  }, []);

  if (session.user.role === 'front_desk')
    return (
      <NoteFrame clientId={route.clientId} client={client}>
        <div className="panel">
          <EmptyState icon={<ShieldBan size={28} />} title="Not available for your role">
            <p>
              {`Session notes are clinical records. You are signed in as ${ROLE_LABELS[session.user.role].toLowerCase()}, so they are not shown to you.`}
            </p>
          </EmptyState>
        </div>
      </NoteFrame>
    );

  const startedHere = route.kind === 'newNote' || (nav.created !== null && route.noteId === nav.created);
  return (
    <NoteFrame clientId={route.clientId} client={client}>
      {startedHere && client?.writable === false ? (
        <div className="panel">
          <EmptyState icon={<FileLock size={28} />} title="This chart is open read-only">
            <p>Under emergency access nothing can be written in this chart, so no note can be started.</p>
          </EmptyState>
        </div>
      ) : startedHere ? (
        <NewNote
          key={`new-${String(nav.epoch)}`}
          clientId={route.clientId}
          noteKind={route.kind === 'newNote' ? route.noteKind : 'progress'}
          client={client}
          onCreated={(noteId) => {
            setNav((n) => ({ ...n, created: noteId }));
          }}
        />
      ) : (
        <ExistingNote key={route.noteId} clientId={route.clientId} noteId={route.noteId} client={client} />
      )}
    </NoteFrame>
  );
}

function NewNote({
  clientId,
  noteKind,
  client,
  onCreated,
}: {
  clientId: string;
  noteKind: NoteKind;
  client: ClientLabel | null;
  onCreated: (noteId: string) => void;
}) {
  const [initial] = useState(() => emptyNote(noteKind, todayIso()));
  const [signed, setSigned] = useState<string | null>(null);
  if (signed) return <ExistingNote clientId={clientId} noteId={signed} client={client} />;
  return (
    <NoteEditor
      clientId={clientId}
      client={client}
      initial={initial}
      noteId={null}
      savedAt={null}
      onCreated={(noteId) => {
        // The address becomes the note's own, so a reload or a crash reopens this note.
        window.history.replaceState(null, '', noteHref(clientId, noteId));
        onCreated(noteId);
      }}
      onSigned={(record: NoteRecord) => {
        setSigned(record.id);
      }}
      onDiscarded={() => {
        go(chartHref(clientId, 'notes'));
      }}
      onClosed={() => undefined}
    />
  );
}

function ExistingNote({
  clientId,
  noteId,
  client,
}: {
  clientId: string;
  noteId: string;
  client: ClientLabel | null;
}) {
  const queryClient = useQueryClient();
  const note = useQuery(noteQuery(noteId));
  // A draft is read fresh every time it is opened: what is cached may be older than what was typed.
  useEffect(
    () => () => {
      if (queryClient.getQueryData<NoteRecord>(noteKey(noteId))?.canEdit)
        queryClient.removeQueries({ queryKey: noteKey(noteId), exact: true });
    },
    [queryClient, noteId],
  );

  if (note.isPending) return <LoadingState label="Opening the note…" />;
  if (note.isError) {
    const code = isApiError(note.error) ? note.error.code : 'INTERNAL';
    if (code === 'NOT_FOUND' || code === 'INVALID_INPUT' || code === 'FORBIDDEN')
      return (
        <div className="panel">
          <EmptyState icon={<FileQuestionMark size={28} />} title="No such note">
            <p>This note does not exist, was discarded, or is not yours to open.</p>
          </EmptyState>
        </div>
      );
    return (
      <Banner tone="danger" title="The note could not be opened" live>
        {note.error.message}
      </Banner>
    );
  }
  const record = note.data;
  // Under emergency access even one's own draft is only read: main refuses every write to the chart.
  if (record.canEdit && client?.writable !== false)
    return (
      <NoteEditor
        clientId={clientId}
        client={client}
        initial={valuesFromRecord(record)}
        noteId={record.id}
        savedAt={record.updatedAt}
        onCreated={() => undefined}
        onSigned={() => undefined}
        onDiscarded={() => {
          queryClient.removeQueries({ queryKey: noteKey(noteId), exact: true });
          go(chartHref(clientId, 'notes'));
        }}
        onClosed={() => {
          notesListsChanged(queryClient);
          void note.refetch();
        }}
      />
    );
  return <NoteView note={record} client={client} />;
}
