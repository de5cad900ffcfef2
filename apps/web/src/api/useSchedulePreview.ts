import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { SchedulePreview } from '@flowpress/shared';
import { api } from './client';
import { scheduleKeys } from './useSchedules';

/** The description and next 5 fires of a cron as the user types it (debounce the cron first). */
export function useSchedulePreview(cron: string, timezone: string) {
  return useQuery({
    queryKey: scheduleKeys.preview(cron, timezone),
    queryFn: ({ signal }) =>
      api<SchedulePreview>('/api/schedules/preview', {
        method: 'POST',
        body: { cron, timezone, count: 5 },
        signal,
      }),
    enabled: cron.trim().length > 0 && timezone.length > 0,
    placeholderData: keepPreviousData,
    retry: false,
  });
}
