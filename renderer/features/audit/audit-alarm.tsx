// The owner's audit alarm: the log was cut or changed outside Stillwater (found at sign-in, or by
// the full check). It says exactly what failed, what Stillwater has done about it, and what to do;
// the owner acknowledges it once they have seen it (the log keeps both the alarm and the
// acknowledgement).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Download, ScrollText, ShieldAlert, ShieldCheck } from 'lucide-react';
import { useState } from 'react';
import type { AuditProblemKind, AuditStatus } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { useSession, useSignedIn } from '../../app/session.tsx';
import { hrefFor } from '../../app/use-hash-path.ts';
import { formatDateTime } from '../../lib/format.ts';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { LoadingState } from '../../ui/spinner.tsx';
import { LOCALE } from '../../lib/locale.ts';

export const AUDIT_STATUS_KEY = ['audit', 'status'] as const;

export const auditStatusQuery = {
  queryKey: AUDIT_STATUS_KEY,
  queryFn: () => call('audit.status', {}),
  // A full check runs in the background after sign-in; its result shows when it is done.
  refetchInterval: (query: { state: { data?: AuditStatus } }) => (query.state.data?.checking ? 2000 : 60_000),
} as const;

const KIND_TITLES: Record<AuditProblemKind, string> = {
  truncated: 'Entries at the end of the audit log were removed',
  'head-mismatch': 'The newest entries of the audit log were rewritten',
  'head-missing': 'The record of the audit log kept outside the database is missing',
  'head-not-authentic': 'The record of the audit log kept outside the database was edited',
  'head-rolled-back': 'The record of the audit log was replaced with an older copy',
  'chain-break': 'The audit log’s chain is broken',
  missing: 'Entries are missing from the audit log',
  'out-of-order': 'Entries of the audit log were reordered',
  edited: 'An audit log entry was changed after it was written',
};

export function AuditAlarmPage({ onContinue }: { onContinue: () => void }) {
  const queryClient = useQueryClient();
  const { session } = useSignedIn();
  const { updateSession } = useSession();
  const status = useQuery(auditStatusQuery);
  const [confirming, setConfirming] = useState(false);
  const exportCsv = useMutation({
    mutationFn: () => call('audit.exportCsv', { filter: {} }),
  });
  const acknowledge = useMutation({
    mutationFn: () => call('audit.acknowledgeAlarm', { confirm: true }),
    onSuccess: (next) => {
      queryClient.setQueryData(AUDIT_STATUS_KEY, next);
      void queryClient.invalidateQueries({ queryKey: ['audit', 'list'] });
      setConfirming(false);
      updateSession({ ...session, auditAlarm: false });
    },
  });

  if (status.isPending) return <LoadingState label="Loading the audit alarm…" />;
  const alarm = status.data?.alarm ?? null;

  return (
    <div className="page audit-alarm">
      <div className="audit-alarm__panel" role="alert">
        <div className="audit-alarm__heading">
          <ShieldAlert aria-hidden="true" size={28} className="audit-alarm__icon" />
          <div>
            <p className="audit-alarm__eyebrow">Audit alarm</p>
            <h1 className="audit-alarm__title">
              {alarm ? KIND_TITLES[alarm.kind] : 'The audit log was changed outside Stillwater'}
            </h1>
          </div>
        </div>
        <p className="audit-alarm__message">{alarm?.message ?? status.error?.message}</p>
        {alarm && (
          <dl className="facts audit-alarm__facts">
            <div>
              <dt>Found</dt>
              <dd>{formatDateTime(alarm.detectedAt)}</dd>
            </div>
            <div>
              <dt>At entry</dt>
              <dd>
                {alarm.seq > 0 ? `#${alarm.seq.toLocaleString(LOCALE)}` : 'The record outside the database'}
              </dd>
            </div>
          </dl>
        )}
      </div>
      <div className="audit-alarm__columns">
        <section className="panel audit-alarm__section" aria-labelledby="alarm-done">
          <h2 id="alarm-done" className="subheading">
            What Stillwater has done
          </h2>
          <ul className="audit-alarm__list">
            <li>Entered this alarm in the audit log, with the time it was found.</li>
            <li>
              Kept its record of the log’s newest entry where it was. It moves on only after you acknowledge
              this alarm, so nothing is re-sealed silently.
            </li>
            <li>Let everyone keep working: clinical records are not affected by this alarm.</li>
          </ul>
        </section>
        <section className="panel audit-alarm__section" aria-labelledby="alarm-do">
          <h2 id="alarm-do" className="subheading">
            What to do now
          </h2>
          <ol className="audit-alarm__list">
            <li>Export the audit log and keep the file with your incident records.</li>
            <li>
              Ask who had access to this computer’s data folder or the recovery key. Someone with the recovery
              key can open the database outside Stillwater.
            </li>
            <li>Contact your IT support and follow your practice’s security incident procedure.</li>
            <li>Do not restore a backup or edit the data folder unless your IT support tells you to.</li>
          </ol>
        </section>
      </div>
      {exportCsv.isError && (
        <Banner tone="danger" live>
          {exportCsv.error.message}
        </Banner>
      )}
      {exportCsv.data?.saved && (
        <Banner tone="success" live>
          Exported {exportCsv.data.rows.toLocaleString(LOCALE)} entries to{' '}
          <span className="mono">{exportCsv.data.filename}</span> in the folder you chose.
        </Banner>
      )}
      <div className="audit-alarm__actions">
        <Button
          icon={<Download aria-hidden="true" size={16} />}
          busy={exportCsv.isPending}
          onClick={() => {
            exportCsv.mutate();
          }}
        >
          Export the audit log
        </Button>
        <Button
          icon={<ScrollText aria-hidden="true" size={16} />}
          onClick={() => {
            onContinue();
            window.location.hash = hrefFor('audit');
          }}
        >
          Open the audit log
        </Button>
        <span className="audit-alarm__spacer" />
        <Button variant="ghost" onClick={onContinue}>
          Continue for now
        </Button>
        {alarm && (
          <Button
            variant="danger"
            onClick={() => {
              setConfirming(true);
            }}
          >
            Acknowledge alarm…
          </Button>
        )}
      </div>
      {confirming && (
        <ConfirmDialog
          title="Acknowledge the audit alarm?"
          confirmLabel="Acknowledge"
          variant="danger"
          busy={acknowledge.isPending}
          problem={acknowledge.error?.message ?? null}
          onConfirm={() => {
            acknowledge.mutate();
          }}
          onClose={() => {
            setConfirming(false);
          }}
        >
          <p>
            Your acknowledgment is entered in the audit log under your name. Stillwater then takes the log as
            it is now as its starting point: later checks read past this problem and show it as acknowledged.
          </p>
          <p>Acknowledge only after you have exported the log and reported the problem.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

/** Every page, while an alarm is pending: the owner can go back to it at any time. */
export function AuditAlarmBanner({ onReview }: { onReview: () => void }) {
  return (
    <Banner
      tone="danger"
      className="shell__banner"
      title="Audit alarm: the audit log was changed outside Stillwater"
      actions={
        <Button size="sm" variant="danger" onClick={onReview}>
          Review the alarm
        </Button>
      }
    >
      It stays until you acknowledge it.
    </Banner>
  );
}

/** The sidebar's one line on the log's health, for the owner: the last full check or the alarm. */
export function AuditHealth() {
  const status = useQuery(auditStatusQuery);
  const data = status.data;
  if (!data) return null;
  if (data.alarm)
    return (
      <a className="audit-health audit-health--alarm" href={hrefFor('audit')}>
        <ShieldAlert aria-hidden="true" size={14} /> <span className="sidebar__label">Audit alarm</span>
      </a>
    );
  const last = data.lastCheck;
  const text = data.checking
    ? 'Checking the audit log…'
    : last
      ? last.ok
        ? `Audit log intact · checked ${formatDateTime(last.at)}`
        : `Audit check failed at entry #${String(last.problemSeq ?? 0)}`
      : 'Audit log not yet fully checked';
  const failed = last !== null && !last.ok;
  const Icon = failed ? ShieldAlert : ShieldCheck;
  return (
    <a className={`audit-health${failed ? ' audit-health--alarm' : ''}`} href={hrefFor('audit')}>
      <Icon aria-hidden="true" size={14} />
      <span className="sidebar__label">{text}</span>
    </a>
  );
}
