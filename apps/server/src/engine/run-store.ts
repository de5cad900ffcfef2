import { randomFillSync } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { jsonForDb, LeaseLostError } from './db-errors.js';
import { isoAt } from './iso-time.js';
import {
  createMany,
  finishMany,
  type CreateEntry,
  type CreateRow,
  type FinishEntry,
  type FinishResult,
} from './group-statements.js';
import { WriteGroup } from './write-group.js';
import type {
  NodeError,
  NodeOutput,
  NodeStatus,
  RunStatus,
  RunView,
  Usage,
  NodeRunView,
  WorkflowGraph,
} from '@flowpress/shared';

/**
 * The one seam between the engine and SQL: the pg pool or a transaction's connection. `name`
 * asks for a prepared (named) statement: parsed and planned once per connection, then only bound
 * and executed. Only constant texts may be named (a name is bound to its text per connection).
 */
export interface Sql {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], name?: string): Promise<T[]>;
}

export interface NodeState {
  nodeId: string;
  type: string;
  status: NodeStatus;
  output: NodeOutput | null;
  error: NodeError | null;
  attempts: number;
  usage: Usage | null;
  round: number;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface ClaimedRun {
  id: string;
  workflowId: string;
  workflowVersion: number;
  inputs: Record<string, unknown>;
  vars: Record<string, unknown>;
  lastSeq: number;
  cancelRequested: boolean;
  /** How the run stood before this claim: a fresh start, a resume after review, or recovery. */
  previousStatus: RunStatus;
  previousOwner: string | null;
  wasStarted: boolean;
  /** The run's own fields as stored, so the pass can answer with its final state unread. */
  stored: StoredRunFields;
}

/** What a run view needs beyond what the pass itself computes. */
export interface StoredRunFields {
  trigger: RunView['trigger'];
  scheduleId: string | null;
  fireAt: string | null;
  createdBy: string | null;
  createdAt: string;
  startedAt: string | null;
}

interface RunRow {
  id: string;
  workflow_id: string;
  workflow_version: number;
  status: RunStatus;
  trigger: RunView['trigger'];
  schedule_id: string | null;
  schedule_fire_at: Date | null;
  inputs: Record<string, unknown>;
  error: NodeError | null;
  usage: Usage | null;
  last_seq: number;
  created_by: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  nodes?: NodeRow[];
}

interface NodeRow {
  node_id: string;
  type: string;
  status: NodeStatus;
  output: NodeOutput | null;
  error: NodeError | null;
  attempts: number;
  usage: Usage | null;
  round: number;
  started_at: Date | string | null;
  finished_at: Date | string | null;
}

const iso = (d: Date | string | null): string | null =>
  d === null ? null : isoAt(typeof d === 'string' ? Date.parse(d) : d.getTime());
const json = (v: unknown): string | null => (v === null || v === undefined ? null : jsonForDb(v));

/**
 * run_nodes from $2, a JSON array of node states (`nodeRows`), written only where the fence `r`
 * returned the run: `r` is the run row's own `UPDATE ... WHERE lease_owner = <this worker>
 * RETURNING`, so a worker whose lease was taken over updates no run row and therefore no node row
 * (the UPDATE waits for a concurrent writer of the row and re-checks the owner on its newest
 * version). The run row's update is the lock: no separate `SELECT ... FOR UPDATE`, which wrote a
 * row lock (and its WAL record) on the same row just before updating it.
 *
 * One jsonb parameter instead of nine arrays: its row estimate (jsonb_to_recordset's 100) is the
 * same whether the plan is custom or generic, so the prepared statement settles on its generic
 * plan; with unnest() of array parameters a custom plan (3 rows) always looked cheaper than the
 * generic one (10 rows per array), and the statement was planned again on every execution.
 */
const UPDATE_NODES_AFTER_FENCE = `
  n AS (
    UPDATE run_nodes t SET status = x.status, output = x.output, error = x.error,
           attempts = x.attempts, usage = x.usage, round = x.round,
           started_at = x.started_at, finished_at = x.finished_at
      FROM r, jsonb_to_recordset($2::jsonb)
           AS x(node_id text, status text, output jsonb, error jsonb, attempts int, usage jsonb,
                round int, started_at timestamptz, finished_at timestamptz)
     WHERE t.run_id = r.id AND t.node_id = x.node_id)`;

/** The JSON array `UPDATE_NODES_AFTER_FENCE` reads (nulls and dates as jsonb_to_recordset takes them). */
function nodeRows(states: NodeState[]): string {
  return jsonForDb(
    states.map((s) => ({
      node_id: s.nodeId,
      status: s.status,
      output: s.output ?? null,
      error: s.error ?? null,
      attempts: s.attempts,
      usage: s.usage ?? null,
      round: s.round,
      // As ISO text already: a Date makes JSON.stringify call its toJSON, ≈ 1 µs a date.
      started_at: iso(s.startedAt),
      finished_at: iso(s.finishedAt),
    })),
  );
}

/**
 * The finish: settles (or parks) the run under the fence and writes the node states in $2. A
 * settled run and a parked one are two texts: the terminal finish (the hot path) then carries no
 * review check, which a generic plan would have to cost for every run (a custom plan folds it
 * away), so it too settles on its generic plan. A run about to park whose reviews were all
 * decided meanwhile goes back to `queued` instead (the decision found it still running).
 */
const finishSql = (park: boolean) => `
  WITH r AS (
    UPDATE runs r SET
           status = ${park ? `CASE WHEN NOT EXISTS (SELECT 1 FROM reviews v WHERE v.run_id = $1 AND v.status = 'pending') THEN 'queued' ELSE $3 END` : '$3'},
           error = $4::jsonb, usage = $5::jsonb, last_seq = $6,
           finished_at = ${park ? 'NULL' : 'now()'}, lease_owner = NULL, lease_until = NULL
     WHERE r.id = $1 AND r.lease_owner = $7
    RETURNING r.id, r.status, r.finished_at
  ), ${UPDATE_NODES_AFTER_FENCE}
  SELECT status, finished_at FROM r`;
const FINISH_SQL = finishSql(false);
const PARK_SQL = finishSql(true);

/**
 * A run id: a time-ordered UUID (version 7, RFC 9562: 48 bits of Unix milliseconds, then 74
 * random bits). The column's default (gen_random_uuid, version 4) scatters every insert over the
 * whole of runs_pkey and run_nodes_pkey (whose first column is the run id); ids that grow with
 * time land on the rightmost leaf pages, which stay in cache and are logged in full only once per
 * checkpoint — random ones cost a full-page image in the WAL on most inserts after a checkpoint.
 */
export function newRunId(now = Date.now()): string {
  return uuidv7({ msecs: now, random: random16() });
}

/**
 * 16 random bytes, from a pool refilled once every 256 ids. Left to itself uuid asks webcrypto's
 * `getRandomValues` for every id — a synchronous crypto job per 16 bytes, ≈ 2 µs alone and up to
 * ≈ 20 µs a run in the server's profile (2 % of a run without a model call).
 */
const RANDOM_POOL = new Uint8Array(16 * 256);
let poolOffset = RANDOM_POOL.length;
function random16(): Uint8Array {
  if (poolOffset === RANDOM_POOL.length) {
    randomFillSync(RANDOM_POOL);
    poolOffset = 0;
  }
  return RANDOM_POOL.subarray(poolOffset, (poolOffset += 16));
}

export const EMPTY_USAGE: Usage = { inputTokens: 0, outputTokens: 0, totalTokens: 0, images: 0 };

/**
 * Every SQL statement of a run's life. The hot path is: one insert (run + node rows), one claim,
 * one write per node checkpoint (node row + the run's seq in one statement), one finish.
 */
export class RunStore {
  /** Concurrent runs' inserts and terminal finishes written together (write-group.ts); off on a transaction. */
  private readonly creates: WriteGroup<CreateEntry, CreateRow | null> | null;
  private readonly finishes: WriteGroup<FinishEntry, FinishResult> | null;

  constructor(
    private readonly sql: Sql,
    options: { groupWrites?: boolean } = {},
  ) {
    const group = options.groupWrites === true;
    this.creates = group
      ? new WriteGroup(
          (e) => this.createOne(e),
          (es) => createMany(sql, es),
        )
      : null;
    this.finishes = group
      ? new WriteGroup(
          (e) => this.finishOne(e),
          (es) => finishMany(sql, es),
        )
      : null;
  }

  /**
   * Inserts a run of `workflowVersion` with its node rows — only if that is still the workflow's
   * current version, checked in the same statement (the version may come from a cache, and a
   * save in another process never reaches this one's cache). Otherwise nothing is written and the
   * answer says which version is current (`null`: the workflow is gone).
   *
   * With `claimFor` the run is inserted already claimed by that worker (`running` under its
   * lease), as `claim` would leave it: the worker that will execute it saves the claim statement.
   */
  async createRun(input: {
    workflowId: string;
    workflowVersion: number;
    inputs: Record<string, unknown>;
    trigger: RunView['trigger'];
    /** With `trigger: 'schedule'`: which schedule and fire made the run. */
    schedule?: { id: string; fireAt: Date | null };
    createdBy: string | null;
    nodes: { id: string; type: string }[];
    claimFor?: { owner: string; leaseMs: number };
  }): Promise<
    { id: string; createdAt: Date; claimed: ClaimedRun | null } | { current: number | null }
  > {
    const entry: CreateEntry = {
      id: newRunId(),
      workflowId: input.workflowId,
      workflowVersion: input.workflowVersion,
      trigger: input.trigger,
      inputs: jsonForDb(input.inputs),
      createdBy: input.createdBy,
      scheduleId: input.schedule?.id ?? null,
      fireAt: input.schedule?.fireAt ?? null,
      owner: input.claimFor?.owner ?? null,
      leaseMs: input.claimFor?.leaseMs ?? 0,
      nodeIds: input.nodes.map((n) => n.id),
      nodeTypes: input.nodes.map((n) => n.type),
    };
    const row = await (this.creates ? this.creates.write(entry) : this.createOne(entry));
    if (!row) return { current: null };
    if (row.id === null || row.created_at === null) return { current: row.current_version };
    const claimed: ClaimedRun | null = input.claimFor
      ? {
          id: row.id,
          workflowId: input.workflowId,
          workflowVersion: input.workflowVersion,
          inputs: row.inputs ?? {},
          vars: {},
          lastSeq: 1,
          cancelRequested: false,
          // What `claim` reports for a run taken from the queue before it ever started.
          previousStatus: 'queued',
          previousOwner: null,
          wasStarted: false,
          stored: {
            trigger: input.trigger,
            scheduleId: input.schedule?.id ?? null,
            fireAt: iso(input.schedule?.fireAt ?? null),
            createdBy: input.createdBy,
            createdAt: iso(row.created_at)!,
            startedAt: iso(row.started_at),
          },
        }
      : null;
    return { id: row.id, createdAt: row.created_at, claimed };
  }

  /** One run's insert in its own statement (see `createRun`). */
  private async createOne(e: CreateEntry): Promise<CreateRow | null> {
    const rows = await this.sql.query<CreateRow>(
      `WITH w AS (
         SELECT current_version FROM workflows WHERE id = $1 AND deleted_at IS NULL
       ), r AS (
         INSERT INTO runs (id, workflow_id, workflow_version, status, trigger, inputs, created_by, last_seq,
                           schedule_id, schedule_fire_at, lease_owner, lease_until, started_at)
         SELECT $12::uuid, $1, $2, CASE WHEN $10::text IS NULL THEN 'queued' ELSE 'running' END, $3, $4::jsonb,
                $5, 1, $8, $9, $10,
                CASE WHEN $10::text IS NULL THEN NULL ELSE now() + $11 * interval '1 millisecond' END,
                CASE WHEN $10::text IS NULL THEN NULL ELSE now() END
           FROM w WHERE w.current_version = $2
         RETURNING id, created_at, started_at, inputs
       ), n AS (
         INSERT INTO run_nodes (run_id, node_id, type)
         SELECT r.id, x.node_id, x.type FROM r, unnest($6::text[], $7::text[]) AS x(node_id, type)
       )
       SELECT w.current_version, r.id, r.created_at, r.started_at, r.inputs FROM w LEFT JOIN r ON true`,
      [
        e.workflowId,
        e.workflowVersion,
        e.trigger,
        e.inputs,
        e.createdBy,
        e.nodeIds,
        e.nodeTypes,
        e.scheduleId,
        e.fireAt,
        e.owner,
        e.leaseMs,
        e.id,
      ],
      'fp_create_run',
    );
    return rows[0] ?? null;
  }

  /**
   * Takes a run for this worker if nobody else holds a live lease on it. `force` ignores other
   * leases (the embedded deployment at start-up: any lease then belongs to a dead process).
   */
  async claim(
    runId: string,
    owner: string,
    leaseMs: number,
    force = false,
  ): Promise<ClaimedRun | 'busy' | null> {
    const rows = await this.sql.query<{
      id: string;
      workflow_id: string;
      workflow_version: number;
      inputs: Record<string, unknown>;
      vars: Record<string, unknown>;
      last_seq: number;
      cancel_requested: boolean;
      prev_status: RunStatus;
      prev_owner: string | null;
      prev_started: Date | null;
      trigger: RunView['trigger'];
      schedule_id: string | null;
      schedule_fire_at: Date | null;
      created_by: string | null;
      created_at: Date;
      started_at: Date;
    }>(
      `UPDATE runs r
          SET status = 'running', lease_owner = $2,
              lease_until = now() + $3 * interval '1 millisecond',
              started_at = coalesce(r.started_at, now())
         FROM (SELECT id, status AS prev_status, lease_owner AS prev_owner, started_at AS prev_started
                 FROM runs WHERE id = $1 FOR UPDATE) old
        WHERE r.id = old.id
          AND r.status IN ('queued', 'running')
          AND ($4::boolean OR r.lease_owner IS NULL OR r.lease_owner = $2 OR r.lease_until < now())
        RETURNING r.id, r.workflow_id, r.workflow_version, r.inputs, r.vars, r.last_seq,
                  r.cancel_requested, old.prev_status, old.prev_owner, old.prev_started,
                  r.trigger, r.schedule_id, r.schedule_fire_at, r.created_by, r.created_at, r.started_at`,
      [runId, owner, leaseMs, force],
      'fp_claim',
    );
    const row = rows[0];
    if (!row) {
      // Not claimable: either nothing to do (ended, parked, gone) or another worker holds it.
      const other = await this.sql.query<{ n: number }>(
        `SELECT 1 AS n FROM runs WHERE id = $1 AND status IN ('queued', 'running')`,
        [runId],
      );
      return other.length ? 'busy' : null;
    }
    return {
      id: row.id,
      workflowId: row.workflow_id,
      workflowVersion: row.workflow_version,
      inputs: row.inputs,
      vars: row.vars,
      lastSeq: row.last_seq,
      cancelRequested: row.cancel_requested,
      previousStatus: row.prev_status,
      previousOwner: row.prev_owner,
      wasStarted: row.prev_started !== null,
      stored: {
        trigger: row.trigger,
        scheduleId: row.schedule_id ?? null,
        fireAt: iso(row.schedule_fire_at ?? null),
        createdBy: row.created_by,
        createdAt: iso(row.created_at)!,
        startedAt: iso(row.started_at),
      },
    };
  }

  async loadNodes(runId: string): Promise<NodeState[]> {
    const rows = await this.sql.query<NodeRow>(
      `SELECT node_id, type, status, output, error, attempts, usage, round, started_at, finished_at
         FROM run_nodes WHERE run_id = $1`,
      [runId],
    );
    return rows.map(toNodeState);
  }

  /** One statement: the nodes' checkpoints, the run's seq, and a fresh lease — if the lease is still ours. */
  async checkpoint(
    runId: string,
    owner: string,
    states: NodeState[],
    lastSeq: number,
    leaseMs: number,
  ): Promise<void> {
    const rows = await this.sql.query(
      `WITH r AS (
         UPDATE runs r SET last_seq = GREATEST(r.last_seq, $3), lease_until = now() + $4 * interval '1 millisecond'
          WHERE r.id = $1 AND r.lease_owner = $5
         RETURNING r.id
       ), ${UPDATE_NODES_AFTER_FENCE}
       SELECT id FROM r`,
      [runId, nodeRows(states), lastSeq, leaseMs, owner],
      'fp_checkpoint',
    );
    if (!rows.length) throw new LeaseLostError(runId);
  }

  /**
   * Settles (or parks) a run, writing any node states not yet checkpointed in the same statement,
   * if the lease is still `owner`'s. A run about to park whose reviews were all decided meanwhile
   * goes back to `queued` instead (the decision found it still running): returns the status set.
   */
  async finish(
    runId: string,
    owner: string,
    status: Extract<RunStatus, 'succeeded' | 'failed' | 'canceled' | 'waiting_review'>,
    fields: { error: NodeError | null; usage: Usage; lastSeq: number },
    states: NodeState[] = [],
  ): Promise<FinishResult> {
    if (status === 'waiting_review') {
      const rows = await this.sql.query<{ status: RunStatus; finished_at: Date | null }>(
        PARK_SQL,
        [
          runId,
          nodeRows(states),
          status,
          json(fields.error),
          JSON.stringify(fields.usage),
          fields.lastSeq,
          owner,
        ],
        'fp_park',
      );
      if (!rows[0]) throw new LeaseLostError(runId);
      return { status: rows[0].status, finishedAt: rows[0].finished_at };
    }
    const entry: FinishEntry = {
      runId,
      owner,
      status,
      error: json(fields.error),
      usage: JSON.stringify(fields.usage),
      lastSeq: fields.lastSeq,
      nodes: nodeRows(states),
    };
    return this.finishes ? this.finishes.write(entry) : this.finishOne(entry);
  }

  /** One run's terminal finish in its own statement. */
  private async finishOne(entry: FinishEntry): Promise<FinishResult> {
    const rows = await this.sql.query<{ status: RunStatus; finished_at: Date | null }>(
      FINISH_SQL,
      [
        entry.runId,
        entry.nodes,
        entry.status,
        entry.error,
        entry.usage,
        entry.lastSeq,
        entry.owner,
      ],
      'fp_finish',
    );
    if (!rows[0]) throw new LeaseLostError(entry.runId);
    return { status: rows[0].status, finishedAt: rows[0].finished_at };
  }

  /** Settles a run this worker claimed but could not start (its workflow will not compile). */
  async failUnstarted(
    runId: string,
    owner: string,
    error: NodeError,
    lastSeq: number,
  ): Promise<void> {
    await this.finish(runId, owner, 'failed', { error, usage: EMPTY_USAGE, lastSeq });
  }

  /** Lets go of a run mid-flight (shutdown) so the next worker resumes it at once. */
  async release(runId: string, owner: string, lastSeq: number): Promise<void> {
    await this.sql.query(
      `UPDATE runs SET lease_owner = NULL, lease_until = NULL, last_seq = GREATEST(last_seq, $2)
        WHERE id = $1 AND lease_owner = $3`,
      [runId, lastSeq, owner],
    );
  }

  /** The same statements on another connection (a transaction the caller holds). */
  on(sql: Sql): RunStore {
    return new RunStore(sql);
  }

  /** The version a new run of the workflow pins; null when the workflow is gone. */
  async currentVersion(workflowId: string): Promise<number | null> {
    const rows = await this.sql.query<{ current_version: number }>(
      `SELECT current_version FROM workflows WHERE id = $1 AND deleted_at IS NULL`,
      [workflowId],
    );
    return rows[0]?.current_version ?? null;
  }

  async versionGraph(workflowId: string, version: number): Promise<WorkflowGraph | null> {
    const rows = await this.sql.query<{ graph: WorkflowGraph }>(
      `SELECT graph FROM workflow_versions WHERE workflow_id = $1 AND version = $2`,
      [workflowId, version],
    );
    return rows[0]?.graph ?? null;
  }

  /** Outputs of the run's nodes that have one (what a review decision records as prompts). */
  async nodeOutputs(runId: string): Promise<Record<string, NodeOutput>> {
    const rows = await this.sql.query<{ node_id: string; output: NodeOutput | null }>(
      `SELECT node_id, output FROM run_nodes WHERE run_id = $1 AND output IS NOT NULL`,
      [runId],
    );
    return Object.fromEntries(rows.map((r) => [r.node_id, r.output!]));
  }

  /**
   * A decided review puts its run back in the queue; `revise` sends the generating nodes back
   * with the reviewer's comment as `vars.feedback`. Meant for the decision's own transaction.
   */
  async reopenAfterDecision(
    runId: string,
    revise: { nodeIds: string[]; feedback: string } | null,
  ): Promise<void> {
    if (revise) {
      await this.sql.query(
        `UPDATE run_nodes SET status = 'pending', output = NULL, error = NULL, finished_at = NULL
          WHERE run_id = $1 AND node_id = ANY($2::text[])`,
        [runId, revise.nodeIds],
      );
      await this.sql.query(`UPDATE runs SET vars = vars || $2::jsonb WHERE id = $1`, [
        runId,
        jsonForDb({ feedback: revise.feedback }),
      ]);
    }
    await this.sql.query(
      `UPDATE runs SET status = 'queued' WHERE id = $1 AND status = 'waiting_review'`,
      [runId],
    );
  }

  async closeOpenReviews(runId: string, status: 'canceled'): Promise<void> {
    await this.sql.query(
      `UPDATE reviews SET status = $2 WHERE run_id = $1 AND status = 'pending'`,
      [runId, status],
    );
  }

  /** Keeps this worker's leases alive while long nodes run. */
  async renewLeases(owner: string, leaseMs: number): Promise<void> {
    await this.sql.query(
      // SKIP LOCKED: a run whose row is being written now (its checkpoint renews the lease
      // itself; a finish ends it) is left alone, so this statement never waits for a finish of
      // several runs while holding rows that finish wants (a deadlock: docs/adr/0004, point 6).
      `UPDATE runs SET lease_until = now() + $2 * interval '1 millisecond'
        WHERE id IN (SELECT id FROM runs WHERE lease_owner = $1 AND status = 'running'
                        FOR UPDATE SKIP LOCKED)`,
      [owner, leaseMs],
    );
  }

  /** Runs nobody is working on: queued, or running under a lease that lapsed (or any lease). */
  async orphanedRuns(anyLease: boolean): Promise<string[]> {
    const rows = await this.sql.query<{ id: string }>(
      `SELECT id FROM runs
        WHERE status IN ('queued', 'running')
          AND ($1::boolean OR lease_owner IS NULL OR lease_until < now())
        ORDER BY created_at`,
      [anyLease],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Cancels a run that no worker holds (queued or waiting for review) in one statement, or marks
   * a running one so its worker stops. Returns the run's status after, and the seq to use.
   */
  async requestCancel(
    runId: string,
  ): Promise<{ status: RunStatus; lastSeq: number; direct: boolean } | null> {
    const rows = await this.sql.query<{ status: RunStatus; last_seq: number; direct: boolean }>(
      `UPDATE runs SET
          cancel_requested = true,
          status = CASE WHEN status IN ('queued', 'waiting_review') THEN 'canceled' ELSE status END,
          finished_at = CASE WHEN status IN ('queued', 'waiting_review') THEN now() ELSE finished_at END,
          last_seq = CASE WHEN status IN ('queued', 'waiting_review') THEN last_seq + 1 ELSE last_seq END
        WHERE id = $1
        RETURNING status, last_seq, (status = 'canceled') AS direct`,
      [runId],
    );
    const row = rows[0];
    return row ? { status: row.status, lastSeq: row.last_seq, direct: row.direct } : null;
  }

  async getRun(runId: string): Promise<RunView | null> {
    const rows = await this.sql.query<RunRow>(
      `SELECT r.*, coalesce((SELECT json_agg(n) FROM run_nodes n WHERE n.run_id = r.id), '[]'::json) AS nodes
         FROM runs r WHERE r.id = $1`,
      [runId],
      'fp_get_run',
    );
    return rows[0] ? toRunView(rows[0]) : null;
  }

  async listRuns(filter: {
    workflowId?: string;
    status?: RunStatus;
    trigger?: RunView['trigger'];
    scheduleId?: string;
    limit: number;
    before?: Date;
  }): Promise<RunView[]> {
    const rows = await this.sql.query<RunRow>(
      `SELECT r.*, coalesce((SELECT json_agg(n) FROM run_nodes n WHERE n.run_id = r.id), '[]'::json) AS nodes
         FROM runs r
        WHERE ($1::uuid IS NULL OR r.workflow_id = $1)
          AND ($2::text IS NULL OR r.status = $2)
          AND ($3::timestamptz IS NULL OR r.created_at < $3)
          AND ($5::text IS NULL OR r.trigger = $5)
          AND ($6::uuid IS NULL OR r.schedule_id = $6)
        ORDER BY r.created_at DESC
        LIMIT $4`,
      [
        filter.workflowId ?? null,
        filter.status ?? null,
        filter.before ?? null,
        filter.limit,
        filter.trigger ?? null,
        filter.scheduleId ?? null,
      ],
    );
    return rows.map(toRunView);
  }
}

function toNodeState(row: NodeRow): NodeState {
  return {
    nodeId: row.node_id,
    type: row.type,
    status: row.status,
    output: row.output,
    error: row.error,
    attempts: row.attempts,
    usage: row.usage,
    round: row.round,
    startedAt: row.started_at === null ? null : new Date(row.started_at),
    finishedAt: row.finished_at === null ? null : new Date(row.finished_at),
  };
}

export function nodeStateToView(state: NodeState): NodeRunView {
  return {
    nodeId: state.nodeId,
    type: state.type,
    status: state.status,
    output: state.output,
    error: state.error,
    startedAt: iso(state.startedAt),
    finishedAt: iso(state.finishedAt),
    attempts: state.attempts,
    usage: state.usage,
  };
}

function toRunView(row: RunRow): RunView {
  return {
    id: row.id,
    workflowId: row.workflow_id,
    workflowVersion: row.workflow_version,
    status: row.status,
    inputs: row.inputs,
    error: row.error,
    usage: row.usage ?? EMPTY_USAGE,
    createdAt: iso(row.created_at)!,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    createdBy: row.created_by,
    trigger: row.trigger,
    scheduleId: row.schedule_id ?? null,
    fireAt: iso(row.schedule_fire_at ?? null),
    lastSeq: row.last_seq,
    nodes: (row.nodes ?? []).map((n) => nodeStateToView(toNodeState(n))),
  };
}
