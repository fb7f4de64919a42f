// A chart's Notes tab (clinicians and the owner): the client's timeline, newest first: notes (with
// template, code, duration, risk, status, co-signature and addenda) and the intake and screenings,
// with the actions that start a new note (none on a chart open read-only). Virtualized, so hundreds
// of notes open and scroll at once.
import { useQuery } from '@tanstack/react-query';
import { FilePlus, NotebookPen, NotepadTextDashed } from 'lucide-react';
import type { ClientRecord, TimelineEntry } from '../../../preload/contract.ts';
import { Banner } from '../../ui/banner.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { LoadingState } from '../../ui/spinner.tsx';
import { chartWritable } from '../clients/chart/chart-writable.ts';
import { newNoteHref } from './note-routes.ts';
import { timelineQuery } from './note-queries.ts';
import { Timeline } from './timeline.tsx';

function NewNoteActions({ clientId }: { clientId: string }) {
  return (
    <div className="tab-panel__actions">
      <a className="btn btn--primary btn--md" href={newNoteHref(clientId, 'progress')}>
        <FilePlus aria-hidden="true" size={16} />
        <span className="btn__label">New progress note</span>
      </a>
      <a className="btn btn--secondary btn--md" href={newNoteHref(clientId, 'psychotherapy')}>
        <NotebookPen aria-hidden="true" size={16} />
        <span className="btn__label">New psychotherapy note</span>
      </a>
    </div>
  );
}

function summary(entries: readonly TimelineEntry[]): string {
  const notes = entries.filter((e) => e.type === 'note');
  const drafts = notes.filter((n) => n.status === 'draft').length;
  const parts = [`${String(notes.length)} ${notes.length === 1 ? 'note' : 'notes'}`];
  if (drafts > 0) parts.push(`${String(drafts)} unsigned ${drafts === 1 ? 'draft' : 'drafts'}`);
  return `${parts.join(' · ')}, newest first, with the intake and screenings.`;
}

export function NotesTab({ client }: { client: ClientRecord }) {
  const timeline = useQuery(timelineQuery(client.id));
  const entries = timeline.data ?? [];
  const writable = chartWritable(client);
  return (
    <div className="tab-panel">
      <div className="tab-panel__bar">
        <p className="tab-panel__lead">
          {timeline.isSuccess && entries.length > 0
            ? summary(entries)
            : 'Session notes, the intake and screenings, newest first.'}
        </p>
        {writable && <NewNoteActions clientId={client.id} />}
      </div>
      {timeline.isPending && <LoadingState label="Loading the timeline…" />}
      {timeline.isError && (
        <Banner tone="danger" title="The timeline could not be loaded" live>
          {timeline.error.message}
        </Banner>
      )}
      {timeline.isSuccess && entries.length === 0 && (
        <div className="panel">
          {writable ? (
            <EmptyState icon={<NotepadTextDashed size={28} />} title="No notes yet">
              <p>
                Write a progress note after each session. Drafts save as you type; signing locks the note.
              </p>
            </EmptyState>
          ) : (
            <EmptyState icon={<NotepadTextDashed size={28} />} title="No signed notes">
              <p>This chart has no signed session notes, intake or screenings.</p>
            </EmptyState>
          )}
        </div>
      )}
      {entries.length > 0 && <Timeline clientId={client.id} entries={entries} />}
    </div>
  );
}
