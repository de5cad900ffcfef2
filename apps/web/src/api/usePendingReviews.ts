import { useQuery } from '@tanstack/react-query';
import { api, isApiError } from './client';
import { queryKeys } from './keys';
import { asList } from './list';

export interface ReviewSummary {
  id: string;
  runId: string;
  workflowId: string;
  nodeId: string;
  status: string;
  content: unknown;
  createdAt: string;
}

/**
 * Pending reviews, or `null` while the server has no reviews endpoint yet (404): callers hide the
 * count instead of showing an error.
 */
export function usePendingReviews() {
  return useQuery({
    queryKey: queryKeys.pendingReviews,
    queryFn: async ({ signal }) => {
      try {
        return asList<ReviewSummary>(await api<unknown>('/api/reviews?status=pending', { signal }));
      } catch (error) {
        if (isApiError(error) && (error.statusCode === 404 || error.statusCode === 403))
          return null;
        throw error;
      }
    },
    refetchInterval: 30_000,
    retry: false,
  });
}
