import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { WorkflowView } from '@flowpress/shared';
import { api } from './client';
import { queryKeys } from './keys';

/** Restores an old version as the newest one (`POST /api/workflows/:id/versions/:v/restore`). */
export function useRestoreVersion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api<WorkflowView>(`/api/workflows/${id}/versions/${version}/restore`, { method: 'POST' }),
    onSuccess: (workflow) => {
      queryClient.setQueryData(queryKeys.workflow(workflow.id), workflow);
      void queryClient.invalidateQueries({ queryKey: queryKeys.versions(workflow.id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.workflows, exact: true });
    },
  });
}
