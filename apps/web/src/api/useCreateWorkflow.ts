import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateWorkflowBody, WorkflowView } from '@flowpress/shared';
import { api } from './client';
import { queryKeys } from './keys';

export function useCreateWorkflow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateWorkflowBody) =>
      api<WorkflowView>('/api/workflows', { method: 'POST', body }),
    onSuccess: (workflow) => {
      queryClient.setQueryData(queryKeys.workflow(workflow.id), workflow);
      void queryClient.invalidateQueries({ queryKey: queryKeys.workflows, exact: true });
    },
  });
}
