import { useQuery } from '@tanstack/react-query';
import type { WorkflowView } from '@flowpress/shared';
import { api } from './client';
import { queryKeys } from './keys';
import { asList } from './list';

export function useWorkflows() {
  return useQuery({
    queryKey: queryKeys.workflows,
    queryFn: async ({ signal }) =>
      asList<WorkflowView>(await api<unknown>('/api/workflows', { signal })),
  });
}
