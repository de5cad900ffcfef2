import { useQuery } from '@tanstack/react-query';
import type { WorkflowVersionView } from '@flowpress/shared';
import { api } from './client';
import { queryKeys } from './keys';
import { asList } from './list';

export function useWorkflowVersions(id: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.versions(id),
    queryFn: async ({ signal }) =>
      asList<WorkflowVersionView>(await api<unknown>(`/api/workflows/${id}/versions`, { signal })),
    enabled,
  });
}
