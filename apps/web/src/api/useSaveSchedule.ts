import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateScheduleBody, ScheduleView } from '@flowpress/shared';
import { api } from './client';
import { scheduleKeys } from './useSchedules';

/** Creates (no `id`) or changes a schedule; a 400 carries the server's issues. */
export function useSaveSchedule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      workflowId,
      body,
    }: {
      id?: string;
      workflowId: string;
      body: CreateScheduleBody;
    }) =>
      id
        ? api<ScheduleView>(`/api/schedules/${id}`, { method: 'PATCH', body })
        : api<ScheduleView>(`/api/workflows/${workflowId}/schedules`, { method: 'POST', body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: scheduleKeys.all }),
  });
}
