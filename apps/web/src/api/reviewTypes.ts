import type { ReviewDecisionRecord, ReviewView } from '@flowpress/shared';
import type { ImageRef } from '../ui/AssetImage';

/** The review API's shapes: `ReviewView` from the shared package, with its content read. */
export type ReviewStatus = ReviewView['status'];
export type ReviewAction = ReviewDecisionRecord['action'];

export interface ReviewSource {
  content: string;
  title?: string;
  score?: number;
  documentId?: string;
  /** From a knowledge-search step: where the passage sits and which ranking found it. */
  position?: { start: number; end: number; headings: string[] };
  method?: 'fulltext' | 'vector' | 'hybrid';
}

/** Everything the review step received: the draft, images, structured data, retrieved sources. */
export interface ReviewContent {
  text?: string;
  images?: ImageRef[];
  json?: unknown;
  sources?: ReviewSource[];
}

export interface ReviewDecision extends ReviewDecisionRecord {
  edits?: { text?: string } & Record<string, unknown>;
}

export interface Review extends Omit<ReviewView, 'content' | 'decision'> {
  content: ReviewContent;
  decision: ReviewDecision | null;
}

export interface ReviewFilter {
  status?: ReviewStatus;
  workflowId?: string;
  runId?: string;
  /** `me`: assigned to me, to my role, or to nobody. */
  assignee?: 'me';
  sort?: 'created' | 'due';
}

export function reviewQuery(filter: ReviewFilter, limit = 200): string {
  const params = new URLSearchParams();
  if (filter.status) params.set('status', filter.status);
  if (filter.workflowId) params.set('workflowId', filter.workflowId);
  if (filter.runId) params.set('runId', filter.runId);
  if (filter.assignee) params.set('assignee', filter.assignee);
  if (filter.sort) params.set('sort', filter.sort);
  params.set('limit', String(limit));
  return `/api/reviews?${params.toString()}`;
}
