// Clients: type-ahead search (name, preferred name, date of birth as typed, phone, chart number),
// filters for status and primary clinician, and the virtualized list. Main filters what each role
// may see; a clinician's list is their caseload.
import { useQuery } from '@tanstack/react-query';
import { Search, SearchX, Siren, UserPlus, Users, X } from 'lucide-react';
import { useId, useRef, useState } from 'react';
import {
  CLIENT_SORT_LABELS,
  type ClientSort,
  type ClientStatus,
  type Output,
} from '../../../preload/contract.ts';
import { useSignedIn } from '../../app/session.tsx';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { Field, Select } from '../../ui/field.tsx';
import { BackupStatusCard } from '../backup/backup-status-card.tsx';
import { CoverCard } from '../cover/cover-card.tsx';
import { BreakGlassDialog } from '../emergency-access/break-glass-dialog.tsx';
import { EmergencyAccessCard } from '../emergency-access/emergency-card.tsx';
import { PlanReviewsCard } from '../plans/plan-reviews-card.tsx';
import { ReviewQueueCard } from '../releases/review-queue.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { LoadingState, Spinner } from '../../ui/spinner.tsx';
import { ClientList, useFirstPage, type ClientFilter } from './client-list.tsx';
import { STATUS_LABELS } from './client-format.tsx';
import { cliniciansIn, directoryQuery } from './client-queries.ts';
import { newClientHref } from './client-routes.ts';
import { LOCALE } from '../../lib/locale.ts';

export interface ListState {
  query: string;
  status: ClientStatus | '';
  clinicianId: string;
  /** The list's order (main sorts): last name unless the user picks another. */
  sort: ClientSort;
  /** How far down the list was scrolled, so Back from a chart returns to the same place. */
  offset: number;
}

export const INITIAL_LIST_STATE: ListState = {
  query: '',
  status: '',
  clinicianId: '',
  sort: 'last_name',
  offset: 0,
};

const SEARCH_DELAY_MS = 150;

export function ClientListPage({
  state,
  onChange,
}: {
  state: ListState;
  onChange: (next: ListState) => void;
}) {
  const { session } = useSignedIn();
  const isClinician = session.user.role === 'clinician';
  const isOwner = session.user.role === 'owner';
  const searchId = useId();
  const [breakingGlass, setBreakingGlass] = useState(false);
  const listRef = useRef<HTMLDivElement>(null);
  const directory = useQuery(directoryQuery);
  const query = useDebouncedValue(state.query.trim(), SEARCH_DELAY_MS);
  const filter: ClientFilter = {
    query,
    sort: state.sort,
    ...(state.status ? { status: state.status } : {}),
    ...(state.clinicianId ? { clinicianId: state.clinicianId } : {}),
  };
  const first = useFirstPage(filter);

  // The list on screen belongs to the last search that answered; it changes when the next does.
  const [shown, setShown] = useState<{ filter: ClientFilter; data: Output<'clients.search'> } | null>(null);
  if (first.data && !first.isPlaceholderData && shown?.data !== first.data)
    setShown({ filter, data: first.data });

  const filtered = query !== '' || state.status !== '' || state.clinicianId !== '';
  const searching = first.isFetching || state.query.trim() !== query;
  // A new search or filter starts at the top of its list.
  const set = (patch: Partial<Omit<ListState, 'offset'>>): void => {
    onChange({ ...state, ...patch, offset: 0 });
  };
  const total = shown?.data.total ?? 0;
  // An empty practice (or caseload) has nothing to search: only the way to add the first client.
  const empty = shown !== null && total === 0 && !filtered && state.query === '';

  return (
    <div className="page page--wide page--fill">
      <PageHeader
        title="Clients"
        description={
          isClinician
            ? 'Your caseload: the clients you are the primary clinician for or on the care team of.'
            : 'Everyone the practice cares for. Find a client by name, date of birth, phone or chart number.'
        }
        actions={
          <>
            {isOwner && <BackupStatusCard />}
            {(isClinician || isOwner) && (
              <Button
                variant="secondary"
                icon={<Siren aria-hidden="true" size={16} />}
                onClick={() => {
                  setBreakingGlass(true);
                }}
              >
                Emergency access
              </Button>
            )}
            <a className="btn btn--primary btn--md" href={newClientHref}>
              <UserPlus aria-hidden="true" size={16} />
              <span className="btn__label">Register client</span>
            </a>
          </>
        }
      />
      {/* The home screen: releases waiting for this person's decision come first. */}
      <EmergencyAccessCard />
      <ReviewQueueCard limit={3} />
      <PlanReviewsCard />
      <CoverCard />
      {!empty && (
        <div className="client-toolbar" role="search" aria-label="Find a client">
          <div className="search-box">
            <label htmlFor={searchId} className="sr-only">
              Search clients
            </label>
            <Search aria-hidden="true" size={17} className="search-box__icon" />
            <input
              id={searchId}
              type="search"
              className="input search-box__input"
              placeholder="Name, date of birth (4/12/1990), phone or chart #"
              autoComplete="off"
              spellCheck={false}
              value={state.query}
              onChange={(event) => {
                set({ query: event.target.value });
              }}
              onKeyDown={(event) => {
                if (event.key === 'ArrowDown' || (event.key === 'Enter' && total > 0)) {
                  event.preventDefault();
                  listRef.current?.focus();
                } else if (event.key === 'Escape' && state.query) {
                  event.preventDefault();
                  set({ query: '' });
                }
              }}
            />
            {searching && <Spinner size={15} className="search-box__busy" />}
            {state.query && !searching && (
              <button
                type="button"
                className="icon-btn search-box__clear"
                aria-label="Clear search"
                onClick={() => {
                  set({ query: '' });
                }}
              >
                <X aria-hidden="true" size={16} />
              </button>
            )}
          </div>
          <Field label="Status" className="client-toolbar__filter">
            <Select
              value={state.status}
              onChange={(event) => {
                set({ status: event.target.value as ListState['status'] });
              }}
            >
              <option value="">All statuses</option>
              {(Object.keys(STATUS_LABELS) as ClientStatus[]).map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Primary clinician" className="client-toolbar__filter">
            <Select
              value={state.clinicianId}
              onChange={(event) => {
                set({ clinicianId: event.target.value });
              }}
            >
              <option value="">All clinicians</option>
              {cliniciansIn(directory.data ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.displayName}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Sort by" className="client-toolbar__filter">
            <Select
              value={state.sort}
              onChange={(event) => {
                set({ sort: event.target.value as ClientSort });
              }}
            >
              {(Object.keys(CLIENT_SORT_LABELS) as ClientSort[]).map((s) => (
                <option key={s} value={s}>
                  {CLIENT_SORT_LABELS[s]}
                </option>
              ))}
            </Select>
          </Field>
        </div>
      )}
      {!empty && (
        <p className="client-count" aria-live="polite">
          {shown && (filtered ? matchText(total, query) : countText(total, isClinician))}
        </p>
      )}

      {first.isError && !shown && (
        <Banner tone="danger" title="The client list could not be loaded" live>
          {first.error.message}
        </Banner>
      )}
      {!shown && first.isPending && (
        <div className="panel">
          <LoadingState label="Loading clients…" />
        </div>
      )}
      {shown && total === 0 && (
        <div className="panel client-list-empty">
          {filtered ? (
            <EmptyState
              icon={<SearchX size={28} />}
              title={query ? `No clients match “${query}”` : 'No clients match these filters'}
              actions={
                <Button
                  onClick={() => {
                    onChange({ ...INITIAL_LIST_STATE, sort: state.sort });
                  }}
                >
                  Clear search and filters
                </Button>
              }
            >
              <p>
                Try part of the name, the date of birth as 4/12/1990, the last four digits of the phone, or
                the chart number.
              </p>
            </EmptyState>
          ) : (
            <EmptyState
              icon={<Users size={28} />}
              title={isClinician ? 'No clients on your caseload yet' : 'No clients yet'}
              actions={
                <a className="btn btn--primary btn--md" href={newClientHref}>
                  <UserPlus aria-hidden="true" size={16} />
                  <span className="btn__label">Register client</span>
                </a>
              }
            >
              <p>
                {isClinician
                  ? 'Clients appear here once you are their primary clinician or a colleague adds you to their care team.'
                  : 'Register the practice’s first client: their demographics, contact preferences, insurance and primary clinician.'}
              </p>
            </EmptyState>
          )}
        </div>
      )}
      {shown && total > 0 && (
        <ClientList
          key={JSON.stringify(shown.filter)}
          filter={shown.filter}
          first={shown.data}
          listRef={listRef}
          initialOffset={state.offset}
          onOpen={(offset) => {
            onChange({ ...state, offset });
          }}
        />
      )}
      {breakingGlass && (
        <BreakGlassDialog
          onClose={() => {
            setBreakingGlass(false);
          }}
        />
      )}
    </div>
  );
}

const countText = (total: number, caseload: boolean): string =>
  `${total.toLocaleString(LOCALE)} ${total === 1 ? 'client' : 'clients'}${caseload ? ' on your caseload' : ''}`;

const matchText = (total: number, query: string): string =>
  `${total.toLocaleString(LOCALE)} ${total === 1 ? 'client matches' : 'clients match'}${query ? ` “${query}”` : ''}`;
