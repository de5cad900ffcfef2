import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { queryKeys } from './keys';
import type { Review } from './reviewTypes';

export function useReview(id: string | undefined) {
  return useQuery({
    queryKey: queryKeys.review(id ?? ''),
    queryFn: ({ signal }) => api<Review>(`/api/reviews/${id}`, { signal }),
    enabled: Boolean(id),
  });
}
