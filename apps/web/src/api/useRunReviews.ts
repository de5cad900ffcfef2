import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { queryKeys } from './keys';
import { asList } from './list';
import { reviewQuery, type Review } from './reviewTypes';

/** Every review round of one run, oldest first: who decided what, with which comments. */
export function useRunReviews(runId: string | undefined) {
  return useQuery({
    queryKey: queryKeys.runReviews(runId ?? ''),
    queryFn: async ({ signal }) =>
      asList<Review>(await api<unknown>(reviewQuery({ runId: runId ?? '' }), { signal })),
    enabled: Boolean(runId),
  });
}
