// Queries for notes: one note (opening it is audited by main, so it is read once per visit), a
// client's timeline, my drafts, my co-sign queue, search, and what a change to a note refreshes.
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import type { NoteRecord } from '../../../preload/contract.ts';
import { call } from '../../api.ts';

export const NOTES_KEY = ['notes'] as const;
export const noteKey = (noteId: string) => ['notes', 'detail', noteId] as const;
export const timelineKey = (clientId: string) => ['notes', 'timeline', clientId] as const;

export const noteQuery = (noteId: string) =>
  queryOptions({
    queryKey: noteKey(noteId),
    queryFn: () => call('notes.get', { noteId }),
    staleTime: Infinity,
  });

export const timelineQuery = (clientId: string) =>
  queryOptions({
    queryKey: timelineKey(clientId),
    queryFn: () => call('notes.timeline', { clientId }),
  });

export const myDraftsQuery = queryOptions({
  queryKey: ['notes', 'myDrafts'],
  queryFn: () => call('notes.myDrafts', {}),
  staleTime: 0,
});

export const cosignQueueQuery = queryOptions({
  queryKey: ['notes', 'cosignQueue'],
  queryFn: () => call('notes.cosignQueue', {}),
  staleTime: 0,
});

export const SEARCH_LIMIT = 50;

export const searchQuery = (query: string) =>
  queryOptions({
    queryKey: ['notes', 'search', query],
    queryFn: () => call('notes.search', { query, limit: SEARCH_LIMIT }),
    enabled: query !== '',
    staleTime: 0,
  });

/** Lists that show a note (timeline, drafts, queue, search) are read again; the note itself is kept. */
export function notesListsChanged(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({
    queryKey: NOTES_KEY,
    predicate: (query) => query.queryKey[1] !== 'detail',
  });
}

/** main answered with the whole note (signed, amended, co-signed): show it and refresh the lists. */
export function noteChanged(queryClient: QueryClient, record: NoteRecord): void {
  queryClient.setQueryData(noteKey(record.id), record);
  notesListsChanged(queryClient);
}
