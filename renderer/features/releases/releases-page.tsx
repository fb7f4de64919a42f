// Releases: the list of requests, a new request, and one request, by address (#/releases,
// #/releases/new, #/releases/<id>). The request screens load on first use.
import { lazy, Suspense } from 'react';
import { useHashPath } from '../../app/use-hash-path.ts';
import { LoadingState } from '../../ui/spinner.tsx';
import { ReleaseListPage } from './release-list-page.tsx';
import { parseReleasesPath } from './release-routes.ts';

const ReleasePage = lazy(async () => ({ default: (await import('./release-page.tsx')).ReleasePage }));
const NewReleasePage = lazy(async () => ({
  default: (await import('./new-release-page.tsx')).NewReleasePage,
}));

export function ReleasesPage() {
  const route = parseReleasesPath(useHashPath());
  if (route.kind === 'list') return <ReleaseListPage />;
  return (
    <Suspense
      fallback={
        <div className="page">
          <LoadingState label="Opening…" />
        </div>
      }
    >
      {route.kind === 'new' && <NewReleasePage />}
      {route.kind === 'request' && <ReleasePage key={route.requestId} requestId={route.requestId} />}
    </Suspense>
  );
}
