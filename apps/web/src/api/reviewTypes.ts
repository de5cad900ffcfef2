import {
  reviewContentSchema,
  type ReviewContent,
  type ReviewDecisionRecord,
  type ReviewSource,
  type ReviewView,
} from '@flowpress/shared';

/** The review API's shapes: `ReviewView` from the shared package, with its content read. */
export type ReviewStatus = ReviewView['status'];
export type ReviewAction = ReviewDecisionRecord['action'];

/** The content's shape is `reviewContentSchema` in the shared package (the review step writes it). */
export type { ReviewContent, ReviewSource };

export interface ReviewDecision extends ReviewDecisionRecord {
  edits?: { text?: string } & Record<string, unknown>;
}

export interface Review extends Omit<ReviewView, 'content' | 'decision'> {
  content: ReviewContent;
  decision: ReviewDecision | null;
}

/**
 * A review from the API with its content read by the shared schema (the server stores what the
 * review step wrote with that schema); a mismatch is an error the page shows, not a blank draft.
 */
export function readReview(view: ReviewView): Review {
  const content = reviewContentSchema.safeParse(view.content);
  if (!content.success) {
    throw new Error(
      `The content of review ${view.id} could not be read: ${content.error.issues[0]?.message ?? 'bad shape'}`,
    );
  }
  return { ...view, content: content.data, decision: view.decision as ReviewDecision | null };
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
