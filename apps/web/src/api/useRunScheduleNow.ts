import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { queryKeys } from './keys';
import { scheduleKeys } from './useSchedules';

/** "Run now": a run with the schedule's inputs. */
export function useRunScheduleNow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<{ id: string }>(`/api/schedules/${id}/run`, { method: 'POST' }),
    onSuccess: (_run, id) => {
      void queryClient.invalidateQueries({ queryKey: scheduleKeys.runs(id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.allRuns });
    },
  });
}
