import { Group, Paper, Text } from '@mantine/core';
import type { Review } from '../../../api/reviewTypes';
import { useStepLabel } from '../useStepLabel';
import { ReviewRow } from './ReviewRow';
import type { ReviewQueue } from './useReviewQueue';
import classes from '../Reviews.module.css';

/** The queue itself: a count line, then one row per review, the cursor row marked. */
export function ReviewQueueList({ list, queue }: { list: Review[]; queue: ReviewQueue }) {
  const { q, overdue, me, now, cursor, hrefOf, isFresh } = queue;
  const stepLabel = useStepLabel();
  return (
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
            me={me}
            now={now}
            cursor={i === cursor}
            fresh={isFresh(r.id)}
          />
        ))}
      </Paper>
    </>
  );
}
