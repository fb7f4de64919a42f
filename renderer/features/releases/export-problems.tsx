// The owner's list of exports that need a person: a package left in a hidden folder on a drive
// Stillwater could not reach (never recorded as sent: delete it), or a package recorded as sent
// that is no longer where it was written.
import { useQuery } from '@tanstack/react-query';
import { call } from '../../api.ts';
import { Banner } from '../../ui/banner.tsx';
import { releaseHref } from './release-routes.ts';

export function ExportProblems() {
  const problems = useQuery({
    queryKey: ['releases', 'pendingProblems'],
    queryFn: () => call('releases.pendingProblems', {}),
  });
  const list = problems.data ?? [];
  if (list.length === 0) return null;
  return (
    <Banner
      tone="warning"
      title={
        list.length === 1
          ? 'An export needs your attention'
          : `${String(list.length)} exports need your attention`
      }
    >
      <ul className="export-problems">
        {list.map((p) => (
          <li key={`${p.requestId}:${p.message}`}>
            {p.message}{' '}
            <a className="text-link" href={releaseHref(p.requestId)}>
              Open the request
            </a>
          </li>
        ))}
      </ul>
    </Banner>
  );
}
