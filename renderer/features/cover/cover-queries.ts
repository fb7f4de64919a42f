// The covers the signed-in person arranged, holds or gave (the owner: all), for the home screen.
import { queryOptions } from '@tanstack/react-query';
import { call } from '../../api.ts';

export const COVERS_KEY = ['cover', 'list'] as const;

export const coversQuery = queryOptions({
  queryKey: COVERS_KEY,
  queryFn: () => call('cover.listCovers', {}),
  // Main's clock ends a cover; the card follows within a minute.
  refetchInterval: 60_000,
});
