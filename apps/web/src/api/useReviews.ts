import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import { queryKeys } from './keys';
import { asList } from './list';
import { reviewQuery, type Review, type ReviewFilter } from './reviewTypes';

/**
 * The review queue with its filters. Kept fresh by `review.created` / `review.decided` over the
 * socket (see `realtime/useReviewEvents`), with a slow poll as a fallback.
 */
export function useReviews(filter: ReviewFilter, enabled = true) {
  return useQuery({
    queryKey: queryKeys.reviews(filter),
    queryFn: async ({ signal }) =>
      asList<Review>(await api<unknown>(reviewQuery(filter), { signal })),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
    enabled,
  });
}
