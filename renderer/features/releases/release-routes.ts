// Addresses inside Releases: the list (#/releases), a new request (#/releases/new) and one
// request (#/releases/<id>).
import { hrefFor } from '../../app/use-hash-path.ts';

export type ReleasesRoute = { kind: 'list' } | { kind: 'new' } | { kind: 'request'; requestId: string };

export function parseReleasesPath(path: string): ReleasesRoute {
  const [, id] = path.split('/');
  if (!id) return { kind: 'list' };
  if (id === 'new') return { kind: 'new' };
  return { kind: 'request', requestId: id };
}

export const releasesHref = hrefFor('releases');
export const newReleaseHref = hrefFor('releases/new');
export const releaseHref = (requestId: string): string => hrefFor(`releases/${requestId}`);
