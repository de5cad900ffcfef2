import { useQuery } from '@tanstack/react-query';
import type { WorkflowView } from '@flowpress/shared';
import { api } from './client';
import { queryKeys } from './keys';

export function useWorkflow(id: string | undefined) {
  return useQuery({
    queryKey: queryKeys.workflow(id ?? ''),
    queryFn: ({ signal }) => api<WorkflowView>(`/api/workflows/${id}`, { signal }),
    enabled: Boolean(id),
    // The editor holds its own copy; refetching on focus would not change it.
    refetchOnWindowFocus: false,
  });
}
