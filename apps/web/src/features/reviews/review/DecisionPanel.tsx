import { Alert, Badge, Divider, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconClock, IconInfoCircle } from '@tabler/icons-react';
import type { UserView } from '@flowpress/shared';
import type { ReactNode } from 'react';
import type { Review } from '../../../api/reviewTypes';
import { absoluteTime } from '../../../ui/format';
import { assigneeLabel, dueInfo, mayRequestChanges } from '../reviewText';
import { DecisionActions, type DecisionActionsProps } from './DecisionActions';
import { DecisionRecord } from './DecisionRecord';
import { RoundMeter, Section } from './PanelParts';
import classes from '../Reviews.module.css';

/** The panel passes the decision state through to `DecisionActions`. */
interface Props extends Omit<DecisionActionsProps, 'revise'> {
  review: Review;
  me: UserView | undefined;
  /** Why this person cannot decide (role), or null. */
  blocked: string | null;
  now: number;
  /** The run's live state and the rounds' history, rendered by the screen. */
  run: ReactNode;
  history: ReactNode;
}

/** The right column: what to check, the round, the comment and the three decisions. */
export function DecisionPanel(props: Props) {
  const { review, me, blocked, now, run, history, ...actions } = props;
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

        {pending && !blocked ? <DecisionActions {...actions} revise={revise} /> : null}

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
