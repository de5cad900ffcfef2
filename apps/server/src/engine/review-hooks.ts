import type { ResumeState } from '@flowpress/nodes';
import { reviewPayloadSchema } from '@flowpress/shared';
import type { ClaimedRun, Sql } from './run-store.js';
import type { ReviewHooks } from './run-execution.js';

/**
 * Reviews as the engine sees them: a row opened when a review node suspends, and the decision
 * read back when the run resumes. The reviews feature owns the API and the decisions.
 */
export class SqlReviewHooks implements ReviewHooks {
  constructor(
    private readonly sql: Sql,
    private readonly onOpened: (review: {
      id: string;
      runId: string;
      workflowId: string;
      nodeId: string;
    }) => void,
  ) {}

  async open(
    run: ClaimedRun,
    nodeId: string,
    payload: Record<string, unknown>,
    round: number,
  ): Promise<string> {
    // The review step writes this payload with the same schema; a mismatch is a bug worth naming.
    const parsed = reviewPayloadSchema.safeParse(payload);
    if (!parsed.success) {
      throw new Error(
        `Step "${nodeId}" paused for review with content the review cannot show: ${parsed.error.message}`,
      );
    }
    const { content, maxRevisions } = parsed.data;
    const instructions = parsed.data.instructions ?? null;
    const assignee = parsed.data.assignee ?? null;
    const dueHours = parsed.data.dueInHours ?? null;
    const rows = await this.sql.query<{ id: string }>(
      `INSERT INTO reviews (run_id, workflow_id, node_id, round, content, instructions, assignee, max_revisions, due_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8,
               CASE WHEN $9::float8 IS NULL THEN NULL ELSE now() + $9::float8 * interval '1 hour' END)
       RETURNING id`,
      [
        run.id,
        run.workflowId,
        nodeId,
        round,
        JSON.stringify(content),
        instructions,
        assignee,
        maxRevisions,
        dueHours,
      ],
    );
    const id = rows[0]!.id;
    this.onOpened({ id, runId: run.id, workflowId: run.workflowId, nodeId });
    return id;
  }

  async decision(runId: string, nodeId: string): Promise<ResumeState | null> {
    const rows = await this.sql.query<{
      status: string;
      decision: Record<string, unknown> | null;
      content: Record<string, unknown>;
    }>(
      `SELECT status, decision, content FROM reviews
        WHERE run_id = $1 AND node_id = $2 ORDER BY round DESC, created_at DESC LIMIT 1`,
      [runId, nodeId],
    );
    const row = rows[0];
    if (!row || row.status === 'pending' || !row.decision) return null;
    return { decision: row.status, payload: { ...row.decision, content: row.content } };
  }
}
