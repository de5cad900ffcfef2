import type { SchedulerHealth } from '@flowpress/shared';
import type { Sql } from '../engine/run-store.js';
import { ScheduleStore } from './schedule-store.js';

/** `GET /api/health` → `scheduler`: read from the table, so any instance reports the whole fleet. */
export async function schedulerHealth(sql: Sql): Promise<SchedulerHealth> {
  const h = await new ScheduleStore(sql).health();
  return { enabledSchedules: h.enabled, oldestOverdueAt: h.oldestOverdueAt?.toISOString() ?? null };
}
