import { useQuery } from '@tanstack/react-query';
import type { UserView } from '@flowpress/shared';
import { api } from './client';
import { queryKeys } from './keys';

export function useMe() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: ({ signal }) => api<UserView>('/api/me', { signal }),
    staleTime: 5 * 60_000,
  });
}
