import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UpdateWorkflowBody, WorkflowView } from '@flowpress/shared';
import { api } from './client';
import { queryKeys } from './keys';

export interface UpdateWorkflowInput extends UpdateWorkflowBody {
  id: string;
  /** The version the edit started from; the server refuses (409) if someone saved since. */
  baseVersion: number;
}

/** Saves a new version of a workflow (`PUT /api/workflows/:id`). */
export function useUpdateWorkflow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateWorkflowInput) =>
      api<WorkflowView>(`/api/workflows/${id}`, { method: 'PUT', body }),
    onSuccess: (workflow) => {
      queryClient.setQueryData(queryKeys.workflow(workflow.id), workflow);
      void queryClient.invalidateQueries({ queryKey: queryKeys.workflows, exact: true });
      void queryClient.invalidateQueries({ queryKey: queryKeys.versions(workflow.id) });
    },
  });
}
