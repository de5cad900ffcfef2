import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RunView } from '@flowpress/shared';
import { api } from './client';
import { queryKeys } from './keys';

export function useCancelRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (runId: string) => api<RunView>(`/api/runs/${runId}/cancel`, { method: 'POST' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.allRuns }),
  });
}
