// The audit log (owner only): filter, page back through history, verify the hash chain, export.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Download, ScrollText, ShieldCheck } from 'lucide-react';
import { useState } from 'react';
import type { StaffMember } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { applyServerError, type FormProblem } from '../../lib/form-errors.ts';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { ProblemBanner } from '../../ui/problem-banner.tsx';
import { LoadingState } from '../../ui/spinner.tsx';
import { staffQuery } from '../staff/staff-query.ts';
import { AUDIT_STATUS_KEY } from './audit-alarm.tsx';
import { AuditFilters, type AuditFilter } from './audit-filters.tsx';
import { AuditTable } from './audit-table.tsx';
import { VerifyResult } from './verify-result.tsx';
import { LOCALE } from '../../lib/locale.ts';

const PAGE_SIZE = 50;

export function AuditPage() {
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<AuditFilter>({});
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const staff = useQuery(staffQuery);
  const staffById = new Map<string, StaffMember>((staff.data ?? []).map((m) => [m.id, m]));

  const list = useInfiniteQuery({
    queryKey: ['audit', 'list', filter],
    queryFn: ({ pageParam }) =>
      call('audit.list', {
        filter,
        limit: PAGE_SIZE,
        ...(pageParam === null ? {} : { beforeSeq: pageParam }),
      }),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextBeforeSeq,
  });
  const entries = list.data?.pages.flatMap((p) => p.entries) ?? [];
  const refreshList = (): void => {
    void queryClient.invalidateQueries({ queryKey: ['audit', 'list'] });
  };

  const verify = useMutation({
    mutationFn: () => call('audit.verify', {}),
    onSuccess: () => {
      refreshList();
      void queryClient.invalidateQueries({ queryKey: AUDIT_STATUS_KEY });
    },
    onError: (error) => {
      setProblem(applyServerError(error, () => undefined, { fields: [] }));
    },
  });
  const exportCsv = useMutation({
    mutationFn: () => call('audit.exportCsv', { filter }),
    onSuccess: (result) => {
      if (result.saved) refreshList();
    },
    onError: (error) => {
      setProblem(applyServerError(error, () => undefined, { fields: [] }));
    },
  });

  return (
    <div className="page page--wide">
      <PageHeader
        title="Audit log"
        description="Every sign-in, chart opened, change and export, in a chain that shows if anything was altered afterwards. Choose a client to see who opened their chart."
        actions={
          <>
            <Button
              icon={<ShieldCheck aria-hidden="true" size={16} />}
              busy={verify.isPending}
              onClick={() => {
                setProblem(null);
                verify.mutate();
              }}
            >
              Verify chain
            </Button>
            <Button
              icon={<Download aria-hidden="true" size={16} />}
              busy={exportCsv.isPending}
              onClick={() => {
                setProblem(null);
                exportCsv.mutate();
              }}
            >
              Export CSV
            </Button>
          </>
        }
      />
      <ProblemBanner problem={problem} />
      {verify.data && (
        <VerifyResult
          result={verify.data}
          onDismiss={() => {
            verify.reset();
          }}
        />
      )}
      {exportCsv.data?.saved && (
        <Banner tone="info" live>
          Saved {exportCsv.data.rows.toLocaleString(LOCALE)} {exportCsv.data.rows === 1 ? 'entry' : 'entries'}{' '}
          as <span className="mono">{exportCsv.data.filename}</span> in the folder you chose. The file names
          clients: keep it as safe as the records themselves.
        </Banner>
      )}
      <AuditFilters
        staff={staff.data ?? []}
        onApply={(next) => {
          setFilter(next);
        }}
      />
      {list.isPending && <LoadingState label="Loading the audit log…" />}
      {list.isError && (
        <Banner tone="danger" title="The audit log could not be loaded" live>
          {list.error.message}
        </Banner>
      )}
      {list.isSuccess && entries.length === 0 && (
        <div className="panel">
          <EmptyState icon={<ScrollText size={28} />} title="No entries match these filters">
            <p>Try a wider date range, or choose Everyone and All actions.</p>
          </EmptyState>
        </div>
      )}
      {entries.length > 0 && (
        <AuditTable
          entries={entries}
          staffById={staffById}
          footer={
            <>
              <span className="muted">
                Showing {entries.length.toLocaleString(LOCALE)} {entries.length === 1 ? 'entry' : 'entries'},
                newest first
              </span>
              {list.hasNextPage && (
                <Button
                  size="sm"
                  busy={list.isFetchingNextPage}
                  onClick={() => {
                    void list.fetchNextPage();
                  }}
                >
                  Load more
                </Button>
              )}
            </>
          }
        />
      )}
    </div>
  );
}
