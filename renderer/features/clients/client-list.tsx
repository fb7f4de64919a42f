// The client list: a virtualized listbox that pages through clients.search on demand, so 10,000
// clients scroll as smoothly as ten. Only the rows on screen exist in the page; a page of 100 is
// fetched when any of its rows comes into view. Arrow keys move, Enter opens a chart.
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { useId, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import {
  formatPhone,
  type ClientSearchInput,
  type ClientSummary,
  type Output,
} from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { formatCalendarDate } from '../../lib/calendar-date.ts';
import { useListVirtualizer } from '../../lib/use-list-virtualizer.ts';
import { cx } from '../../ui/cx.ts';
import {
  ageToday,
  ConfidentialBadge,
  displayName,
  initialsOf,
  MinorBadge,
  StatusBadge,
} from './client-format.tsx';
import { CLIENT_SEARCH_KEY } from './client-queries.ts';
import { chartHref, go } from './client-routes.ts';

const PAGE_SIZE = 100;
const ROW_HEIGHT = 56;

export type ClientFilter = Required<Pick<ClientSearchInput, 'query' | 'sort'>> &
  Pick<ClientSearchInput, 'status' | 'clinicianId'>;
type SearchPage = Output<'clients.search'>;

const pageQuery = (filter: ClientFilter, page: number) => ({
  queryKey: [...CLIENT_SEARCH_KEY, filter, page] as const,
  queryFn: () => call('clients.search', { ...filter, offset: page * PAGE_SIZE, limit: PAGE_SIZE }),
});

/** The first page: it says how many clients match, which sizes the list. */
export function useFirstPage(filter: ClientFilter) {
  // While the next search runs, the previous answer stays on screen (no flash of emptiness).
  return useQuery({ ...pageQuery(filter, 0), placeholderData: keepPreviousData });
}

export interface ClientListProps {
  filter: ClientFilter;
  first: SearchPage;
  /** The list's DOM node, so the search box can move focus into it. */
  listRef: RefObject<HTMLDivElement | null>;
  /** Where the list was scrolled when a chart was last opened from it. */
  initialOffset: number;
  /** A chart is about to open: remember how far down the list was. */
  onOpen: (offset: number) => void;
}

export function ClientList({ filter, first, listRef, initialOffset, onOpen }: ClientListProps) {
  // The virtualizer is one mutable object read afresh on every render: no compiler memoization.
  'use no memo';
  const id = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(-1);
  const total = first.total;

  const virtualizer = useListVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    initialOffset,
  });
  const rows = virtualizer.getVirtualItems();

  const pages = [...new Set(rows.map((r) => Math.floor(r.index / PAGE_SIZE)))].filter((p) => p > 0);
  const loaded = useQueries({ queries: pages.map((p) => pageQuery(filter, p)) });
  const clientAt = (index: number): ClientSummary | undefined => {
    const page = Math.floor(index / PAGE_SIZE);
    const data = page === 0 ? first : loaded[pages.indexOf(page)]?.data;
    return data?.clients[index % PAGE_SIZE];
  };

  const moveTo = (index: number): void => {
    if (total === 0) return;
    const next = Math.max(0, Math.min(total - 1, index));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const open = (index: number): void => {
    const client = clientAt(index);
    if (!client) return;
    onOpen(scrollRef.current?.scrollTop ?? 0);
    go(chartHref(client.id));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const pageRows = Math.max(
      1,
      Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1,
    );
    const moves: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      PageDown: active + pageRows,
      PageUp: active - pageRows,
      Home: 0,
      End: total - 1,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      moveTo(target);
    } else if (event.key === 'Enter' && active >= 0) {
      event.preventDefault();
      open(active);
    }
  };

  const activeRendered = rows.some((r) => r.index === active);

  return (
    <div className="client-list">
      <div className="client-grid client-list__head" aria-hidden="true">
        <span>Name</span>
        <span>Chart #</span>
        <span>Date of birth</span>
        <span>Phone</span>
        <span>Primary clinician</span>
        <span>Status</span>
      </div>
      <div ref={scrollRef} className="client-list__scroll">
        <div
          ref={listRef}
          role="listbox"
          aria-label="Clients"
          tabIndex={0}
          className="client-list__body"
          aria-activedescendant={active >= 0 && activeRendered ? `${id}-row-${String(active)}` : undefined}
          onKeyDown={onKeyDown}
          onFocus={() => {
            if (active < 0) setActive(0);
          }}
          style={{ height: virtualizer.getTotalSize() }}
        >
          {rows.map((row) => {
            const client = clientAt(row.index);
            return (
              <div
                key={row.key}
                id={`${id}-row-${String(row.index)}`}
                role="option"
                aria-selected={row.index === active}
                aria-posinset={row.index + 1}
                aria-setsize={total}
                aria-busy={client ? undefined : true}
                className={cx('client-grid', 'client-row', row.index === active && 'client-row--active')}
                style={{ transform: `translateY(${String(row.start)}px)`, height: ROW_HEIGHT }}
                onClick={() => {
                  setActive(row.index);
                  open(row.index);
                }}
              >
                {client ? <ClientCells client={client} /> : <PlaceholderCells />}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function ClientCells({ client }: { client: ClientSummary }) {
  return (
    <>
      <span className="client-row__name">
        <span className="client-avatar" aria-hidden="true">
          {initialsOf(client)}
        </span>
        <span className="client-row__name-text" title={displayName(client)}>
          {displayName(client)}
        </span>
        {client.minor && <MinorBadge />}
        {client.confidentialContact && <ConfidentialBadge instruction={client.confidentialContact} />}
      </span>
      <span className="client-row__chart">{client.chartNumber}</span>
      <span className="client-row__dob">
        {formatCalendarDate(client.dateOfBirth)}
        <span className="client-row__age"> · {ageToday(client.dateOfBirth)} y</span>
      </span>
      <span className="client-row__phone">{client.phone ? formatPhone(client.phone) : '—'}</span>
      <span className="client-row__clinician" title={client.primaryClinician.displayName}>
        {client.primaryClinician.displayName}
      </span>
      <span>
        <StatusBadge status={client.status} />
      </span>
    </>
  );
}

function PlaceholderCells() {
  return (
    <>
      <span className="client-row__name">
        <span className="client-avatar client-avatar--placeholder" aria-hidden="true" />
        <span className="skeleton skeleton--name" />
      </span>
      <span className="skeleton skeleton--short" />
      <span className="skeleton" />
      <span className="skeleton" />
      <span className="skeleton" />
      <span className="skeleton skeleton--short" />
    </>
  );
}
