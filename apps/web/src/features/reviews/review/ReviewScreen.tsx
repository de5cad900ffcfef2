import { Alert, Anchor, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconSparkles } from '@tabler/icons-react';
import { mayDecide, type UserView } from '@flowpress/shared';
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Review, ReviewAction } from '../../../api/reviewTypes';
import { useDecideReview } from '../../../api/useDecideReview';
import { useMe } from '../../../api/useMe';
import { useRunStream } from '../../../realtime/useRunStream';
import { useLiveRun } from '../../../stores/liveRunStore';
import { useNow } from '../../../ui/useNow';
import { DecisionPanel } from './DecisionPanel';
import { DraftColumn, type DraftTab } from './DraftColumn';
import { RejectModal } from './RejectModal';
import { RoundHistory, useNewerRound } from './RoundHistory';
import { RunOutcome } from './RunOutcome';
import { textDiff } from './textDiff';
import { useReviewShortcuts } from './useReviewShortcuts';
import classes from '../Reviews.module.css';

interface Props {
  review: Review;
  search: string;
  previous: string | null;
  next: string | null;
  /** After a decision, open this one (the next item still waiting), if any. */
  advanceTo: string | null;
  onGo(id: string | null): void;
}

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

/** The draft beside the decision panel, with the edit state, the comment and the shortcuts. */
export function ReviewScreen({ review, search, previous, next, advanceTo, onGo }: Props) {
  const me = useMe();
  const navigate = useNavigate();
  const decide = useDecideReview();
  const now = useNow(true, 30_000);
  useRunStream(review.runId);
  const run = useLiveRun(review.runId);
  const newer = useNewerRound(review);

  const original = typeof review.content.text === 'string' ? review.content.text : null;
  const approvedEdit =
    typeof review.decision?.edits?.text === 'string' ? review.decision.edits.text : null;
  const pending = review.status === 'pending';
  const blocked = pending ? blockedReason(review, me.data) : null;

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

  const offline =
    run !== null &&
    (run.usage?.provider === 'offline' ||
      Object.values(run.nodes).some((n) => n.usage?.provider === 'offline'));

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
      next: () => next && onGo(next),
      previous: () => previous && onGo(previous),
    },
    pending && !blocked && !rejecting && !decide.isPending,
    !rejecting,
  );

  return (
    <>
      {newer && !pending ? (
        <Alert
          color="brand"
          variant="light"
          mb="md"
          icon={<IconSparkles size={18} />}
          data-testid="newer-round"
        >
          <Group justify="space-between">
            <Text size="sm">
              {newer.status === 'pending'
                ? 'The revised draft is ready for review.'
                : 'There is a newer round of this draft.'}
            </Text>
            <Anchor component={Link} to={`/reviews/${newer.id}${search}`} size="sm" fw={600}>
              Open round {newer.round}
            </Anchor>
          </Group>
        </Alert>
      ) : null}
      <div className={classes.screen}>
        <DraftColumn
          review={review}
          text={shown}
          diff={diff}
          editing={editing && pending}
          tab={tab}
          offline={offline}
          onTab={(t) => {
            setTab(t);
            if (t === 'write') setFocusEditor((n) => n + 1);
          }}
          onChange={setEdited}
          editorRef={editorRef}
        />
        <DecisionPanel
          review={review}
          me={me.data}
          blocked={blocked}
          editing={editing}
          canEdit={original !== null}
          diff={diff}
          comment={comment}
          commentError={commentError}
          commentRef={commentRef}
          deciding={decide.isPending ? (decide.variables?.action ?? null) : null}
          now={now}
          onComment={(c) => {
            setComment(c);
            if (c.trim()) setCommentError(null);
          }}
          onEdit={startEditing}
          onDiscard={discard}
          onDecide={(action) => submit(action)}
          run={<RunOutcome run={run} workflowId={review.workflowId} runId={review.runId} />}
          history={<RoundHistory review={review} search={search} />}
        />
      </div>
      {rejecting ? (
        <RejectModal
          opened
          initialReason={comment}
          loading={decide.isPending}
          onClose={() => setRejecting(false)}
          onReject={(reason) => submit('reject', reason)}
        />
      ) : null}
    </>
  );
}
