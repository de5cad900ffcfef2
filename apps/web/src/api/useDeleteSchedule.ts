import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { scheduleKeys } from './useSchedules';

export function useDeleteSchedule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<unknown>(`/api/schedules/${id}`, { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: scheduleKeys.all }),
  });
}
