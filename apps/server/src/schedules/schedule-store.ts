import type { FireOutcome, MissedPolicy, OverlapPolicy, ScheduleFireView } from '@flowpress/shared';
import type { Sql } from '../engine/run-store.js';

/** A schedule row, as the service and the scheduler use it. */
export interface ScheduleRow {
  id: string;
  workflow_id: string;
  workflow_name: string | null;
  /** The workflow's current version; null when the workflow was deleted. */
  workflow_version: number | null;
  name: string | null;
  cron: string | null;
  run_at: Date | null;
  timezone: string;
  inputs: Record<string, unknown>;
  enabled: boolean;
  start_at: Date | null;
  end_at: Date | null;
  overlap: OverlapPolicy;
  missed: MissedPolicy;
  next_run_at: Date | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

interface FireRow {
  id: string;
  schedule_id: string;
  fire_at: Date;
  outcome: FireOutcome;
  reason: string | null;
  run_id: string | null;
  run_status: string | null;
  created_at: Date;
}

export type ScheduleWrite = Pick<
  ScheduleRow,
  | 'name'
  | 'cron'
  | 'run_at'
  | 'timezone'
  | 'inputs'
  | 'enabled'
  | 'start_at'
  | 'end_at'
  | 'overlap'
  | 'missed'
  | 'next_run_at'
>;

const SELECT_SCHEDULE = `
  SELECT s.*, w.name AS workflow_name, w.current_version AS workflow_version
    FROM schedules s LEFT JOIN workflows w ON w.id = s.workflow_id AND w.deleted_at IS NULL`;

/** Statuses in which a run still "holds" its schedule for the overlap policy. */
export const ACTIVE_RUN_STATUSES = ['queued', 'running', 'waiting_review'];

export function toFireView(row: FireRow): ScheduleFireView {
  return {
    id: row.id,
    scheduleId: row.schedule_id,
    fireAt: new Date(row.fire_at).toISOString(),
    outcome: row.outcome,
    reason: row.reason,
    runId: row.run_id,
    runStatus: row.run_status,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** Every SQL statement about schedules and fires. */
export class ScheduleStore {
  constructor(private readonly sql: Sql) {}

  async get(id: string): Promise<ScheduleRow | null> {
    const rows = await this.sql.query<ScheduleRow>(`${SELECT_SCHEDULE} WHERE s.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** The workflow's current version; null when it does not exist or was deleted. */
  async currentVersion(workflowId: string): Promise<number | null> {
    const rows = await this.sql.query<{ current_version: number }>(
      `SELECT current_version FROM workflows WHERE id = $1 AND deleted_at IS NULL`,
      [workflowId],
    );
    return rows[0]?.current_version ?? null;
  }

  async list(filter: { workflowId?: string }): Promise<ScheduleRow[]> {
    return this.sql.query<ScheduleRow>(
      `${SELECT_SCHEDULE} WHERE ($1::uuid IS NULL OR s.workflow_id = $1) ORDER BY s.created_at DESC`,
      [filter.workflowId ?? null],
    );
  }

  async insert(workflowId: string, createdBy: string | null, w: ScheduleWrite): Promise<string> {
    const rows = await this.sql.query<{ id: string }>(
      `INSERT INTO schedules (workflow_id, created_by, name, cron, run_at, timezone, inputs, enabled,
                              start_at, end_at, overlap, missed, next_run_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11, $12, $13) RETURNING id`,
      [workflowId, createdBy, ...writeParams(w)],
    );
    return rows[0]!.id;
  }

  async update(id: string, w: ScheduleWrite): Promise<void> {
    await this.sql.query(
      `UPDATE schedules SET name = $2, cron = $3, run_at = $4, timezone = $5, inputs = $6::jsonb, enabled = $7,
              start_at = $8, end_at = $9, overlap = $10, missed = $11, next_run_at = $12, updated_at = now()
        WHERE id = $1`,
      [id, ...writeParams(w)],
    );
  }

  async delete(id: string): Promise<boolean> {
    const rows = await this.sql.query(`DELETE FROM schedules WHERE id = $1 RETURNING id`, [id]);
    return rows.length > 0;
  }

  /** The most recent fires of each schedule given (up to `perSchedule`), newest first. */
  async recentFires(
    scheduleIds: string[],
    perSchedule: number,
  ): Promise<Map<string, ScheduleFireView[]>> {
    const byId = new Map<string, ScheduleFireView[]>(scheduleIds.map((id) => [id, []]));
    if (!scheduleIds.length) return byId;
    const rows = await this.sql.query<FireRow>(
      `SELECT f.*, r.status AS run_status
         FROM unnest($1::uuid[]) AS s(id)
         CROSS JOIN LATERAL (
           SELECT * FROM schedule_fires f WHERE f.schedule_id = s.id ORDER BY f.fire_at DESC LIMIT $2
         ) f
         LEFT JOIN runs r ON r.id = f.run_id
        ORDER BY f.fire_at DESC`,
      [scheduleIds, perSchedule],
    );
    for (const row of rows) byId.get(row.schedule_id)?.push(toFireView(row));
    return byId;
  }

  async fires(scheduleId: string, limit: number): Promise<ScheduleFireView[]> {
    return (await this.recentFires([scheduleId], limit)).get(scheduleId) ?? [];
  }

  /** Fires recorded in [from, to), at most `perSchedule` of each schedule (newest kept). */
  async firesBetween(from: Date, to: Date, perSchedule: number): Promise<ScheduleFireView[]> {
    const rows = await this.sql.query<FireRow>(
      `SELECT * FROM (
         SELECT f.*, r.status AS run_status,
                row_number() OVER (PARTITION BY f.schedule_id ORDER BY f.fire_at DESC) AS n
           FROM schedule_fires f LEFT JOIN runs r ON r.id = f.run_id
          WHERE f.fire_at >= $1 AND f.fire_at < $2) x
        WHERE n <= $3 ORDER BY fire_at`,
      [from, to, perSchedule],
    );
    return rows.map(toFireView);
  }

  /** Enabled schedules whose next fire is due, oldest first. */
  async due(now: Date, limit: number): Promise<ScheduleRow[]> {
    return this.sql.query<ScheduleRow>(
      `${SELECT_SCHEDULE} WHERE s.enabled AND s.next_run_at IS NOT NULL AND s.next_run_at <= $1
        ORDER BY s.next_run_at LIMIT $2`,
      [now, limit],
    );
  }

  /** When the scheduler must wake next (uses the partial index `schedules_due`). */
  async nextDueAt(): Promise<Date | null> {
    const rows = await this.sql.query<{ at: Date | null }>(
      `SELECT min(next_run_at) AS at FROM schedules WHERE enabled AND next_run_at IS NOT NULL`,
    );
    return rows[0]?.at ? new Date(rows[0].at) : null;
  }

  /** A run of this schedule that still holds it (overlap policy), or null. */
  async activeRun(scheduleId: string): Promise<{ id: string; status: string } | null> {
    const rows = await this.sql.query<{ id: string; status: string }>(
      `SELECT id, status FROM runs WHERE schedule_id = $1 AND status = ANY($2::text[]) ORDER BY created_at LIMIT 1`,
      [scheduleId, ACTIVE_RUN_STATUSES],
    );
    return rows[0] ?? null;
  }

  async setFire(
    fireId: string,
    outcome: FireOutcome,
    reason: string | null,
    runId: string | null = null,
  ): Promise<void> {
    await this.sql.query(
      `UPDATE schedule_fires SET outcome = $2, reason = $3, run_id = coalesce($4, run_id), updated_at = now() WHERE id = $1`,
      [fireId, outcome, reason, runId],
    );
  }

  /** Fires waiting for their schedule's previous run (overlap `queue`) whose run has ended. */
  async releasableQueued(
    limit: number,
  ): Promise<{ id: string; schedule_id: string; fire_at: Date }[]> {
    return this.sql.query(
      `SELECT f.id, f.schedule_id, f.fire_at FROM schedule_fires f
        WHERE f.outcome = 'queued'
          AND NOT EXISTS (SELECT 1 FROM runs r WHERE r.schedule_id = f.schedule_id AND r.status = ANY($1::text[]))
        ORDER BY f.fire_at LIMIT $2`,
      [ACTIVE_RUN_STATUSES, limit],
    );
  }

  async hasQueued(): Promise<boolean> {
    const rows = await this.sql.query(
      `SELECT 1 FROM schedule_fires WHERE outcome = 'queued' LIMIT 1`,
    );
    return rows.length > 0;
  }

  /** Takes a queued fire for this process; false when another process took it first. */
  async takeQueued(fireId: string, owner: string): Promise<boolean> {
    const rows = await this.sql.query(
      `UPDATE schedule_fires SET outcome = 'claimed', claimed_by = $2, updated_at = now()
        WHERE id = $1 AND outcome = 'queued' RETURNING id`,
      [fireId, owner],
    );
    return rows.length > 0;
  }

  /**
   * Claims left `claimed` by a process that stopped between the claim and the run: linked to the
   * run when it was made (the run carries its fire), else recorded as failed — never left hanging.
   */
  async settleStaleClaims(olderThanMs: number): Promise<number> {
    const rows = await this.sql.query(
      `UPDATE schedule_fires f
          SET outcome = CASE WHEN r.id IS NULL THEN 'failed' ELSE 'started' END,
              reason = CASE WHEN r.id IS NULL
                            THEN 'The server stopped after claiming this fire and before creating its run'
                            ELSE f.reason END,
              run_id = r.id, updated_at = now()
         FROM schedule_fires f2
         LEFT JOIN runs r ON r.schedule_id = f2.schedule_id AND r.schedule_fire_at = f2.fire_at
        WHERE f.id = f2.id AND f.outcome = 'claimed' AND f.updated_at < now() - make_interval(secs => $1)
        RETURNING f.id`,
      [olderThanMs / 1000],
    );
    return rows.length;
  }

  async health(): Promise<{ enabled: number; oldestOverdueAt: Date | null }> {
    const rows = await this.sql.query<{ enabled: string; overdue: Date | null }>(
      `SELECT count(*) AS enabled,
              min(next_run_at) FILTER (WHERE next_run_at < now() - interval '30 seconds') AS overdue
         FROM schedules WHERE enabled`,
    );
    const row = rows[0];
    return {
      enabled: Number(row?.enabled ?? 0),
      oldestOverdueAt: row?.overdue ? new Date(row.overdue) : null,
    };
  }
}

function writeParams(w: ScheduleWrite): unknown[] {
  return [
    w.name,
    w.cron,
    w.run_at,
    w.timezone,
    JSON.stringify(w.inputs),
    w.enabled,
    w.start_at,
    w.end_at,
    w.overlap,
    w.missed,
    w.next_run_at,
  ];
}
