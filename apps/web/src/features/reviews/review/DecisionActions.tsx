import { Button, Group, Stack, Text, Textarea, Tooltip } from '@mantine/core';
import {
  IconCheck,
  IconMessageCircle,
  IconPencil,
  IconPencilOff,
  IconX,
} from '@tabler/icons-react';
import type { RefObject } from 'react';
import type { ReviewAction } from '../../../api/reviewTypes';
import { Shortcut } from './PanelParts';
import { diffSummary, type TextDiff } from './textDiff';
import classes from '../Reviews.module.css';

export interface DecisionActionsProps {
  editing: boolean;
  canEdit: boolean;
  diff: TextDiff | null;
  comment: string;
  commentError: string | null;
  commentRef: RefObject<HTMLTextAreaElement | null>;
  deciding: ReviewAction | null;
  /** Whether another round of changes is allowed. */
  revise: boolean;
  onComment(text: string): void;
  onEdit(): void;
  onDiscard(): void;
  onDecide(action: ReviewAction): void;
}

/** What a person who may decide sees: edit the draft, comment, approve / request changes / reject. */
export function DecisionActions(props: DecisionActionsProps) {
  const { editing, canEdit, diff, comment, commentError, commentRef, deciding, revise } = props;
  const { onComment, onEdit, onDiscard, onDecide } = props;
  const edited = Boolean(diff?.changed);
  const busy = deciding !== null;
  return (
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
        <Shortcut>J</Shortcut> <Shortcut>K</Shortcut> next and previous · <Shortcut>Esc</Shortcut>{' '}
        leaves a text box
      </Text>
    </Stack>
  );
}
