import { useQuery } from '@tanstack/react-query';
import type { ScheduleView } from '@flowpress/shared';
import { api } from './client';
import { asList } from './list';

/** Query keys of schedules (kept here, next to their first hook, so keys.ts stays small). */
export const scheduleKeys = {
  all: ['schedules'] as const,
  list: (workflowId?: string) => ['schedules', 'list', workflowId ?? 'all'] as const,
  preview: (cron: string, timezone: string) => ['schedules', 'preview', cron, timezone] as const,
  runs: (scheduleId: string) => ['schedules', 'runs', scheduleId] as const,
  calendar: (from: string, to: string) => ['schedules', 'calendar', from, to] as const,
};

/**
 * Every schedule (or one workflow's). Refreshes every 15 s so next / last fire stay current, and
 * every 2 s while one is due within a minute (its fire shows up as it happens).
 */
export function useSchedules(workflowId?: string) {
  return useQuery({
    queryKey: scheduleKeys.list(workflowId),
    queryFn: async ({ signal }) =>
      asList<ScheduleView>(
        await api<unknown>(
          workflowId ? `/api/workflows/${workflowId}/schedules` : '/api/schedules',
          {
            signal,
          },
        ),
      ),
    refetchInterval: (q) =>
      q.state.data?.some(
        (s) => s.nextRunAt && new Date(s.nextRunAt).getTime() - Date.now() < 60_000,
      )
        ? 2000
        : 15_000,
  });
}
