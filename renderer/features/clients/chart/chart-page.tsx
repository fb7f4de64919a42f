// A client's chart (#/clients/<id>): the header, then Overview, Notes, Intake and Screenings. Front
// desk never gets the clinical tabs (only Sessions: date, clinician, code); typing their address
// shows that they are not available, and main refuses the calls anyway (FORBIDDEN). Main audits
// every opening of a chart.
import { useQuery } from '@tanstack/react-query';
import {
  ArrowLeft,
  CalendarCheck,
  ChartLine,
  ClipboardList,
  FileOutput,
  History,
  LayoutDashboard,
  NotebookText,
  Pencil,
  Scale,
  ShieldBan,
  Stethoscope,
  Target,
  UserX,
} from 'lucide-react';
import type { ReactNode } from 'react';
import { draftKey, ROLE_LABELS } from '../../../../preload/contract.ts';
import { isApiError } from '../../../api.ts';
import { useSignedIn } from '../../../app/session.tsx';
import { useDraftDialog } from '../../../lib/use-dialog-draft.ts';
import { Banner } from '../../../ui/banner.tsx';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { LoadingState } from '../../../ui/spinner.tsx';
import { TabsNav, type TabItem } from '../../../ui/tabs-nav.tsx';
import { AccessHistoryTab, mayShowAccessHistory } from '../../audit/access-history-tab.tsx';
import { DiagnosesTab } from '../../diagnoses/diagnoses-tab.tsx';
import { EmergencyBanner } from '../../emergency-access/emergency-banner.tsx';
import { OffCaseload } from '../../emergency-access/off-caseload.tsx';
import { IntakeTab } from '../../intake/intake-tab.tsx';
import { PlanTab } from '../../plans/plan-tab.tsx';
import { NotesTab } from '../../notes/notes-tab.tsx';
import { SessionsTab } from '../../notes/sessions-tab.tsx';
import { DisclosuresTab } from '../../releases/disclosures-tab.tsx';
import { RightsTab } from '../../rights/rights-tab.tsx';
import { ScreeningsTab } from '../../screenings/screenings-tab.tsx';
import { clientQuery } from '../client-queries.ts';
import { chartHref, editHref, listHref, type ChartTab } from '../client-routes.ts';
import { ChangeStatusDialog } from './change-status-dialog.tsx';
import { ChartHeader } from './chart-header.tsx';
import { ChartSummaryPrintButton } from './chart-summary-print.tsx';
import { chartWritable } from './chart-writable.ts';
import { OverviewTab } from './overview-tab.tsx';

function ChartFrame({ children }: { children: ReactNode }) {
  return (
    <div className="page page--wide chart">
      <a className="back-link" href={listHref}>
        <ArrowLeft aria-hidden="true" size={16} />
        Clients
      </a>
      {children}
    </div>
  );
}

export function ChartPage({ clientId, tab }: { clientId: string; tab: ChartTab }) {
  const { session } = useSignedIn();
  const client = useQuery(clientQuery(clientId));
  // Reopens by itself when a status change was being written as the app locked or closed.
  const changingStatus = useDraftDialog(draftKey('client-status', clientId));

  if (client.isPending)
    return (
      <ChartFrame>
        <LoadingState label="Opening the chart…" />
      </ChartFrame>
    );
  if (client.isError) {
    const code = isApiError(client.error) ? client.error.code : 'INTERNAL';
    return (
      <ChartFrame>
        <div className="panel">
          {code === 'FORBIDDEN' ? (
            <OffCaseload clientId={clientId} message={client.error.message} />
          ) : code === 'NOT_FOUND' || code === 'INVALID_INPUT' ? (
            <EmptyState icon={<UserX size={28} />} title="No such client">
              <p>This chart does not exist. It may have been a mistyped or old link.</p>
            </EmptyState>
          ) : (
            <Banner tone="danger" title="The chart could not be opened" live>
              {client.error.message}
            </Banner>
          )}
        </div>
      </ChartFrame>
    );
  }

  const record = client.data;
  const clinical = record.access.clinical;
  const writable = chartWritable(record);
  // Main decides who reads a chart's access history; the tab only mirrors it.
  const showAccess = mayShowAccessHistory(session.user, record);
  const tabs: TabItem[] = [
    {
      id: 'overview',
      label: 'Overview',
      href: chartHref(clientId),
      icon: <LayoutDashboard aria-hidden="true" size={16} />,
    },
    clinical
      ? {
          id: 'notes',
          label: 'Notes',
          href: chartHref(clientId, 'notes'),
          icon: <NotebookText aria-hidden="true" size={16} />,
        }
      : {
          id: 'sessions',
          label: 'Sessions',
          href: chartHref(clientId, 'sessions'),
          icon: <CalendarCheck aria-hidden="true" size={16} />,
        },
    ...(clinical
      ? [
          {
            id: 'diagnoses',
            label: 'Diagnoses',
            href: chartHref(clientId, 'diagnoses'),
            icon: <Stethoscope aria-hidden="true" size={16} />,
          },
          {
            id: 'plan',
            label: 'Treatment plan',
            href: chartHref(clientId, 'plan'),
            icon: <Target aria-hidden="true" size={16} />,
          },
          {
            id: 'intake',
            label: 'Intake',
            href: chartHref(clientId, 'intake'),
            icon: <ClipboardList aria-hidden="true" size={16} />,
          },
          {
            id: 'screenings',
            label: 'Screenings',
            href: chartHref(clientId, 'screenings'),
            icon: <ChartLine aria-hidden="true" size={16} />,
          },
        ]
      : []),
    // Releases, the accounting and the client's rights requests are the care team's and the
    // office's work: emergency access reads the clinical record only, and main refuses the rest.
    ...(writable
      ? [
          {
            id: 'disclosures',
            label: 'Disclosures',
            href: chartHref(clientId, 'disclosures'),
            icon: <FileOutput aria-hidden="true" size={16} />,
          },
          {
            id: 'rights',
            label: 'Rights',
            href: chartHref(clientId, 'rights'),
            icon: <Scale aria-hidden="true" size={16} />,
          },
        ]
      : []),
    ...(showAccess
      ? [
          {
            id: 'access',
            label: 'Access history',
            href: chartHref(clientId, 'access'),
            icon: <History aria-hidden="true" size={16} />,
          },
        ]
      : []),
  ];

  return (
    <ChartFrame>
      <ChartHeader
        client={record}
        actions={
          <>
            {writable && <ChartSummaryPrintButton clientId={clientId} />}
            {record.access.editDemographics && (
              <a className="btn btn--secondary btn--md" href={editHref(clientId)}>
                <Pencil aria-hidden="true" size={16} />
                <span className="btn__label">Edit details</span>
              </a>
            )}
          </>
        }
      />
      <EmergencyBanner clientId={clientId} />
      <TabsNav label="Chart sections" items={tabs} current={tab} />
      {tab === 'overview' && <OverviewTab client={record} onChangeStatus={changingStatus.show} />}
      {tab !== 'overview' && tab !== 'sessions' && tab !== 'disclosures' && tab !== 'rights' && !clinical && (
        <div className="panel">
          <EmptyState
            icon={<ShieldBan size={28} />}
            title="Not available for your role"
            actions={
              <a className="btn btn--secondary btn--md" href={chartHref(clientId)}>
                <span className="btn__label">Back to the overview</span>
              </a>
            }
          >
            <p>
              {`Intake, screenings and notes are clinical records. You are signed in as ${ROLE_LABELS[session.user.role].toLowerCase()}, so they are not shown to you.`}
            </p>
          </EmptyState>
        </div>
      )}
      {tab === 'notes' && clinical && <NotesTab client={record} />}
      {tab === 'sessions' && !clinical && <SessionsTab client={record} />}
      {tab === 'sessions' && clinical && <NotesTab client={record} />}
      {tab === 'diagnoses' && clinical && <DiagnosesTab client={record} />}
      {tab === 'plan' && clinical && <PlanTab client={record} />}
      {tab === 'intake' && clinical && <IntakeTab client={record} />}
      {tab === 'screenings' && clinical && <ScreeningsTab client={record} />}
      {tab === 'disclosures' && writable && <DisclosuresTab client={record} />}
      {tab === 'rights' && writable && <RightsTab client={record} />}
      {(tab === 'disclosures' || tab === 'rights') && !writable && (
        <div className="panel">
          <EmptyState icon={<ShieldBan size={28} />} title="Not part of emergency access">
            <p>
              Emergency access opens the clinical record to read. Releases, disclosures and the client’s
              rights requests stay with the care team and the office.
            </p>
          </EmptyState>
        </div>
      )}
      {tab === 'access' && showAccess && <AccessHistoryTab client={record} />}
      {tab === 'access' && !showAccess && clinical && (
        <div className="panel">
          <EmptyState icon={<ShieldBan size={28} />} title="Not available to you">
            <p>A chart’s access history is open to the owner and the client’s primary clinician.</p>
          </EmptyState>
        </div>
      )}
      {changingStatus.open && writable && (
        <ChangeStatusDialog client={record} canDischarge={clinical} onClose={changingStatus.close} />
      )}
    </ChartFrame>
  );
}
