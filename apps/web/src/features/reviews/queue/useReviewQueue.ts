import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { ROLE_RANK } from '@flowpress/shared';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useExportFeedback } from '../../../api/useExportFeedback';
import { useMe } from '../../../api/useMe';
import { useReviews } from '../../../api/useReviews';
import { downloadText } from '../../../lib/download';
import { useNow } from '../../../ui/useNow';
import {
  ordered,
  queueSearch,
  readQueueParams,
  toFilter,
  writeQueueParams,
  type QueueParams,
} from '../queueParams';
import { dueInfo } from '../reviewText';

export type ReviewQueue = ReturnType<typeof useReviewQueue>;

/**
 * The review queue's state: filters in the address, the ordered list, the J/K cursor, which rows
 * arrived live (they flash once), the overdue count and the feedback export.
 */
export function useReviewQueue() {
  const [params, setParams] = useSearchParams();
  const q = readQueueParams(params);
  const reviews = useReviews(toFilter(q));
  const me = useMe();
  const navigate = useNavigate();
  const exporter = useExportFeedback();
  const now = useNow(true, 30_000);
  const [cursor, setCursor] = useState(-1);
  const list = useMemo(
    () => (reviews.data ? ordered(reviews.data, q) : undefined),
    [reviews.data, q],
  );
  // What the first answer held: rows that arrive later (live) flash once.
  const [baseline, setBaseline] = useState<Set<string> | null>(null);
  if (baseline === null && list && reviews.isSuccess && !reviews.isPlaceholderData) {
    setBaseline(new Set(list.map((r) => r.id)));
  }

  const search = queueSearch(q);
  const hrefOf = (id: string) => `/reviews/${id}${search}`;
  const change = (next: QueueParams) => {
    setCursor(-1);
    setBaseline(null);
    setParams(writeQueueParams(next), { replace: true });
  };

  const rows = list ?? [];
  useHotkeys([
    ['j', () => setCursor((c) => Math.min(rows.length - 1, c + 1))],
    ['k', () => setCursor((c) => Math.max(0, c - 1))],
    [
      'Enter',
      () => {
        const r = rows[cursor];
        if (r) void navigate(hrefOf(r.id));
      },
    ],
  ]);

  const mayExport = me.data ? ROLE_RANK[me.data.role] >= ROLE_RANK.editor : false;
  const exportFeedback = () =>
    exporter.mutate(q.workflowId ? { workflowId: q.workflowId } : {}, {
      onSuccess: (text) => {
        const lines = text.split('\n').filter(Boolean).length;
        downloadText('flowpress-review-feedback.jsonl', text, 'application/x-ndjson');
        notifications.show({
          color: 'green',
          title: 'Feedback downloaded',
          message: `${lines} ${lines === 1 ? 'decision' : 'decisions'} with the prompt, the draft and the final text.`,
        });
      },
      onError: (e) =>
        notifications.show({ color: 'red', title: 'Could not export', message: e.message }),
    });

  const overdue = rows.filter(
    (r) => r.status === 'pending' && dueInfo(r.dueAt, now)?.tone === 'overdue',
  ).length;

  return {
    q,
    change,
    reviews: { ...reviews, data: list },
    me: me.data,
    now,
    cursor,
    hrefOf,
    isFresh: (id: string) => baseline !== null && !baseline.has(id),
    overdue,
    mayExport,
    exportFeedback,
    exporting: exporter.isPending,
  };
}
