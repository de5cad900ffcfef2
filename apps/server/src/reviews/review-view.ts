import type { ReviewDecisionRecord, ReviewView } from '@flowpress/shared';

export type { ReviewDecisionRecord, ReviewView };

export interface ReviewRow {
  id: string;
  run_id: string;
  workflow_id: string;
  workflow_name?: string | null;
  node_id: string;
  status: ReviewView['status'];
  content: Record<string, unknown>;
  instructions: string | null;
  assignee: string | null;
  round: number;
  max_revisions: number;
  due_at: Date | null;
  created_at: Date;
  decided_at: Date | null;
  decided_by: string | null;
  decision: ReviewDecisionRecord | null;
}

export function toReviewView(row: ReviewRow): ReviewView {
  return {
    id: row.id,
    runId: row.run_id,
    workflowId: row.workflow_id,
    workflowName: row.workflow_name ?? null,
    nodeId: row.node_id,
    status: row.status,
    content: row.content,
    instructions: row.instructions,
    assignee: row.assignee,
    round: row.round,
    maxRevisions: row.max_revisions,
    dueAt: row.due_at ? new Date(row.due_at).toISOString() : null,
    createdAt: new Date(row.created_at).toISOString(),
    decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
    decidedBy: row.decided_by,
    decision: row.decision,
  };
}
