// Clients: the list, registration, a client's chart and its edit form, and one note, by address
// (#/clients, #/clients/new, #/clients/<id>[/notes|/intake|/screenings|/edit|/notes/<noteId>]). The list's search and
// filters live here, so coming back from a chart finds them as they were (until the next lock).
// The chart and the forms load on first use, which keeps the app's start-up bundle small.
import { lazy, Suspense, useState } from 'react';
import { useHashPath } from '../../app/use-hash-path.ts';
import { LoadingState } from '../../ui/spinner.tsx';
import { ClientListPage, INITIAL_LIST_STATE, type ListState } from './client-list-page.tsx';
import { parseClientsPath } from './client-routes.ts';

const ChartPage = lazy(async () => ({ default: (await import('./chart/chart-page.tsx')).ChartPage }));
const RegisterClientPage = lazy(async () => ({
  default: (await import('./form/client-form-pages.tsx')).RegisterClientPage,
}));
const NotePage = lazy(async () => ({ default: (await import('../notes/note-page.tsx')).NotePage }));
const EditClientPage = lazy(async () => ({
  default: (await import('./form/client-form-pages.tsx')).EditClientPage,
}));

export function ClientsPage() {
  const route = parseClientsPath(useHashPath());
  const [listState, setListState] = useState<ListState>(INITIAL_LIST_STATE);
  if (route.kind === 'list') return <ClientListPage state={listState} onChange={setListState} />;
  return (
    <Suspense
      fallback={
        <div className="page">
          <LoadingState label="Opening…" />
        </div>
      }
    >
      {route.kind === 'new' && <RegisterClientPage />}
      {route.kind === 'edit' && <EditClientPage key={route.clientId} clientId={route.clientId} />}
      {route.kind === 'chart' && <ChartPage key={route.clientId} clientId={route.clientId} tab={route.tab} />}
      {(route.kind === 'note' || route.kind === 'newNote') && <NotePage route={route} />}
    </Suspense>
  );
}
