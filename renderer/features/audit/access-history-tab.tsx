// A chart's Access history tab: who opened, changed, listed or released this client's records, in
// words, newest first. Shown to the owner and the client's primary clinician; main decides
// (access/chart-audit.ts) and audits each opening of the tab.
import { useInfiniteQuery } from '@tanstack/react-query';
import { History } from 'lucide-react';
import type { ClientRecord } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { formatDateTime, formatTime } from '../../lib/format.ts';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { Card } from '../../ui/card.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { LoadingState } from '../../ui/spinner.tsx';
import { Table } from '../../ui/table.tsx';
import { legalName } from '../clients/client-format.tsx';
import { LOCALE } from '../../lib/locale.ts';

const PAGE_SIZE = 50;

/** The renderer's mirror of main's rule, only to decide whether to show the tab. */
export const mayShowAccessHistory = (
  user: { id: string; role: string },
  client: Pick<ClientRecord, 'primaryClinician'>,
): boolean => user.role === 'owner' || client.primaryClinician.id === user.id;

export function AccessHistoryTab({ client }: { client: ClientRecord }) {
  const history = useInfiniteQuery({
    queryKey: ['audit', 'clientHistory', client.id],
    queryFn: ({ pageParam }) =>
      call('audit.clientHistory', {
        clientId: client.id,
        limit: PAGE_SIZE,
        ...(pageParam === null ? {} : { beforeSeq: pageParam }),
      }),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextBeforeSeq,
  });
  const entries = history.data?.pages.flatMap((p) => p.entries) ?? [];

  return (
    <Card
      title="Access history"
      icon={<History size={18} />}
      description={`Everyone who opened, changed, listed or released ${legalName(client)}’s records, newest first. Each draft note’s autosaves in one sign-in are one row.`}
    >
      {history.isPending && <LoadingState label="Loading the access history…" />}
      {history.isError && (
        <Banner tone="danger" title="The access history could not be loaded" live>
          {history.error.message}
        </Banner>
      )}
      {history.isSuccess && entries.length === 0 && (
        <EmptyState icon={<History size={28} />} title="No one has opened this chart yet" />
      )}
      {entries.length > 0 && (
        <Table
          caption={`Access history of ${legalName(client)}, newest first`}
          className="audit-table access-history"
          footer={
            <>
              <span className="muted">
                Showing {entries.length.toLocaleString(LOCALE)} {entries.length === 1 ? 'entry' : 'entries'}
              </span>
              {history.hasNextPage && (
                <Button
                  size="sm"
                  busy={history.isFetchingNextPage}
                  onClick={() => {
                    void history.fetchNextPage();
                  }}
                >
                  Load more
                </Button>
              )}
            </>
          }
        >
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.seq}>
                <td className="nowrap">
                  <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                </td>
                <td className="who">{e.who}</td>
                <td>
                  <span className="action">{e.summary}</span>
                  {e.count > 1 && (
                    <span className="muted">
                      {' '}
                      · {formatTime(e.firstAt)} – {formatTime(e.at)}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
