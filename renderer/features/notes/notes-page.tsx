// Notes (clinicians and the owner): full-text search across the notes the user may read, with
// highlighted passages; the user's unsigned drafts, oldest first (older than three days stand out);
// and, for a supervisor, the notes waiting for their co-signature.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { FilePen, Search, SearchX, Stamp, X } from 'lucide-react';
import { useId, useState } from 'react';
import { todayIso, type NoteSummary, type SearchHit } from '../../../preload/contract.ts';
import { addDays, formatCalendarDate, formatShortDateTime } from '../../lib/calendar-date.ts';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import { Badge } from '../../ui/badge.tsx';
import { Banner } from '../../ui/banner.tsx';
import { Card } from '../../ui/card.tsx';
import { cx } from '../../ui/cx.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { HighlightedText } from '../../ui/highlighted-text.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { LoadingState, Spinner } from '../../ui/spinner.tsx';
import { KindBadge, KIND_LABELS, NoteStatusBadge } from './note-format.tsx';
import { cosignQueueQuery, myDraftsQuery, SEARCH_LIMIT, searchQuery } from './note-queries.ts';
import { noteHref } from './note-routes.ts';

const SEARCH_DELAY_MS = 250;
const STALE_DRAFT_DAYS = 3;

export function NotesPage() {
  const searchId = useId();
  const [text, setText] = useState('');
  const query = useDebouncedValue(text.trim(), SEARCH_DELAY_MS);
  const search = useQuery({ ...searchQuery(query), placeholderData: keepPreviousData });
  const searching = text.trim() !== '';
  const busy = searching && (search.isFetching || text.trim() !== query);

  return (
    <div className="page page--wide notes-page">
      <PageHeader
        title="Notes"
        description="Find a passage in your clients’ notes, finish your drafts, and co-sign your supervisees’ notes."
      />
      <div className="search-box notes-search" role="search" aria-label="Search notes">
        <label htmlFor={searchId} className="sr-only">
          Search notes
        </label>
        <Search aria-hidden="true" size={17} className="search-box__icon" />
        <input
          id={searchId}
          type="search"
          className="input search-box__input"
          placeholder="Search the notes of your clients: words or the start of words"
          autoComplete="off"
          spellCheck={false}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && text) {
              event.preventDefault();
              setText('');
            }
          }}
        />
        {busy && <Spinner size={15} className="search-box__busy" />}
        {text && !busy && (
          <button
            type="button"
            className="icon-btn search-box__clear"
            aria-label="Clear search"
            onClick={() => {
              setText('');
            }}
          >
            <X aria-hidden="true" size={16} />
          </button>
        )}
      </div>
      {searching ? (
        <SearchResults query={query} hits={search.data} error={search.error?.message ?? null} />
      ) : (
        <div className="notes-lists">
          <CosignCard />
          <DraftsCard />
        </div>
      )}
    </div>
  );
}

function SearchResults({
  query,
  hits,
  error,
}: {
  query: string;
  hits: SearchHit[] | undefined;
  error: string | null;
}) {
  if (error)
    return (
      <Banner tone="danger" title="The search did not run" live>
        {error}
      </Banner>
    );
  if (!hits) return <LoadingState label="Searching…" />;
  if (hits.length === 0)
    return (
      <div className="panel">
        <EmptyState icon={<SearchX size={28} />} title={`No notes match “${query}”`}>
          <p>
            Search looks in the notes you may read: your own, and the signed notes of clients on your
            caseload.
          </p>
        </EmptyState>
      </div>
    );
  return (
    <section className="search-results" aria-label="Search results">
      <p className="client-count" role="status">
        {hits.length === SEARCH_LIMIT
          ? `The ${String(SEARCH_LIMIT)} newest notes matching “${query}”`
          : `${String(hits.length)} ${hits.length === 1 ? 'note matches' : 'notes match'} “${query}”`}
      </p>
      <ol className="hit-list">
        {hits.map((hit) => (
          <li key={hit.noteId}>
            <a className="hit" href={noteHref(hit.clientId, hit.noteId)}>
              <span className="hit__head">
                <span className="hit__client">{hit.clientName}</span>
                <span className="hit__date">{formatCalendarDate(hit.serviceDate)}</span>
                <KindBadge kind={hit.kind} />
                {hit.status === 'draft' && <NoteStatusBadge status="draft" />}
                <span className="hit__author">{hit.author.displayName}</span>
              </span>
              <HighlightedText parts={hit.snippet} className="hit__snippet" />
            </a>
          </li>
        ))}
      </ol>
    </section>
  );
}

function NoteRow({
  note,
  stale,
  detail,
  byline = false,
}: {
  note: NoteSummary;
  stale: boolean;
  detail: string;
  /** Name the author (a supervisee's note in the co-sign queue). */
  byline?: boolean;
}) {
  return (
    <li>
      <a className={cx('note-row', stale && 'note-row--stale')} href={noteHref(note.clientId, note.id)}>
        <span className="note-row__main">
          <span className="note-row__client">{note.clientName}</span>
          <span className="note-row__meta">
            {KIND_LABELS[note.kind]} · {note.templateLabel}
            {note.serviceCode ? ` · ${note.serviceCode}` : ''}
            {byline ? ` · by ${note.author.displayName}` : ''}
          </span>
        </span>
        <span className="note-row__side">
          <span className="note-row__date">{formatCalendarDate(note.serviceDate)}</span>
          <span className="note-row__detail">{detail}</span>
        </span>
        {stale && <Badge tone="warning">Over {STALE_DRAFT_DAYS} days</Badge>}
      </a>
    </li>
  );
}

function DraftsCard() {
  const drafts = useQuery(myDraftsQuery);
  const staleBefore = addDays(todayIso(), -STALE_DRAFT_DAYS);
  const list = drafts.data ?? [];
  const stale = list.filter((d) => d.serviceDate < staleBefore).length;
  return (
    <Card
      title="My unsigned drafts"
      icon={<FilePen size={18} />}
      description={
        list.length === 0
          ? undefined
          : stale > 0
            ? `${String(list.length)} unsigned, oldest first. ${String(stale)} from sessions more than ${String(STALE_DRAFT_DAYS)} days ago.`
            : `${String(list.length)} unsigned, oldest first.`
      }
      className="notes-card"
    >
      {drafts.isPending && <LoadingState label="Loading your drafts…" />}
      {drafts.isError && (
        <Banner tone="danger" live>
          {drafts.error.message}
        </Banner>
      )}
      {drafts.isSuccess && list.length === 0 && (
        <p className="muted">No unsigned drafts. Every note you started is signed.</p>
      )}
      {list.length > 0 && (
        <ul className="note-rows" aria-label="Unsigned drafts">
          {list.map((d) => (
            <NoteRow
              key={d.id}
              note={d}
              stale={d.serviceDate < staleBefore}
              detail={`Edited ${formatShortDateTime(d.updatedAt)}`}
            />
          ))}
        </ul>
      )}
    </Card>
  );
}

function CosignCard() {
  const queue = useQuery(cosignQueueQuery);
  const list = queue.data ?? [];
  if (list.length === 0) return null;
  return (
    <Card
      title="Co-sign queue"
      icon={<Stamp size={18} />}
      description={`${String(list.length)} signed ${list.length === 1 ? 'note waits' : 'notes wait'} for your co-signature, oldest first.`}
      className="notes-card notes-card--queue"
    >
      <ul className="note-rows" aria-label="Co-sign queue">
        {list.map((n) => (
          <NoteRow
            key={n.id}
            note={n}
            stale={false}
            byline
            detail={n.signedAt ? `Signed ${formatShortDateTime(n.signedAt)}` : 'Signed'}
          />
        ))}
      </ul>
    </Card>
  );
}
