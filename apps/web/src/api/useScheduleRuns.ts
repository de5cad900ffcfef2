import { useQuery } from '@tanstack/react-query';
import type { RunView } from '@flowpress/shared';
import { api } from './client';
import { asList } from './list';
import { scheduleKeys } from './useSchedules';

/** The runs a schedule made (fires and "Run now"), newest first. */
export function useScheduleRuns(scheduleId: string, enabled = true) {
  return useQuery({
    queryKey: scheduleKeys.runs(scheduleId),
    queryFn: async ({ signal }) =>
      asList<RunView>(
        await api<unknown>(`/api/runs?scheduleId=${scheduleId}&limit=20`, { signal }),
      ),
    enabled,
    refetchInterval: 5000,
  });
}
