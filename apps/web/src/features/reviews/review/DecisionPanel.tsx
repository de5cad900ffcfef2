import { Alert, Badge, Divider, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconClock, IconInfoCircle } from '@tabler/icons-react';
import type { UserView } from '@flowpress/shared';
import type { ReactNode, RefObject } from 'react';
import type { Review, ReviewAction } from '../../../api/reviewTypes';
import { absoluteTime } from '../../../ui/format';
import { assigneeLabel, dueInfo, mayRequestChanges } from '../reviewText';
import { DecisionActions } from './DecisionActions';
import { DecisionRecord } from './DecisionRecord';
import { RoundMeter, Section } from './PanelParts';
import type { TextDiff } from './textDiff';
import classes from '../Reviews.module.css';

interface Props {
  review: Review;
  me: UserView | undefined;
  /** Why this person cannot decide (role), or null. */
  blocked: string | null;
  editing: boolean;
  canEdit: boolean;
  diff: TextDiff | null;
  comment: string;
  commentError: string | null;
  commentRef: RefObject<HTMLTextAreaElement | null>;
  deciding: ReviewAction | null;
  now: number;
  onComment(text: string): void;
  onEdit(): void;
  onDiscard(): void;
  onDecide(action: ReviewAction): void;
  /** The run's live state and the rounds' history, rendered by the screen. */
  run: ReactNode;
  history: ReactNode;
}

/** The right column: what to check, the round, the comment and the three decisions. */
export function DecisionPanel(props: Props) {
  const { review, me, blocked, editing, canEdit, diff, comment, commentError, deciding, now } =
    props;
  const { run, history, commentRef, onComment, onEdit, onDiscard, onDecide } = props;
  const due = review.status === 'pending' ? dueInfo(review.dueAt, now) : null;
  const pending = review.status === 'pending';
  const revise = mayRequestChanges(review);

  return (
    <Paper withBorder radius="lg" p="lg" className={classes.panel} data-testid="decision-panel">
      <Stack gap="lg">
        <RoundMeter review={review} />

        {review.instructions ? (
          <Section label="What to check">
            <Text size="sm" data-testid="review-instructions">
              {review.instructions}
            </Text>
          </Section>
        ) : null}

        <Group gap="lg">
          <Section label="For">
            <Text size="sm">{assigneeLabel(review.assignee, me)}</Text>
          </Section>
          {due ? (
            <Section label="Due">
              <Tooltip label={absoluteTime(review.dueAt)}>
                <Badge
                  color={due.tone === 'overdue' ? 'red' : due.tone === 'soon' ? 'orange' : 'gray'}
                  variant="light"
                  tt="none"
                  leftSection={<IconClock size={12} />}
                >
                  {due.label}
                </Badge>
              </Tooltip>
            </Section>
          ) : null}
        </Group>

        <Divider />

        {pending && !blocked ? (
          <DecisionActions
            editing={editing}
            canEdit={canEdit}
            diff={diff}
            comment={comment}
            commentError={commentError}
            commentRef={commentRef}
            deciding={deciding}
            revise={revise}
            onComment={onComment}
            onEdit={onEdit}
            onDiscard={onDiscard}
            onDecide={onDecide}
          />
        ) : null}

        {pending && blocked ? (
          <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />}>
            {blocked}
          </Alert>
        ) : null}

        {!pending ? <DecisionRecord review={review} now={now} /> : null}
        <Divider />
        <Section label="Run">{run}</Section>
        <Section label="Rounds">{history}</Section>
      </Stack>
    </Paper>
  );
}
