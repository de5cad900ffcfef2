import type { RunStatus } from '@flowpress/shared';
import { LeaseLostError } from './db-errors.js';
import type { Sql } from './run-store.js';

/*
 * The statements that write several runs at once (`WriteGroup`, docs/adr/0004 point 6). Each
 * does per run exactly what its single-run statement in run-store.ts does, keyed by run id. The
 * entries come as one JSON array (`jsonb_to_recordset`), and the run or workflow ids once more as
 * a `uuid[]`: jsonb_to_recordset is estimated at 100 rows, and a generic plan joined on it alone
 * hash-joined a sequential scan of `runs` (BENCHMARKS.md); `= ANY($2)` keeps every lookup on a
 * primary key whatever the plan.
 */

/** One run's terminal finish, its JSON parts already encoded (`jsonForDb`). */
export interface FinishEntry {
  runId: string;
  owner: string;
  status: Extract<RunStatus, 'succeeded' | 'failed' | 'canceled'>;
  /** `fields.error` as JSON text, or null. */
  error: string | null;
  /** `fields.usage` as JSON text. */
  usage: string;
  lastSeq: number;
  /** The node states still to write, as the JSON array text `nodeRows` makes. */
  nodes: string;
}

export interface FinishResult {
  status: RunStatus;
  finishedAt: Date | null;
}

export const FINISH_GROUP_SQL = `
  WITH b AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb)
      AS b(id uuid, owner text, status text, error jsonb, usage jsonb, last_seq int, nodes jsonb)
  ), r AS (
    UPDATE runs r SET status = b.status, error = b.error, usage = b.usage, last_seq = b.last_seq,
           finished_at = now(), lease_owner = NULL, lease_until = NULL
      FROM b
     WHERE r.id = ANY($2::uuid[]) AND r.id = b.id AND r.lease_owner = b.owner
    RETURNING r.id, r.status, r.finished_at
  ), n AS (
    UPDATE run_nodes t SET status = x.status, output = x.output, error = x.error,
           attempts = x.attempts, usage = x.usage, round = x.round,
           started_at = x.started_at, finished_at = x.finished_at
      FROM r JOIN b ON b.id = r.id,
           jsonb_to_recordset(b.nodes)
           AS x(node_id text, status text, output jsonb, error jsonb, attempts int, usage jsonb,
                round int, started_at timestamptz, finished_at timestamptz)
     WHERE t.run_id = ANY($2::uuid[]) AND t.run_id = r.id AND t.node_id = x.node_id)
  SELECT id, status, finished_at FROM r`;

/** Finishes `entries` in one statement; a run its fence refused gets `LeaseLostError`. */
export async function finishMany(
  sql: Sql,
  entries: FinishEntry[],
): Promise<(FinishResult | Error)[]> {
  let json = '[';
  entries.forEach((e, i) => {
    json +=
      `${i ? ',' : ''}{"id":${JSON.stringify(e.runId)},"owner":${JSON.stringify(e.owner)},` +
      `"status":"${e.status}","error":${e.error ?? 'null'},"usage":${e.usage},` +
      `"last_seq":${e.lastSeq},"nodes":${e.nodes}}`;
  });
  const rows = await sql.query<{ id: string; status: RunStatus; finished_at: Date | null }>(
    FINISH_GROUP_SQL,
    [json + ']', entries.map((e) => e.runId)],
    'fp_finish_group',
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return entries.map((e) => {
    const row = byId.get(e.runId);
    return row ? { status: row.status, finishedAt: row.finished_at } : new LeaseLostError(e.runId);
  });
}

/** One new run, as the single insert takes it (`inputs` as JSON text already). */
export interface CreateEntry {
  id: string;
  workflowId: string;
  workflowVersion: number;
  trigger: string;
  inputs: string;
  createdBy: string | null;
  scheduleId: string | null;
  fireAt: Date | null;
  /** Set: inserted already claimed by this worker for `leaseMs`. */
  owner: string | null;
  leaseMs: number;
  nodeIds: string[];
  nodeTypes: string[];
}

/** What the insert answers: no row when the workflow is gone, `id: null` when its version moved on. */
export interface CreateRow {
  current_version: number;
  id: string | null;
  created_at: Date | null;
  started_at: Date | null;
  inputs: Record<string, unknown> | null;
}

export const CREATE_GROUP_SQL = `
  WITH b AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb)
      AS b(id uuid, workflow_id uuid, workflow_version int, trigger text, inputs jsonb,
           created_by uuid, schedule_id uuid, schedule_fire_at timestamptz, owner text,
           lease_ms int, node_ids text[], node_types text[])
  ), w AS (
    SELECT id, current_version FROM workflows WHERE id = ANY($2::uuid[]) AND deleted_at IS NULL
  ), r AS (
    INSERT INTO runs (id, workflow_id, workflow_version, status, trigger, inputs, created_by, last_seq,
                      schedule_id, schedule_fire_at, lease_owner, lease_until, started_at)
    SELECT b.id, b.workflow_id, b.workflow_version,
           CASE WHEN b.owner IS NULL THEN 'queued' ELSE 'running' END, b.trigger, b.inputs,
           b.created_by, 1, b.schedule_id, b.schedule_fire_at, b.owner,
           CASE WHEN b.owner IS NULL THEN NULL ELSE now() + b.lease_ms * interval '1 millisecond' END,
           CASE WHEN b.owner IS NULL THEN NULL ELSE now() END
      FROM b JOIN w ON w.id = b.workflow_id AND w.current_version = b.workflow_version
    RETURNING id, created_at, started_at, inputs
  ), n AS (
    INSERT INTO run_nodes (run_id, node_id, type)
    SELECT r.id, x.node_id, x.type
      FROM r JOIN b ON b.id = r.id, unnest(b.node_ids, b.node_types) AS x(node_id, type)
  )
  SELECT b.id AS key, w.current_version, r.id, r.created_at, r.started_at, r.inputs
    FROM b LEFT JOIN w ON w.id = b.workflow_id LEFT JOIN r ON r.id = b.id`;

/** Inserts `entries` in one statement, each answered as its single insert would be. */
export async function createMany(sql: Sql, entries: CreateEntry[]): Promise<(CreateRow | null)[]> {
  let json = '[';
  entries.forEach((e, i) => {
    json +=
      `${i ? ',' : ''}{"id":${JSON.stringify(e.id)},"workflow_id":${JSON.stringify(e.workflowId)},` +
      `"workflow_version":${e.workflowVersion},"trigger":${JSON.stringify(e.trigger)},` +
      `"inputs":${e.inputs},"created_by":${JSON.stringify(e.createdBy)},` +
      `"schedule_id":${JSON.stringify(e.scheduleId)},"schedule_fire_at":${JSON.stringify(e.fireAt)},` +
      `"owner":${JSON.stringify(e.owner)},"lease_ms":${e.leaseMs},` +
      `"node_ids":${JSON.stringify(e.nodeIds)},"node_types":${JSON.stringify(e.nodeTypes)}}`;
  });
  const rows = await sql.query<CreateRow & { key: string; current_version: number | null }>(
    CREATE_GROUP_SQL,
    [json + ']', [...new Set(entries.map((e) => e.workflowId))]],
    'fp_create_group',
  );
  const byKey = new Map(rows.map((row) => [row.key, row]));
  return entries.map((e) => {
    const row = byKey.get(e.id);
    if (!row || row.current_version === null) return null;
    return {
      current_version: row.current_version,
      id: row.id,
      created_at: row.created_at,
      started_at: row.started_at,
      inputs: row.inputs,
    };
  });
}
