// Queries of the review of a reviewable denial: the designated reviewing official, and a release's
// reviews. A change refreshes both and the due list.
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { call } from '../../api.ts';
import { DUE_KEY } from '../rights/due-queries.ts';

export const REVIEW_SETTINGS_KEY = ['denialReviews', 'settings'] as const;
export const reviewSettingsQuery = queryOptions({
  queryKey: REVIEW_SETTINGS_KEY,
  queryFn: () => call('denials.reviewSettings', {}),
});

export const releaseReviewsKey = (requestId: string) => ['denialReviews', 'ofRelease', requestId] as const;
export const releaseReviewsQuery = (requestId: string) =>
  queryOptions({
    queryKey: releaseReviewsKey(requestId),
    queryFn: () => call('denials.reviewsOfRelease', { requestId }),
  });

/** After a review changed: the reviews, the release (a reversal reopens it) and the due list. */
export async function reviewChanged(queryClient: QueryClient): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: ['denialReviews'] }),
    queryClient.invalidateQueries({ queryKey: ['releases'] }),
    queryClient.invalidateQueries({ queryKey: DUE_KEY }),
  ]);
}
