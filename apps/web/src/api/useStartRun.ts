import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RunStatus } from '@flowpress/shared';
import { api } from './client';
import { queryKeys } from './keys';

export interface StartedRun {
  id: string;
  status: RunStatus;
  workflowVersion: number;
}

export function useStartRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ workflowId, inputs }: { workflowId: string; inputs: Record<string, unknown> }) =>
      api<StartedRun>(`/api/workflows/${workflowId}/runs`, { method: 'POST', body: { inputs } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.allRuns }),
  });
}
