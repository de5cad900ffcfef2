import type { ReviewView } from '@flowpress/shared';
import { useQuery } from '@tanstack/react-query';
import { api, isApiError } from './client';
import { queryKeys } from './keys';
import { asList } from './list';
import { readReview, reviewQuery } from './reviewTypes';

/**
 * Reviews waiting for me (assigned to me, to my role, or to nobody) — the navigation badge.
 * `null` while the server has no reviews endpoint (404) or the role may not see it: callers hide
 * the count instead of showing an error. Live updates come from `useReviewEvents`.
 */
export function usePendingReviews(enabled = true) {
  return useQuery({
    queryKey: queryKeys.pendingReviews,
    queryFn: async ({ signal }) => {
      try {
        return asList<ReviewView>(
          await api<unknown>(reviewQuery({ status: 'pending', assignee: 'me' }, 500), { signal }),
        ).map(readReview);
      } catch (error) {
        if (isApiError(error) && (error.statusCode === 404 || error.statusCode === 403))
          return null;
        throw error;
      }
    },
    refetchInterval: 60_000,
    retry: false,
    enabled,
  });
}
