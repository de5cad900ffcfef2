import type { ReviewView } from '@flowpress/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { queryKeys } from './keys';
import { readReview } from './reviewTypes';

export function useReview(id: string | undefined) {
  return useQuery({
    queryKey: queryKeys.review(id ?? ''),
    queryFn: async ({ signal }) =>
      readReview(await api<ReviewView>(`/api/reviews/${id}`, { signal })),
    enabled: Boolean(id),
  });
}
