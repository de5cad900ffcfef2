import { Anchor, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { mayDecide, type UserView } from '@flowpress/shared';
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { Review, ReviewAction } from '../../../api/reviewTypes';
import { useDecideReview } from '../../../api/useDecideReview';
import type { DraftTab } from './DraftColumn';
import { textDiff } from './textDiff';
import { useReviewShortcuts } from './useReviewShortcuts';

const DONE: Record<ReviewAction, { title: string; message: string; color: string }> = {
  approve: { title: 'Approved', message: 'The run continues with this draft.', color: 'green' },
  request_changes: {
    title: 'Changes requested',
    message: 'The writing steps run again with your comment; the new draft will wait here.',
    color: 'orange',
  },
  reject: { title: 'Rejected', message: 'The run stopped at this step.', color: 'red' },
};

/** Why this person may not decide, in words; null when they may. The rule is `mayDecide`, shared with the server. */
function blockedReason(review: Review, me: UserView | undefined): string | null {
  if (!me) return null;
  const verdict = mayDecide(review.assignee, me);
  if (verdict.ok) return null;
  switch (verdict.why) {
    case 'role':
      return 'Your role (viewer) can read reviews but not decide them. Ask an admin for the reviewer role.';
    case 'assigned-role':
      return `This review is for ${review.assignee}s. Someone with that role decides it.`;
    case 'assigned-user':
      return `This review is assigned to ${review.assignee}.`;
  }
}

/**
 * Everything the review screen decides with: who may decide, the edit state and its diff, the
 * comment, the reject dialog, submitting a decision (with its notices and moving on to the next
 * review) and the keyboard shortcuts.
 */
export function useReviewDecision(
  review: Review,
  me: UserView | undefined,
  nav: {
    /** After a decision, open this one (the next item still waiting), if any. */
    advanceTo: string | null;
    onGo(id: string | null): void;
    /** The queue's `j` / `k` (the page's) pause while this is true: the reject dialog is open. */
    onNavLock?(locked: boolean): void;
  },
) {
  const { advanceTo, onGo, onNavLock } = nav;
  const navigate = useNavigate();
  const decide = useDecideReview();
  const original = typeof review.content.text === 'string' ? review.content.text : null;
  const approvedEdit =
    typeof review.decision?.edits?.text === 'string' ? review.decision.edits.text : null;
  const pending = review.status === 'pending';
  const blocked = pending ? blockedReason(review, me) : null;

  const [editing, setEditing] = useState(false);
  const [edited, setEdited] = useState<string | null>(null);
  const [tab, setTab] = useState<DraftTab>('preview');
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const editorRef = useRef<HTMLTextAreaElement>(null);
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const [focusEditor, setFocusEditor] = useState(0);

  useEffect(() => {
    if (focusEditor) editorRef.current?.focus();
  }, [focusEditor]);

  const shown = pending ? (edited ?? original) : (approvedEdit ?? original);
  const deferred = useDeferredValue(shown);
  const diff = useMemo(() => {
    if (original === null || deferred === null) return null;
    if (pending && edited === null) return null;
    if (!pending && approvedEdit === null) return null;
    return textDiff(original, deferred);
  }, [original, deferred, pending, edited, approvedEdit]);

  const startEditing = () => {
    if (original === null || !pending || blocked) return;
    setEditing(true);
    setEdited((e) => e ?? original);
    setTab('write');
    setFocusEditor((n) => n + 1);
  };
  const discard = () => {
    setEditing(false);
    setEdited(null);
    setTab('preview');
  };

  const submit = (action: ReviewAction, reason?: string) => {
    if (decide.isPending || !pending || blocked) return;
    const text = (reason ?? comment).trim();
    if (action === 'reject' && reason === undefined) {
      setRejecting(true);
      return;
    }
    if (action === 'request_changes') {
      if (review.round > review.maxRevisions) {
        notifications.show({
          color: 'orange',
          title: 'No revisions left',
          message: 'This draft was revised as often as the step allows: approve or reject it.',
        });
        return;
      }
      if (!text) {
        setCommentError('Say what should change, then request changes again.');
        commentRef.current?.focus();
        return;
      }
    }
    const edits =
      action === 'approve' && edited !== null && edited !== original ? { text: edited } : undefined;
    decide.mutate(
      { id: review.id, action, ...(text ? { comment: text } : {}), ...(edits ? { edits } : {}) },
      {
        onSuccess: () => {
          const done = DONE[action];
          setRejecting(false);
          notifications.show({
            color: done.color,
            title: done.title,
            message: (
              <Text size="sm">
                {done.message}{' '}
                <Anchor
                  size="sm"
                  href={`/workflows/${review.workflowId}?run=${review.runId}`}
                  onClick={(e) => {
                    e.preventDefault();
                    void navigate(`/workflows/${review.workflowId}?run=${review.runId}`);
                  }}
                >
                  Open the run
                </Anchor>
              </Text>
            ),
          });
          if (advanceTo && advanceTo !== review.id) onGo(advanceTo);
        },
        onError: (error) => {
          setRejecting(false);
          notifications.show({
            color: 'red',
            title: 'The decision was not saved',
            message: error.message,
          });
        },
      },
    );
  };

  useReviewShortcuts(
    {
      approve: () => submit('approve'),
      requestChanges: () => submit('request_changes'),
      edit: startEditing,
    },
    pending && !blocked && !rejecting && !decide.isPending,
  );
  useEffect(() => {
    onNavLock?.(rejecting);
    return () => onNavLock?.(false);
  }, [rejecting, onNavLock]);

  return {
    pending,
    blocked,
    original,
    shown,
    diff,
    editing,
    tab,
    setTab,
    setEdited,
    comment,
    setComment,
    commentError,
    setCommentError,
    rejecting,
    setRejecting,
    editorRef,
    commentRef,
    focusEditor: () => setFocusEditor((n) => n + 1),
    startEditing,
    discard,
    submit,
    deciding: decide.isPending ? (decide.variables?.action ?? null) : null,
    busy: decide.isPending,
  };
}
