import { useQuery } from '@tanstack/react-query';
import type { RunView } from '@flowpress/shared';
import { api } from './client';
import { queryKeys } from './keys';

export function fetchRun(id: string, signal?: AbortSignal): Promise<RunView> {
  return api<RunView>(`/api/runs/${id}`, signal ? { signal } : {});
}

export function useRun(id: string | undefined) {
  return useQuery({
    queryKey: queryKeys.run(id ?? ''),
    queryFn: ({ signal }) => fetchRun(id ?? '', signal),
    enabled: Boolean(id),
  });
}
