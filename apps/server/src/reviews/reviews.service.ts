import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { mayDecide, ROLE_RANK, type ReviewDecisionBody } from '@flowpress/shared';
import { reviewDefinition } from '@flowpress/nodes';
import type { AuthUser } from '../auth/auth-user.js';
import { ApiException, ValidationFailed } from '../http/index.js';
import { EngineCore } from '../engine/engine-core.js';
import { EventBus } from '../realtime/event-bus.js';
import { jsonForDb } from '../engine/db-errors.js';
import { nodesToRevise, renderedPrompts } from './revision-plan.js';
import { toReviewView, type ReviewDecisionRecord, type ReviewRow, type ReviewView } from './review-view.js';

const STATUS_OF = { approve: 'approved', reject: 'rejected', request_changes: 'changes_requested' } as const;
const EDITABLE_PORTS: readonly string[] = reviewDefinition.editablePorts ?? [];

export interface ReviewFilter {
  status?: ReviewView['status'];
  workflowId?: string;
  runId?: string;
  /** `me`: assigned to the caller (by id or by role) or to nobody. */
  assignee?: string;
  sort: 'created' | 'due';
  limit: number;
}

/** The review queue: listing, deciding (which resumes the run), and the feedback export. */
@Injectable()
export class ReviewsService {
  constructor(
    private readonly db: DataSource,
    private readonly engine: EngineCore,
    private readonly bus: EventBus,
  ) {}

  async list(filter: ReviewFilter, user: AuthUser): Promise<ReviewView[]> {
    const roles = Object.keys(ROLE_RANK).filter((r) => ROLE_RANK[r as keyof typeof ROLE_RANK] <= ROLE_RANK[user.role]);
    const rows = await this.db.query<ReviewRow[]>(
      `SELECT r.*, w.name AS workflow_name FROM reviews r LEFT JOIN workflows w ON w.id = r.workflow_id
        WHERE ($1::text IS NULL OR r.status = $1)
          AND ($2::uuid IS NULL OR r.workflow_id = $2)
          AND ($3::uuid IS NULL OR r.run_id = $3)
          AND ($4::boolean IS NOT TRUE OR r.assignee IS NULL OR r.assignee = $5 OR r.assignee = ANY($6::text[]))
          AND ($7::text IS NULL OR $7 = 'me' OR r.assignee = $7)
        ORDER BY ${filter.sort === 'due' ? 'r.due_at ASC NULLS LAST, r.created_at ASC' : 'r.created_at ASC'}
        LIMIT $8`,
      [
        filter.status ?? null,
        filter.workflowId ?? null,
        filter.runId ?? null,
        filter.assignee === 'me',
        user.id,
        roles,
        filter.assignee ?? null,
        filter.limit,
      ],
    );
    return rows.map(toReviewView);
  }

  async get(id: string): Promise<ReviewView> {
    const rows = await this.db.query<ReviewRow[]>(
      `SELECT r.*, w.name AS workflow_name FROM reviews r LEFT JOIN workflows w ON w.id = r.workflow_id WHERE r.id = $1`,
      [id],
    );
    if (!rows[0]) throw new ApiException(HttpStatus.NOT_FOUND, 'Review not found');
    return toReviewView(rows[0]);
  }

  /**
   * Records a decision and resumes the run through the queue. Exactly one decision per review
   * (a second is 409); request_changes sends the generating nodes back with the comment.
   */
  async decide(id: string, body: ReviewDecisionBody, user: AuthUser): Promise<ReviewView> {
    if (body.edits && body.action !== 'approve') {
      throw new ValidationFailed('Edits go with approve', [{ path: 'edits', message: 'only an approval can carry edits' }]);
    }
    if (body.edits) {
      const issues = Object.entries(body.edits).flatMap(([port, value]) =>
        !EDITABLE_PORTS.includes(port)
          ? [{ path: `edits.${port}`, message: `not an editable output (use ${EDITABLE_PORTS.join(', ')})` }]
          : port === 'text' && typeof value !== 'string'
            ? [{ path: 'edits.text', message: 'must be a string' }]
            : [],
      );
      if (issues.length) throw new ValidationFailed('Invalid edits', issues);
    }
    if (body.action === 'request_changes' && !body.comment?.trim()) {
      throw new ValidationFailed('Say what to change', [{ path: 'comment', message: 'a comment is required to request changes' }]);
    }

    // Compile (or fetch from cache) before the transaction: the embedded database serves one
    // transaction at a time, so a second connection used inside it would wait forever.
    const located = await this.db.query<{ workflow_id: string; workflow_version: number }[]>(
      `SELECT r.workflow_id, run.workflow_version FROM reviews r JOIN runs run ON run.id = r.run_id WHERE r.id = $1`,
      [id],
    );
    if (!located[0]) throw new ApiException(HttpStatus.NOT_FOUND, 'Review not found');
    const workflow = await this.engine.compiled(located[0].workflow_id, located[0].workflow_version);

    // The review row is this feature's; what the decision does to the run is the engine's, in
    // the same transaction.
    const { review: decided } = await this.engine.resumeAfterDecision(async (sql) => {
      const rows = await sql.query<ReviewRow & { workflow_version: number; vars: Record<string, unknown> }>(
        `SELECT r.*, run.workflow_version, run.vars FROM reviews r JOIN runs run ON run.id = r.run_id
          WHERE r.id = $1 FOR UPDATE OF r`,
        [id],
      );
      const review = rows[0];
      if (!review) throw new ApiException(HttpStatus.NOT_FOUND, 'Review not found');
      if (review.status !== 'pending') {
        throw new ApiException(HttpStatus.CONFLICT, `This review was already decided (${review.status.replace('_', ' ')})`);
      }
      assertMayDecide(review.assignee, user);
      if (body.action === 'request_changes' && review.round > review.max_revisions) {
        throw new ApiException(
          HttpStatus.CONFLICT,
          `This draft has been revised ${review.max_revisions} times, the most this review allows: approve or reject it`,
        );
      }
      const outputs = await this.engine.store.on(sql).nodeOutputs(review.run_id);
      const decision: ReviewDecisionRecord = {
        action: body.action,
        ...(body.comment ? { comment: body.comment } : {}),
        ...(body.edits ? { edits: body.edits } : {}),
        decidedBy: user.id,
        decidedByEmail: user.email,
        prompts: renderedPrompts(workflow, review.node_id, outputs, { feedback: review.vars['feedback'] ?? '' }),
      };
      await sql.query(
        `UPDATE reviews SET status = $2, decision = $3::jsonb, decided_by = $4, decided_at = now() WHERE id = $1`,
        [id, STATUS_OF[body.action], jsonForDb(decision), user.id],
      );
      return {
        review,
        runId: review.run_id,
        ...(body.action === 'request_changes'
          ? { revise: { nodeIds: nodesToRevise(workflow, review.node_id), feedback: body.comment ?? '' } }
          : {}),
      };
    });

    this.bus.publishReview({
      type: 'review.decided',
      reviewId: id,
      runId: decided.run_id,
      workflowId: decided.workflow_id,
      nodeId: decided.node_id,
      status: STATUS_OF[body.action],
      at: new Date().toISOString(),
    });
    return this.get(id);
  }

  /** One JSON line per decision: the preference data a team can tune prompts or models with. */
  async *exportJsonl(filter: { workflowId?: string; from?: Date; to?: Date }): AsyncGenerator<string> {
    let after: { at: Date; id: string } | null = null;
    for (;;) {
      const rows: ReviewRow[] = await this.db.query<ReviewRow[]>(
        `SELECT r.*, w.name AS workflow_name FROM reviews r LEFT JOIN workflows w ON w.id = r.workflow_id
          WHERE r.decided_at IS NOT NULL AND r.decision IS NOT NULL
            AND ($1::uuid IS NULL OR r.workflow_id = $1)
            AND ($2::timestamptz IS NULL OR r.decided_at >= $2)
            AND ($3::timestamptz IS NULL OR r.decided_at < $3)
            AND ($4::timestamptz IS NULL OR (r.decided_at, r.id) > ($4, $5::uuid))
          ORDER BY r.decided_at, r.id LIMIT 500`,
        [filter.workflowId ?? null, filter.from ?? null, filter.to ?? null, after?.at ?? null, after?.id ?? null],
      );
      for (const row of rows) yield `${JSON.stringify(exportLine(row))}\n`;
      if (rows.length < 500) return;
      const last = rows.at(-1)!;
      after = { at: last.decided_at!, id: last.id };
    }
  }
}

function exportLine(row: ReviewRow): Record<string, unknown> {
  const decision = row.decision!;
  const draft = typeof row.content['text'] === 'string' ? row.content['text'] : null;
  const edited = typeof decision.edits?.['text'] === 'string' ? (decision.edits['text'] as string) : null;
  return {
    reviewId: row.id,
    runId: row.run_id,
    workflowId: row.workflow_id,
    workflowName: row.workflow_name ?? null,
    nodeId: row.node_id,
    round: row.round,
    action: decision.action,
    comment: decision.comment ?? null,
    prompts: decision.prompts,
    draft,
    final: decision.action === 'approve' ? (edited ?? draft) : null,
    edited: edited !== null && edited !== draft,
    decidedBy: decision.decidedByEmail,
    decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
  };
}

/** The rule lives in `mayDecide` (shared with the web); here a refusal becomes a 403. */
function assertMayDecide(assignee: string | null, user: AuthUser): void {
  if (mayDecide(assignee, user).ok) return;
  throw new ApiException(HttpStatus.FORBIDDEN, `This review is assigned to ${assignee}`);
}
