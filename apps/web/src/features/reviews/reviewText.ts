import type { UserView } from '@flowpress/shared';
import type { Review, ReviewStatus } from '../../api/reviewTypes';
import { plainText } from '../../ui/plainText';

export const REVIEW_STATUS_LABEL: Record<ReviewStatus, string> = {
  pending: 'Waiting for review',
  approved: 'Approved',
  rejected: 'Rejected',
  changes_requested: 'Changes requested',
  canceled: 'Canceled',
};

export const REVIEW_STATUS_COLOR: Record<ReviewStatus, string> = {
  pending: 'yellow',
  approved: 'green',
  rejected: 'red',
  changes_requested: 'orange',
  canceled: 'gray',
};

/** A headline for the draft: its first heading or first sentence, else what kind of content it is. */
export function reviewTitle(review: Pick<Review, 'content'>, max = 90): string {
  const { text, images, json } = review.content ?? {};
  if (typeof text === 'string' && text.trim()) {
    const heading = /^#{1,3}\s+(.+)$/m.exec(text)?.[1];
    const first = (
      heading ??
      plainText(text)
        .split('\n')
        .find((l) => l.trim()) ??
      ''
    ).trim();
    const line = plainText(first).replace(/\s+/g, ' ').trim();
    if (line) return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
  }
  if (Array.isArray(images) && images.length)
    return images.length === 1 ? 'An image to review' : `${images.length} images to review`;
  if (json !== undefined && json !== null) return 'Structured data to review';
  return 'Draft to review';
}

/** "First draft", then "Revision 1 of 3" … after each request for changes. */
export function roundLabel(round: number, maxRevisions: number): string {
  if (round <= 1) return 'First draft';
  return `Revision ${round - 1} of ${maxRevisions}`;
}

/** The server allows "request changes" while the round is at most `maxRevisions`. */
export function mayRequestChanges(review: Pick<Review, 'round' | 'maxRevisions'>): boolean {
  return review.round <= review.maxRevisions;
}

export function revisionsLeft(review: Pick<Review, 'round' | 'maxRevisions'>): number {
  return Math.max(0, review.maxRevisions - review.round + 1);
}

export interface DueInfo {
  label: string;
  tone: 'overdue' | 'soon' | 'later';
}

function span(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} days`;
}

/** The SLA as people read it: "Due in 3 h", "Due in 20 min", "Overdue by 2 h". */
export function dueInfo(dueAt: string | null | undefined, now = Date.now()): DueInfo | null {
  if (!dueAt) return null;
  const due = new Date(dueAt).getTime();
  if (Number.isNaN(due)) return null;
  const left = due - now;
  if (left < 0) return { label: `Overdue by ${span(-left)}`, tone: 'overdue' };
  return { label: `Due in ${span(left)}`, tone: left < 60 * 60_000 ? 'soon' : 'later' };
}

const ROLE_GROUP: Record<string, string> = {
  reviewer: 'Reviewers',
  editor: 'Editors',
  admin: 'Admins',
  viewer: 'Viewers',
};

/** Who the review waits for, in words: "Anyone", "You", "Editors", or the person. */
export function assigneeLabel(assignee: string | null, me: UserView | undefined): string {
  if (!assignee) return 'Anyone who reviews';
  if (me && (assignee === me.id || assignee.toLowerCase() === me.email.toLowerCase())) return 'You';
  return ROLE_GROUP[assignee] ?? assignee;
}

export function isDecided(review: Pick<Review, 'status'>): boolean {
  return review.status !== 'pending';
}
