import { z } from 'zod';

/** Schedules (CONTRACT §2 `/schedules`): request bodies the server validates, and its answers. */

export const overlapPolicySchema = z.enum(['skip', 'queue', 'allow']);
export type OverlapPolicy = z.infer<typeof overlapPolicySchema>;
export const missedPolicySchema = z.enum(['skip', 'run_once']);
export type MissedPolicy = z.infer<typeof missedPolicySchema>;

const isoDate = z.iso.datetime({ offset: true });

/** Shared by create and update; a schedule has either `cron` (repeating) or `runAt` (one-shot). */
const scheduleFields = {
  name: z.string().trim().max(200).nullable().optional(),
  /** 5 fields, or 6 with seconds first. */
  cron: z.string().trim().min(1).max(200).nullable().optional(),
  /** A one-shot schedule: fires once at this instant (the calendar moves it by drag). */
  runAt: isoDate.nullable().optional(),
  /** IANA zone the cron is read in, e.g. `Europe/Berlin`. */
  timezone: z.string().trim().min(1).max(100).optional(),
  inputs: z.record(z.string(), z.unknown()).optional(),
  enabled: z.boolean().optional(),
  startAt: isoDate.nullable().optional(),
  endAt: isoDate.nullable().optional(),
  overlap: overlapPolicySchema.optional(),
  missed: missedPolicySchema.optional(),
};

export const createScheduleBodySchema = z.object(scheduleFields).strict();
export type CreateScheduleBody = z.infer<typeof createScheduleBodySchema>;
export const updateScheduleBodySchema = z.object(scheduleFields).strict();
export type UpdateScheduleBody = z.infer<typeof updateScheduleBodySchema>;

export const schedulePreviewBodySchema = z
  .object({
    cron: z.string().trim().min(1).max(200),
    timezone: z.string().trim().min(1).max(100).default('UTC'),
    /** Fires after this instant (default now). */
    from: isoDate.optional(),
    count: z.number().int().min(1).max(50).default(5),
  })
  .strict();
export type SchedulePreviewBody = z.input<typeof schedulePreviewBodySchema>;

/** One fire time: the instant, and the wall-clock time in the schedule's zone. */
export interface FireTime {
  at: string;
  /** `2027-03-28 03:00 GMT+2`-style text in the schedule's zone. */
  local: string;
}

export interface SchedulePreview {
  description: string;
  timezone: string;
  fires: FireTime[];
}

/**
 * What became of one fire: `started` (a run was created), `skipped` (overlap policy), `queued`
 * (waits for the previous run), `missed` (the server was down, or the fire was overtaken),
 * `failed` (could not start: workflow deleted, inputs invalid …), `claimed` (being started now).
 */
export type FireOutcome = 'claimed' | 'started' | 'skipped' | 'queued' | 'missed' | 'failed';

export interface ScheduleFireView {
  id: string;
  scheduleId: string;
  fireAt: string;
  outcome: FireOutcome;
  reason: string | null;
  runId: string | null;
  /** The run's status, when the fire made one. */
  runStatus: string | null;
  createdAt: string;
}

export interface ScheduleView {
  id: string;
  workflowId: string;
  workflowName: string | null;
  name: string | null;
  cron: string | null;
  runAt: string | null;
  timezone: string;
  inputs: Record<string, unknown>;
  enabled: boolean;
  startAt: string | null;
  endAt: string | null;
  overlap: OverlapPolicy;
  missed: MissedPolicy;
  /** null: disabled, past its end, or a one-shot that already fired. */
  nextRunAt: string | null;
  /** The next 5 fires in the schedule's zone (empty when nothing is coming). */
  nextFires: FireTime[];
  description: string;
  lastFire: ScheduleFireView | null;
  /** The last three fires all failed (could not start, or their runs failed). */
  failing: boolean;
  /** Why the current workflow version no longer accepts the saved inputs; null when it does. */
  inputsProblem: string | null;
  createdAt: string;
  updatedAt: string;
}

/** `GET /api/health` → `scheduler`. */
export interface SchedulerHealth {
  enabledSchedules: number;
  /** The oldest fire that is due but has not happened (more than 30 s late); null when none. */
  oldestOverdueAt: string | null;
}

/** `GET /api/schedules/calendar?from=&to=`: fires planned (upcoming) and made (past) in a range. */
export interface CalendarFire {
  scheduleId: string;
  workflowId: string;
  workflowName: string | null;
  scheduleName: string | null;
  description: string;
  at: string;
  /** A one-shot (`runAt`) schedule: the calendar may move it to another day. */
  oneShot: boolean;
  /** `planned` for an upcoming fire; else what became of it. */
  outcome: FireOutcome | 'planned';
  runId: string | null;
}
