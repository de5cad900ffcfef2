import { Avatar, Badge, Group, Stack, Text } from '@mantine/core';
import type { Review } from '../../../api/reviewTypes';
import { absoluteTime, relativeTime } from '../../../ui/format';
import { REVIEW_STATUS_COLOR, REVIEW_STATUS_LABEL } from '../reviewText';

/** A decided review: the outcome, who decided and when, and their comment. */
export function DecisionRecord({ review, now }: { review: Review; now: number }) {
  return (
    <Stack gap="xs" data-testid="review-decision">
      <Badge
        size="lg"
        variant="light"
        color={REVIEW_STATUS_COLOR[review.status]}
        tt="none"
        data-testid="review-outcome"
      >
        {REVIEW_STATUS_LABEL[review.status]}
        {review.decision?.edits?.text !== undefined ? ' with edits' : ''}
      </Badge>
      {review.decision ? (
        <Group gap={8} wrap="nowrap">
          <Avatar size={26} radius="xl" name={review.decision.decidedByEmail} color="brand" />
          <Text size="sm">
            {review.decision.decidedByEmail}
            <Text span c="dimmed" size="sm" title={absoluteTime(review.decidedAt)}>
              {' '}
              · {relativeTime(review.decidedAt, now)}
            </Text>
          </Text>
        </Group>
      ) : null}
      {review.decision?.comment ? (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="review-decision-comment">
          “{review.decision.comment}”
        </Text>
      ) : null}
    </Stack>
  );
}
