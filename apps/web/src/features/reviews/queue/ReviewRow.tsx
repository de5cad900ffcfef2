import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { IconChevronRight, IconClock, IconUserCheck } from '@tabler/icons-react';
import type { UserView } from '@flowpress/shared';
import { Link } from 'react-router';
import type { Review } from '../../../api/reviewTypes';
import { AssetImage } from '../../../ui/AssetImage';
import { absoluteTime, relativeTime } from '../../../ui/format';
import {
  assigneeLabel,
  dueInfo,
  REVIEW_STATUS_COLOR,
  REVIEW_STATUS_LABEL,
  reviewTitle,
  roundLabel,
} from '../reviewText';
import classes from '../Reviews.module.css';

const DUE_COLOR = { overdue: 'red', soon: 'orange', later: 'gray' } as const;

interface Props {
  review: Review;
  href: string;
  stepLabel: string;
  me: UserView | undefined;
  now: number;
  cursor: boolean;
  fresh: boolean;
}

/** One item of the queue: what it is, where it comes from, and how urgent it is. */
export function ReviewRow({ review, href, stepLabel, me, now, cursor, fresh }: Props) {
  const image = review.content.images?.[0];
  const due = review.status === 'pending' ? dueInfo(review.dueAt, now) : null;
  return (
    <Link
      to={href}
      className={classes.row}
      data-cursor={cursor || undefined}
      data-fresh={fresh || undefined}
      data-testid="review-row"
      data-review-id={review.id}
      data-status={review.status}
    >
      <div className={classes.thumb}>
        {image ? <AssetImage image={image} height={56} radius="0" /> : <IconUserCheck size={24} />}
      </div>
      <div style={{ minWidth: 0 }}>
        <Text fw={650} lineClamp={1} data-testid="review-title">
          {reviewTitle(review)}
        </Text>
        <Group gap={6} wrap="nowrap" mt={2}>
          <Text size="sm" c="dimmed" lineClamp={1}>
            {review.workflowName ?? 'Deleted workflow'} · {stepLabel}
          </Text>
        </Group>
        <Group gap={6} mt={6}>
          <Badge size="sm" variant="default" fw={500} tt="none">
            {roundLabel(review.round, review.maxRevisions)}
          </Badge>
          {review.status === 'pending' && review.assignee ? (
            <Badge size="sm" variant="light" color="gray" fw={500} tt="none">
              For {assigneeLabel(review.assignee, me).replace(/^You$/, 'you')}
            </Badge>
          ) : null}
        </Group>
      </div>
      <div className={classes.meta}>
        {review.status === 'pending' ? (
          <>
            {due ? (
              <Tooltip label={`Due ${absoluteTime(review.dueAt)}`}>
                <Badge
                  color={DUE_COLOR[due.tone]}
                  variant={due.tone === 'overdue' ? 'filled' : 'light'}
                  leftSection={<IconClock size={12} />}
                  tt="none"
                  data-testid="review-due"
                >
                  {due.label}
                </Badge>
              </Tooltip>
            ) : (
              <Badge color="gray" variant="light" tt="none">
                No due time
              </Badge>
            )}
            <Tooltip label={absoluteTime(review.createdAt)}>
              <Text size="xs" c="dimmed">
                Waiting since {relativeTime(review.createdAt, now)}
              </Text>
            </Tooltip>
          </>
        ) : (
          <>
            <Badge
              color={REVIEW_STATUS_COLOR[review.status]}
              variant="light"
              tt="none"
              data-testid="review-status"
            >
              {REVIEW_STATUS_LABEL[review.status]}
            </Badge>
            <Tooltip label={absoluteTime(review.decidedAt)}>
              <Text size="xs" c="dimmed" lineClamp={1} maw={220}>
                {review.decision?.decidedByEmail ? `${review.decision.decidedByEmail} · ` : ''}
                {relativeTime(review.decidedAt, now)}
              </Text>
            </Tooltip>
          </>
        )}
      </div>
      <IconChevronRight size={18} className={classes.chevron} />
    </Link>
  );
}
