import type { ReviewView } from '@flowpress/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import { queryKeys } from './keys';
import { asList } from './list';
import { readReview, reviewQuery, type ReviewFilter } from './reviewTypes';

/**
 * The review queue with its filters. Kept fresh by `review.created` / `review.decided` over the
 * socket (see `realtime/useReviewEvents`), with a slow poll as a fallback.
 */
export function useReviews(filter: ReviewFilter, enabled = true) {
  return useQuery({
    queryKey: queryKeys.reviews(filter),
    queryFn: async ({ signal }) =>
      asList<ReviewView>(await api<unknown>(reviewQuery(filter), { signal })).map(readReview),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
    enabled,
  });
}
