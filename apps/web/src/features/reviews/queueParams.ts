import type { ReviewFilter, ReviewStatus } from '../../api/reviewTypes';

export type StatusView = ReviewStatus | 'all';

/** The queue's filters as they live in the address (`/reviews?status=…`), shared with the review screen. */
export interface QueueParams {
  status: StatusView;
  /** `me`: assigned to me, my role or nobody; `all`: everyone's. */
  who: 'me' | 'all';
  workflowId: string | null;
  /** `created`: oldest first; `newest`: newest first; `due`: soonest due first. */
  sort: 'created' | 'newest' | 'due';
}

export const DEFAULT_QUEUE: QueueParams = {
  status: 'pending',
  who: 'me',
  workflowId: null,
  sort: 'created',
};

const STATUSES: StatusView[] = [
  'pending',
  'approved',
  'changes_requested',
  'rejected',
  'canceled',
  'all',
];

export function readQueueParams(params: URLSearchParams): QueueParams {
  const status = params.get('status') as StatusView | null;
  const who = params.get('who');
  const sort = params.get('sort');
  return {
    status: status && STATUSES.includes(status) ? status : DEFAULT_QUEUE.status,
    who: who === 'all' ? 'all' : 'me',
    workflowId: params.get('workflow') || null,
    sort: sort === 'due' || sort === 'newest' ? sort : 'created',
  };
}

/** Only what differs from the defaults, so plain `/reviews` stays plain. */
export function writeQueueParams(q: QueueParams): URLSearchParams {
  const params = new URLSearchParams();
  if (q.status !== DEFAULT_QUEUE.status) params.set('status', q.status);
  if (q.who !== DEFAULT_QUEUE.who) params.set('who', q.who);
  if (q.workflowId) params.set('workflow', q.workflowId);
  if (q.sort !== DEFAULT_QUEUE.sort) params.set('sort', q.sort);
  return params;
}

export function queueSearch(q: QueueParams): string {
  const s = writeQueueParams(q).toString();
  return s ? `?${s}` : '';
}

export function toFilter(q: QueueParams): ReviewFilter {
  return {
    ...(q.status !== 'all' ? { status: q.status } : {}),
    ...(q.who === 'me' ? { assignee: 'me' as const } : {}),
    ...(q.workflowId ? { workflowId: q.workflowId } : {}),
    sort: q.sort === 'due' ? 'due' : 'created',
  };
}

/** The server sorts oldest first (or by due time); "newest first" is the same list reversed. */
export function ordered<T>(list: readonly T[], q: QueueParams): T[] {
  return q.sort === 'newest' ? [...list].reverse() : [...list];
}

/** The neighbours of a review in the queue, for `j` / `k`. */
export function neighbours<T extends { id: string }>(
  list: readonly T[],
  id: string,
): { index: number; previous: T | null; next: T | null } {
  const index = list.findIndex((r) => r.id === id);
  if (index < 0) return { index, previous: null, next: list[0] ?? null };
  return { index, previous: list[index - 1] ?? null, next: list[index + 1] ?? null };
}
