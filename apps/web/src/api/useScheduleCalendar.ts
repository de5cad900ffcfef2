import { useQuery } from '@tanstack/react-query';
import type { CalendarFire } from '@flowpress/shared';
import { api } from './client';
import { asList } from './list';
import { scheduleKeys } from './useSchedules';

/** Planned and past schedule fires in [from, to) for the content calendar. */
export function useScheduleCalendar(from: string, to: string) {
  return useQuery({
    queryKey: scheduleKeys.calendar(from, to),
    queryFn: async ({ signal }) =>
      asList<CalendarFire>(
        await api<unknown>(
          `/api/schedules/calendar?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
          { signal },
        ),
      ),
    refetchInterval: 30_000,
  });
}
