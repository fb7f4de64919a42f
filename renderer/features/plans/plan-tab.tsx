// A client's Treatment plan tab (issue 20): the plan in force and its earlier versions (each one
// opens), the draft editor for its author, signing by the clinician and the client, reviews and
// revisions; per objective the notes that addressed it and the PHQ-9 / GAD-7 trend. Main decides
// what each person may do (rights on each plan); the tab only offers it.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ClipboardCheck, FilePlus2, PenLine, RefreshCw, Signature, Target } from 'lucide-react';
import { useState } from 'react';
import {
  PLAN_STATUS_LABELS,
  type ClientPlans,
  type ClientRecord,
  type PlanRights,
  type PlanView,
  type TreatmentPlan,
} from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { formatCalendarDate } from '../../lib/calendar-date.ts';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { cx } from '../../ui/cx.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { LoadingState } from '../../ui/spinner.tsx';
import { chartWritable } from '../clients/chart/chart-writable.ts';
import { ClientSignatureDialog } from './client-signature-dialog.tsx';
import { PlanDocument } from './plan-document.tsx';
import { PlanEditor } from './plan-editor.tsx';
import { clientPlansQuery, planQuery, plansChanged } from './plan-queries.ts';
import { ReviewDialog } from './review-dialog.tsx';

/** What a chart open read-only (emergency access) offers on any plan: nothing to do, only to read. */
const READ_ONLY: PlanRights = {
  edit: false,
  signAsClinician: false,
  recordClientSignature: false,
  review: false,
  revise: false,
};

/** The version the tab opens with: one being drawn up or awaiting the client, else the one in force. */
function defaultVersion(plans: readonly TreatmentPlan[]): TreatmentPlan | undefined {
  return (
    plans.find((p) => p.status === 'draft' || p.status === 'awaiting_client') ??
    plans.find((p) => p.status === 'signed') ??
    plans[0]
  );
}

export function PlanTab({ client }: { client: ClientRecord }) {
  const queryClient = useQueryClient();
  const plans = useQuery(clientPlansQuery(client.id));
  const [chosen, setChosen] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: () => call('plans.createDraft', { clientId: client.id }),
    onSuccess: (view) => {
      setChosen(view.plan.id);
      plansChanged(queryClient);
    },
  });

  if (plans.isPending) return <LoadingState label="Opening the treatment plan…" />;
  if (plans.isError)
    return (
      <Banner tone="danger" live>
        {plans.error.message}
      </Banner>
    );
  const list = plans.data.plans;
  const selected = list.find((p) => p.id === chosen) ?? defaultVersion(list);
  const startProblem = start.error ? (
    <Banner tone="danger" live>
      {start.error.message}
    </Banner>
  ) : null;

  if (!selected && !chartWritable(client))
    return (
      <div className="plan-tab">
        <EmptyState icon={<Target size={28} />} title="No treatment plan">
          <p>No treatment plan has been started for this client.</p>
        </EmptyState>
      </div>
    );
  if (!selected)
    return (
      <div className="plan-tab">
        {startProblem}
        <EmptyState
          icon={<Target size={28} />}
          title="No treatment plan yet"
          actions={
            <Button
              variant="primary"
              icon={<FilePlus2 size={16} />}
              busy={start.isPending}
              onClick={() => {
                start.mutate();
              }}
            >
              Start a treatment plan
            </Button>
          }
        >
          <p>
            A plan names the client’s problems, the goals for each, and measurable objectives with a target
            and a date. It is in force once you and the client have signed it.
          </p>
        </EmptyState>
      </div>
    );

  return (
    <div className="plan-tab">
      <nav className="plan-versions" aria-label="Plan versions">
        <span className="plan-versions__label">Versions</span>
        <ul className="plan-versions__list">
          {list.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                className={cx('plan-version', p.id === selected.id && 'plan-version--current')}
                aria-pressed={p.id === selected.id}
                onClick={() => {
                  setChosen(p.id);
                }}
              >
                <span className="plan-version__number">Version {p.version}</span>
                <span className={cx('plan-version__status', `plan-version__status--${p.status}`)}>
                  {PLAN_STATUS_LABELS[p.status]}
                  {p.integrity === 'altered' && ' · altered'}
                </span>
                <span className="plan-version__date">
                  {p.clientSignature
                    ? `Signed ${formatCalendarDate(p.clientSignature.signedOn)}`
                    : `Started ${formatCalendarDate(p.createdAt.slice(0, 10))}`}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      {startProblem}
      <PlanVersion
        key={selected.id}
        client={client}
        planId={selected.id}
        context={plans.data}
        onOpen={setChosen}
        onStartRevision={() => {
          start.mutate();
        }}
        starting={start.isPending}
      />
    </div>
  );
}

function PlanVersion({
  client,
  planId,
  context,
  onOpen,
  onStartRevision,
  starting,
}: {
  client: ClientRecord;
  planId: string;
  context: ClientPlans;
  onOpen: (planId: string) => void;
  onStartRevision: () => void;
  starting: boolean;
}) {
  const queryClient = useQueryClient();
  const view = useQuery(planQuery(planId));
  const [dialog, setDialog] = useState<'client' | 'review' | 'sign' | null>(null);
  const sign = useMutation({
    mutationFn: () => call('plans.signAsClinician', { planId }),
    onSuccess: () => {
      setDialog(null);
      plansChanged(queryClient);
    },
  });
  if (view.isPending) return <LoadingState label="Opening the plan…" />;
  if (view.isError)
    return (
      <Banner tone="danger" live>
        {view.error.message}
      </Banner>
    );
  const v: PlanView = view.data;
  const rights = chartWritable(client) ? v.rights : READ_ONLY;
  if (rights.edit) return <PlanEditor key={v.plan.id} view={v} context={context} />;
  return (
    <div className="plan-version-view">
      {(rights.signAsClinician || rights.recordClientSignature || rights.review || rights.revise) && (
        <div className="plan-actions" role="group" aria-label="Plan actions">
          {v.plan.status === 'awaiting_client' && (
            <p className="plan-actions__note">
              Signed by the clinician. The plan is in force once the client signs it.
            </p>
          )}
          {rights.signAsClinician && (
            <Button
              variant="primary"
              icon={<PenLine size={16} />}
              onClick={() => {
                setDialog('sign');
              }}
            >
              Sign as clinician
            </Button>
          )}
          {rights.recordClientSignature && (
            <Button
              variant="primary"
              icon={<Signature size={16} />}
              onClick={() => {
                setDialog('client');
              }}
            >
              Record client’s signature
            </Button>
          )}
          {rights.review && (
            <Button
              variant="secondary"
              icon={<ClipboardCheck size={16} />}
              onClick={() => {
                setDialog('review');
              }}
            >
              Record review
            </Button>
          )}
          {rights.revise && (
            <Button
              variant="secondary"
              icon={<RefreshCw size={16} />}
              busy={starting}
              onClick={onStartRevision}
            >
              Revise plan
            </Button>
          )}
        </div>
      )}
      <PlanDocument view={v} />
      {dialog === 'client' && (
        <ClientSignatureDialog
          client={client}
          view={v}
          onClose={() => {
            setDialog(null);
          }}
        />
      )}
      {dialog === 'review' && (
        <ReviewDialog
          view={v}
          onRevised={onOpen}
          onClose={() => {
            setDialog(null);
          }}
        />
      )}
      {dialog === 'sign' && (
        <ConfirmDialog
          title="Sign this treatment plan?"
          confirmLabel="Sign as clinician"
          busy={sign.isPending}
          problem={sign.error?.message ?? null}
          onConfirm={() => {
            sign.mutate();
          }}
          onClose={() => {
            setDialog(null);
          }}
        >
          <p>Once signed, the plan is locked: it cannot be edited, only revised as a new version.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
