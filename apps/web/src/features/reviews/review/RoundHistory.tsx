import { Anchor, Badge, Blockquote, Group, Text, Timeline } from '@mantine/core';
import {
  IconCheck,
  IconHourglass,
  IconMessageCircle,
  IconPencil,
  IconX,
} from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Review } from '../../../api/reviewTypes';
import { useRunReviews } from '../../../api/useRunReviews';
import { absoluteTime, relativeTime } from '../../../ui/format';
import { REVIEW_STATUS_COLOR, REVIEW_STATUS_LABEL, roundLabel } from '../reviewText';

const ICON = {
  pending: IconHourglass,
  approved: IconCheck,
  rejected: IconX,
  changes_requested: IconMessageCircle,
  canceled: IconX,
} as const;

/**
 * Every round of this review step in this run: who decided each, when, and what they said. The
 * newest round links on, so after "request changes" the revised draft is one click away.
 */
export function RoundHistory({ review, search }: { review: Review; search: string }) {
  const rounds = useRunReviews(review.runId);
  const list = (rounds.data ?? [])
    .filter((r) => r.nodeId === review.nodeId)
    .sort((a, b) => a.round - b.round || a.createdAt.localeCompare(b.createdAt));
  if (list.length === 0) return null;
  const current = list.findIndex((r) => r.id === review.id);
  return (
    <Timeline
      active={current}
      bulletSize={22}
      lineWidth={2}
      color="brand"
      data-testid="review-rounds"
    >
      {list.map((r) => {
        const Icon = ICON[r.status];
        const here = r.id === review.id;
        const title = (
          <Group gap={6} wrap="nowrap">
            <Text size="sm" fw={here ? 700 : 600}>
              {roundLabel(r.round, r.maxRevisions)}
            </Text>
            <Badge size="xs" variant="light" color={REVIEW_STATUS_COLOR[r.status]} tt="none">
              {REVIEW_STATUS_LABEL[r.status]}
            </Badge>
          </Group>
        );
        return (
          <Timeline.Item
            key={r.id}
            bullet={<Icon size={12} />}
            color={REVIEW_STATUS_COLOR[r.status]}
            title={
              here ? (
                title
              ) : (
                <Anchor
                  component={Link}
                  to={`/reviews/${r.id}${search}`}
                  underline="never"
                  c="inherit"
                >
                  {title}
                </Anchor>
              )
            }
            data-testid={`review-round-${r.round}`}
          >
            {r.decision ? (
              <>
                <Text size="xs" c="dimmed" title={absoluteTime(r.decidedAt)}>
                  {r.decision.decidedByEmail} · {relativeTime(r.decidedAt)}
                  {r.decision.edits?.text !== undefined ? (
                    <>
                      {' · '}
                      <IconPencil size={11} style={{ verticalAlign: -1 }} /> edited
                    </>
                  ) : null}
                </Text>
                {r.decision.comment ? (
                  <Blockquote
                    p={8}
                    pl={12}
                    mt={6}
                    radius="sm"
                    color={REVIEW_STATUS_COLOR[r.status]}
                    fz="sm"
                    iconSize={0}
                  >
                    {r.decision.comment}
                  </Blockquote>
                ) : null}
              </>
            ) : (
              <Text size="xs" c="dimmed">
                {here ? 'This draft' : 'Waiting'} · opened {relativeTime(r.createdAt)}
              </Text>
            )}
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}

/** The newest round of the same step, when it is not this one (a revised draft is ready). */
export function useNewerRound(review: Review): Review | null {
  const rounds = useRunReviews(review.runId);
  const newer = (rounds.data ?? [])
    .filter((r) => r.nodeId === review.nodeId && r.round > review.round)
    .sort((a, b) => b.round - a.round)[0];
  return newer ?? null;
}
