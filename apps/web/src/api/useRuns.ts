import { useQuery } from '@tanstack/react-query';
import type { RunStatus, RunView } from '@flowpress/shared';
import { api } from './client';
import { queryKeys } from './keys';
import { asList } from './list';

export interface RunFilter {
  workflowId?: string;
  status?: RunStatus;
}

/** Run history, newest first; refreshes while any listed run is still going. */
export function useRuns(filter: RunFilter = {}) {
  const params = new URLSearchParams();
  if (filter.workflowId) params.set('workflowId', filter.workflowId);
  if (filter.status) params.set('status', filter.status);
  const query = params.toString();
  return useQuery({
    queryKey: queryKeys.runs({ ...filter }),
    queryFn: async ({ signal }) =>
      asList<RunView>(await api<unknown>(`/api/runs${query ? `?${query}` : ''}`, { signal })),
    refetchInterval: (q) =>
      q.state.data?.some((r) => r.status === 'queued' || r.status === 'running') ? 3000 : false,
  });
}
