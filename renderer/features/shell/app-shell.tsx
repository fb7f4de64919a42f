// The signed-in app: sidebar, the owner's recovery-key and backup warnings, and the current page.
import { useState } from 'react';
import { useSignedIn } from '../../app/session.tsx';
import { useHashPath } from '../../app/use-hash-path.ts';
import { AuditAlarmBanner, AuditAlarmPage } from '../audit/audit-alarm.tsx';
import { AuditPage } from '../audit/audit-page.tsx';
import { BackupWarningBanner } from '../backup/backup-warning-banner.tsx';
import { ClientsPage } from '../clients/clients-page.tsx';
import { NotesPage } from '../notes/notes-page.tsx';
import { RotateRecoveryKeyDialog } from '../recovery-key/rotate-recovery-key-dialog.tsx';
import { ReleasesPage } from '../releases/releases-page.tsx';
import { SettingsPage } from '../settings/settings-page.tsx';
import { StaffPage } from '../staff/staff-page.tsx';
import { NotAvailablePage } from './not-available-page.tsx';
import { RecoveryKeyBanner } from './recovery-key-banner.tsx';
import { findRoute, type RouteDef } from './routes.ts';
import { Sidebar } from './sidebar.tsx';

function Page({ route }: { route: RouteDef }) {
  switch (route.id) {
    case 'clients':
      return <ClientsPage />;
    case 'notes':
      return <NotesPage />;
    case 'releases':
      return <ReleasesPage />;
    case 'audit':
      return <AuditPage />;
    case 'staff':
      return <StaffPage />;
    case 'settings':
      return <SettingsPage />;
  }
}

export function AppShell() {
  const { session } = useSignedIn();
  const path = useHashPath();
  const [rotating, setRotating] = useState(false);
  // An audit alarm opens first for the owner; "Continue for now" leaves a banner on every page.
  const [alarmDeferred, setAlarmDeferred] = useState(false);
  const alarm = session.user.role === 'owner' && session.auditAlarm;
  const route = findRoute(path) ?? findRoute('clients');
  if (!route) throw new Error('The clients route is missing.');
  const allowed = route.roles.includes(session.user.role);

  return (
    <div className="shell">
      {/* A button, not a #main link: the hash holds the current page. */}
      <button
        type="button"
        className="skip-link"
        onClick={() => {
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </button>
      <Sidebar current={route.id} />
      <main id="main" className="shell__main" tabIndex={-1}>
        {session.recoveryKeyUnconfirmed && (
          <RecoveryKeyBanner
            onGenerate={() => {
              setRotating(true);
            }}
          />
        )}
        {/* The owner's sign-in warning: backups too old or failing (Settings shows the details). */}
        {session.user.role === 'owner' && route.id !== 'settings' && <BackupWarningBanner />}
        {alarm && alarmDeferred && (
          <AuditAlarmBanner
            onReview={() => {
              setAlarmDeferred(false);
            }}
          />
        )}
        {alarm && !alarmDeferred ? (
          <AuditAlarmPage
            onContinue={() => {
              setAlarmDeferred(true);
            }}
          />
        ) : allowed ? (
          <Page key={route.id} route={route} />
        ) : (
          <NotAvailablePage role={session.user.role} page={route.label} />
        )}
      </main>
      {rotating && (
        <RotateRecoveryKeyDialog
          onClose={() => {
            setRotating(false);
          }}
        />
      )}
    </div>
  );
}
