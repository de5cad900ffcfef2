import {
  Alert,
  Avatar,
  Badge,
  Button,
  Divider,
  Group,
  Kbd,
  Paper,
  Progress,
  Stack,
  Text,
  Textarea,
  Tooltip,
} from '@mantine/core';
import {
  IconCheck,
  IconClock,
  IconInfoCircle,
  IconMessageCircle,
  IconPencil,
  IconPencilOff,
  IconX,
} from '@tabler/icons-react';
import type { UserView } from '@flowpress/shared';
import type { ReactNode, RefObject } from 'react';
import type { Review, ReviewAction } from '../../../api/reviewTypes';
import { absoluteTime, relativeTime } from '../../../ui/format';
import {
  assigneeLabel,
  dueInfo,
  mayRequestChanges,
  REVIEW_STATUS_COLOR,
  REVIEW_STATUS_LABEL,
  revisionsLeft,
  roundLabel,
} from '../reviewText';
import { diffSummary, type TextDiff } from './textDiff';
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

function Section({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={6}>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" style={{ letterSpacing: '0.05em' }}>
        {label}
      </Text>
      {children}
    </Stack>
  );
}

function Shortcut({ children }: { children: string }) {
  return (
    <Kbd size="xs" className={classes.kbd}>
      {children}
    </Kbd>
  );
}

function RoundMeter({ review }: { review: Review }) {
  const total = review.maxRevisions + 1;
  const value = total > 0 ? (Math.min(review.round, total) / total) * 100 : 100;
  const left = revisionsLeft(review);
  return (
    <Stack gap={6}>
      <Group justify="space-between">
        <Text fw={650} data-testid="review-round">
          {roundLabel(review.round, review.maxRevisions)}
        </Text>
        <Text size="xs" c="dimmed">
          {left > 0 ? `${left} ${left === 1 ? 'revision' : 'revisions'} left` : 'No revisions left'}
        </Text>
      </Group>
      <Progress
        value={value}
        size="sm"
        color={left > 0 ? 'brand' : 'orange'}
        aria-label={roundLabel(review.round, review.maxRevisions)}
      />
    </Stack>
  );
}

/** The right column: what to check, the round, the comment and the three decisions. */
export function DecisionPanel(props: Props) {
  const { review, me, blocked, editing, canEdit, diff, comment, commentError, deciding, now } =
    props;
  const { run, history, commentRef, onComment, onEdit, onDiscard, onDecide } = props;
  const due = review.status === 'pending' ? dueInfo(review.dueAt, now) : null;
  const pending = review.status === 'pending';
  const revise = mayRequestChanges(review);
  const edited = Boolean(diff?.changed);
  const busy = deciding !== null;

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
          <Stack gap="sm">
            {canEdit ? (
              editing ? (
                <Group justify="space-between" wrap="nowrap">
                  <Text size="sm" c={edited ? undefined : 'dimmed'} data-testid="edit-summary">
                    <IconPencil size={14} style={{ verticalAlign: -2 }} />{' '}
                    {diff ? diffSummary(diff) : 'No changes'}
                  </Text>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="gray"
                    leftSection={<IconPencilOff size={13} />}
                    onClick={onDiscard}
                    data-testid="discard-edits"
                  >
                    {edited ? 'Discard edits' : 'Stop editing'}
                  </Button>
                </Group>
              ) : (
                <Button
                  variant="default"
                  leftSection={<IconPencil size={16} />}
                  rightSection={<Shortcut>E</Shortcut>}
                  onClick={onEdit}
                  className={classes.actionButton}
                  data-testid="edit-draft"
                >
                  Edit the draft
                </Button>
              )
            ) : null}

            <Textarea
              ref={commentRef}
              label="Comment"
              placeholder={
                revise
                  ? 'What should change? Required for “Request changes”; the writer step gets it.'
                  : 'A note for the record (optional)'
              }
              value={comment}
              onChange={(e) => onComment(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') e.currentTarget.blur();
                if (e.key === 'Enter' && (e.metaKey || e.ctrlKey) && revise) {
                  e.preventDefault();
                  onDecide('request_changes');
                }
              }}
              error={commentError}
              autosize
              minRows={3}
              maxRows={10}
              data-testid="review-comment"
            />

            <Button
              color="green"
              size="md"
              leftSection={<IconCheck size={18} />}
              rightSection={<Shortcut>A</Shortcut>}
              className={classes.actionButton}
              loading={deciding === 'approve'}
              disabled={busy && deciding !== 'approve'}
              onClick={() => onDecide('approve')}
              data-testid="approve"
            >
              {edited ? 'Approve with edits' : 'Approve'}
            </Button>
            <Tooltip
              label="This draft was revised as often as the step allows: approve or reject it."
              disabled={revise}
              multiline
              w={240}
            >
              <Button
                variant="light"
                color="orange"
                leftSection={<IconMessageCircle size={18} />}
                rightSection={<Shortcut>R</Shortcut>}
                className={classes.actionButton}
                loading={deciding === 'request_changes'}
                disabled={!revise || (busy && deciding !== 'request_changes')}
                onClick={() => onDecide('request_changes')}
                data-testid="request-changes"
              >
                Request changes
              </Button>
            </Tooltip>
            <Button
              variant="subtle"
              color="red"
              leftSection={<IconX size={18} />}
              loading={deciding === 'reject'}
              disabled={busy && deciding !== 'reject'}
              onClick={() => onDecide('reject')}
              data-testid="reject"
            >
              Reject
            </Button>
            <Text size="xs" c="dimmed" ta="center">
              <Shortcut>J</Shortcut> <Shortcut>K</Shortcut> next and previous ·{' '}
              <Shortcut>Esc</Shortcut> leaves a text box
            </Text>
          </Stack>
        ) : null}

        {pending && blocked ? (
          <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />}>
            {blocked}
          </Alert>
        ) : null}

        {!pending ? (
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
              <Text
                size="sm"
                style={{ whiteSpace: 'pre-wrap' }}
                data-testid="review-decision-comment"
              >
                “{review.decision.comment}”
              </Text>
            ) : null}
          </Stack>
        ) : null}

        <Divider />
        <Section label="Run">{run}</Section>
        <Section label="Rounds">{history}</Section>
      </Stack>
    </Paper>
  );
}
