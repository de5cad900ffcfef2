import type { RunStatus } from '@flowpress/shared';
import { LeaseLostError } from './db-errors.js';
import type { Sql } from './run-store.js';

/** One run's terminal finish, its JSON parts already encoded (the store's `jsonForDb`). */
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

/** No more runs than this in one statement (its JSON parameter stays small). */
const MAX_GROUP = 32;

/**
 * The finishes of several runs in one statement: the same fence (each run row's own UPDATE
 * `WHERE lease_owner = <its owner>`) and the same node-row writes as the single finish, keyed by
 * run. The ids come twice, also as a `uuid[]`: jsonb_to_recordset is estimated at 100 rows, and
 * a generic plan joined on it alone hash-joins a sequential scan of `runs` (measured:
 * BENCHMARKS.md); `= ANY($2)` keeps both UPDATEs on their primary keys whatever the plan.
 */
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

interface Pending {
  entry: FinishEntry;
  resolve: (result: FinishResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for the runs' terminal finishes (docs/adr/0004): while one finish statement is
 * on its way, the finishes that arrive wait and then go together in one statement — one parse,
 * one plan, one commit and one round trip for all of them. A run finishing alone (the sequential
 * case) goes at once, through the single-run statement, as before.
 *
 * Durability is the single finish's: each run's row and node rows commit in the statement that
 * answers its caller, and nothing is published before that. A statement that fails rolls back
 * every run in it; then each run is written on its own, so an error (a permanent one: data the
 * database refuses) stays the run's own, as does a lost lease.
 */
export class FinishGroup {
  private readonly waiting: Pending[] = [];
  private writing = false;

  constructor(
    private readonly sql: Sql,
    /** The single-run finish (the statement a run finishing alone takes). */
    private readonly one: (entry: FinishEntry) => Promise<FinishResult>,
  ) {}

  async finish(entry: FinishEntry): Promise<FinishResult> {
    if (this.writing) {
      return new Promise<FinishResult>((resolve, reject) => {
        this.waiting.push({ entry, resolve, reject });
      });
    }
    // Alone: straight to the single-run statement, no more JavaScript than before grouping.
    this.writing = true;
    try {
      return await this.one(entry);
    } finally {
      this.writing = false;
      if (this.waiting.length) void this.drain();
    }
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length) await this.write(this.waiting.splice(0, MAX_GROUP));
    } finally {
      this.writing = false;
    }
  }

  /** Settles every pending finish of `group`; never throws. */
  private async write(group: Pending[]): Promise<void> {
    if (group.length === 1) return this.alone(group[0]!);
    let rows: { id: string; status: RunStatus; finished_at: Date | null }[];
    try {
      rows = await this.sql.query(
        FINISH_GROUP_SQL,
        [groupJson(group), group.map((p) => p.entry.runId)],
        'fp_finish_group',
      );
    } catch {
      // Rolled back whole: each run on its own, so each gets its own outcome.
      await Promise.all(group.map((p) => this.alone(p)));
      return;
    }
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const { entry, resolve, reject } of group) {
      const row = byId.get(entry.runId);
      if (row) resolve({ status: row.status, finishedAt: row.finished_at });
      else reject(new LeaseLostError(entry.runId));
    }
  }

  private async alone({ entry, resolve, reject }: Pending): Promise<void> {
    try {
      resolve(await this.one(entry));
    } catch (error) {
      reject(error);
    }
  }
}

/** The group as the JSON array `FINISH_GROUP_SQL` reads: the parts are JSON text already. */
function groupJson(group: Pending[]): string {
  let json = '[';
  for (let i = 0; i < group.length; i++) {
    const e = group[i]!.entry;
    json +=
      `${i ? ',' : ''}{"id":${JSON.stringify(e.runId)},"owner":${JSON.stringify(e.owner)},` +
      `"status":"${e.status}","error":${e.error ?? 'null'},"usage":${e.usage},` +
      `"last_seq":${e.lastSeq},"nodes":${e.nodes}}`;
  }
  return json + ']';
}
