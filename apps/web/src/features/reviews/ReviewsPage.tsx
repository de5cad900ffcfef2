import { Alert, Button, EmptyState, Group, Paper, Skeleton, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconChecklist, IconDownload } from '@tabler/icons-react';
import { ROLE_RANK } from '@flowpress/shared';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useExportFeedback } from '../../api/useExportFeedback';
import { useMe } from '../../api/useMe';
import { useReviews } from '../../api/useReviews';
import { downloadText } from '../../lib/download';
import { PageHeader } from '../../ui/PageHeader';
import { useNow } from '../../ui/useNow';
import { ReviewRow } from './queue/ReviewRow';
import { QueueFilters } from './queue/QueueFilters';
import {
  ordered,
  queueSearch,
  readQueueParams,
  toFilter,
  writeQueueParams,
  type QueueParams,
} from './queueParams';
import { dueInfo } from './reviewText';
import { useStepLabel } from './useStepLabel';
import classes from './Reviews.module.css';

function emptyText(q: QueueParams): { title: string; description: string } {
  if (q.status === 'pending') {
    return {
      title: q.who === 'me' ? 'Nothing waiting for you' : 'Nothing waiting for review',
      description:
        'When a workflow reaches a review step, its draft waits here until someone approves it, edits it or sends it back. New drafts appear the moment they arrive.',
    };
  }
  return {
    title: 'No reviews here yet',
    description:
      'Decided reviews stay here as a record: who decided, when, with which edits and comments.',
  };
}

/** `/reviews`: the queue of drafts waiting for a decision, and the history of decided ones. */
export function ReviewsPage() {
  const [params, setParams] = useSearchParams();
  const q = readQueueParams(params);
  const reviews = useReviews(toFilter(q));
  const me = useMe();
  const navigate = useNavigate();
  const stepLabel = useStepLabel();
  const exporter = useExportFeedback();
  const now = useNow(true, 30_000);
  const [cursor, setCursor] = useState(-1);
  const list = useMemo(() => ordered(reviews.data ?? [], q), [reviews.data, q]);
  // What the first answer held: rows that arrive later (live) flash once.
  const [baseline, setBaseline] = useState<Set<string> | null>(null);
  if (baseline === null && reviews.isSuccess && !reviews.isPlaceholderData) {
    setBaseline(new Set(list.map((r) => r.id)));
  }

  const search = queueSearch(q);
  const hrefOf = (id: string) => `/reviews/${id}${search}`;
  const change = (next: QueueParams) => {
    setCursor(-1);
    setBaseline(null);
    setParams(writeQueueParams(next), { replace: true });
  };

  useHotkeys([
    ['j', () => setCursor((c) => Math.min(list.length - 1, c + 1))],
    ['k', () => setCursor((c) => Math.max(0, c - 1))],
    [
      'Enter',
      () => {
        const r = list[cursor];
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

  const overdue = list.filter(
    (r) => r.status === 'pending' && dueInfo(r.dueAt, now)?.tone === 'overdue',
  ).length;
  const empty = emptyText(q);

  return (
    <>
      <PageHeader
        title="Reviews"
        description="Drafts waiting for a person to approve, edit or send back — and every decision made."
        actions={
          mayExport ? (
            <Button
              variant="default"
              leftSection={<IconDownload size={16} />}
              onClick={exportFeedback}
              loading={exporter.isPending}
              title="One line per decision: prompt, draft, final text, action and comment (JSONL)"
            >
              Download feedback
            </Button>
          ) : null
        }
      />
      <QueueFilters value={q} onChange={change} />
      {reviews.isError ? (
        <Alert color="red" title="Reviews could not be loaded" mb="md">
          {reviews.error.message}
        </Alert>
      ) : null}
      {reviews.isLoading ? <Skeleton h={220} radius="lg" /> : null}
      {reviews.isSuccess && list.length === 0 ? (
        <EmptyState
          mt={48}
          variant="light"
          icon={<IconChecklist size={28} />}
          title={empty.title}
          description={empty.description}
          data-testid="reviews-empty"
        >
          <EmptyState.Actions>
            <Button component={Link} to="/workflows" variant="default">
              Go to workflows
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      ) : null}
      {list.length > 0 ? (
        <>
          <Group justify="space-between" mb={8} px={4}>
            <Text size="sm" c="dimmed" data-testid="reviews-count">
              {list.length}{' '}
              {q.status === 'pending' ? 'waiting' : list.length === 1 ? 'review' : 'reviews'}
              {overdue ? ` · ${overdue} overdue` : ''}
            </Text>
            <Text size="xs" c="dimmed">
              J / K to move · Enter to open
            </Text>
          </Group>
          <Paper withBorder radius="lg" className={classes.list} data-testid="review-queue">
            {list.map((r, i) => (
              <ReviewRow
                key={r.id}
                review={r}
                href={hrefOf(r.id)}
                stepLabel={stepLabel(r.workflowId, r.nodeId)}
                me={me.data}
                now={now}
                cursor={i === cursor}
                fresh={baseline !== null && !baseline.has(r.id)}
              />
            ))}
          </Paper>
        </>
      ) : null}
    </>
  );
}
