import type { ReviewView } from '@flowpress/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { queryKeys } from './keys';
import { asList } from './list';
import { readReview, reviewQuery } from './reviewTypes';

/** Every review round of one run, oldest first: who decided what, with which comments. */
export function useRunReviews(runId: string | undefined) {
  return useQuery({
    queryKey: queryKeys.runReviews(runId ?? ''),
    queryFn: async ({ signal }) =>
      asList<ReviewView>(await api<unknown>(reviewQuery({ runId: runId ?? '' }), { signal })).map(
        readReview,
      ),
    enabled: Boolean(runId),
  });
}
