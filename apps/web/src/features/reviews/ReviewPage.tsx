import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Skeleton,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconArrowLeft, IconChevronDown, IconChevronUp } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useReview } from '../../api/useReview';
import { useReviews } from '../../api/useReviews';
import { isApiError } from '../../api/client';
import { ordered, queueSearch, readQueueParams, toFilter, neighbours } from './queueParams';
import { REVIEW_STATUS_COLOR, REVIEW_STATUS_LABEL, reviewTitle } from './reviewText';
import { ReviewScreen } from './review/ReviewScreen';
import { relativeTime } from '../../ui/format';
import { useStepLabel } from './useStepLabel';
import { useQueueShortcuts } from './review/useReviewShortcuts';

/** `/reviews/:reviewId`: one draft and its decision, with the queue's `j` / `k` around it. */
export function ReviewPage() {
  const { reviewId } = useParams();
  const [params] = useSearchParams();
  const q = readQueueParams(params);
  const search = queueSearch(q);
  const review = useReview(reviewId);
  const queue = useReviews(toFilter(q));
  const navigate = useNavigate();
  const stepLabel = useStepLabel();
  const list = ordered(queue.data ?? [], q);
  const around = neighbours(list, reviewId ?? '');
  const go = (id: string | null | undefined) => {
    if (id) void navigate(`/reviews/${id}${search}`);
  };
  // `j` / `k` work as soon as the queue is known, also while the review itself still loads.
  const [navLocked, setNavLocked] = useState(false);
  useQueueShortcuts(
    { next: () => go(around.next?.id), previous: () => go(around.previous?.id) },
    !navLocked,
  );

  if (review.isError) {
    const missing = isApiError(review.error) && review.error.statusCode === 404;
    return (
      <Stack maw={520} mx="auto" mt={60}>
        <Alert
          color={missing ? 'gray' : 'red'}
          title={missing ? 'This review does not exist' : 'The review could not be loaded'}
        >
          {missing ? 'The link may be old, or its run was deleted.' : review.error.message}
        </Alert>
        <Button
          component={Link}
          to={`/reviews${search}`}
          variant="default"
          leftSection={<IconArrowLeft size={16} />}
        >
          Back to reviews
        </Button>
      </Stack>
    );
  }

  const r = review.data;
  return (
    <>
      <Group justify="space-between" mb="md">
        <Anchor
          component={Link}
          to={`/reviews${search}`}
          size="sm"
          c="dimmed"
          data-testid="back-to-queue"
        >
          <Group gap={4}>
            <IconArrowLeft size={15} /> Reviews
          </Group>
        </Anchor>
        <Group gap={6} data-testid="queue-nav">
          <Text size="sm" c="dimmed">
            {around.index >= 0
              ? `${around.index + 1} of ${list.length}`
              : `${list.length} in the queue`}
          </Text>
          <Tooltip label="Previous (K)">
            <ActionIcon
              variant="default"
              aria-label="Previous review"
              disabled={!around.previous}
              onClick={() => go(around.previous?.id)}
            >
              <IconChevronUp size={16} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Next (J)">
            <ActionIcon
              variant="default"
              aria-label="Next review"
              disabled={!around.next}
              onClick={() => go(around.next?.id)}
            >
              <IconChevronDown size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>

      {r ? (
        <>
          <Stack gap={6} mb="lg">
            <Group gap="sm" wrap="nowrap" align="center">
              <Title order={2} fz={24} lineClamp={2} data-testid="review-heading">
                {reviewTitle(r)}
              </Title>
              <Badge
                color={REVIEW_STATUS_COLOR[r.status]}
                variant="light"
                tt="none"
                size="lg"
                style={{ flex: 'none' }}
                data-testid="review-status-badge"
              >
                {REVIEW_STATUS_LABEL[r.status]}
              </Badge>
            </Group>
            <Text c="dimmed" size="sm">
              {r.workflowName ?? 'Deleted workflow'} · {stepLabel(r.workflowId, r.nodeId)} · opened{' '}
              {relativeTime(r.createdAt)}
            </Text>
          </Stack>
          <ReviewScreen
            key={r.id}
            review={r}
            search={search}
            advanceTo={
              q.status === 'pending' ? ((around.next ?? around.previous)?.id ?? null) : null
            }
            onGo={go}
            onNavLock={setNavLocked}
          />
        </>
      ) : (
        <Skeleton h={480} radius="lg" />
      )}
    </>
  );
}
