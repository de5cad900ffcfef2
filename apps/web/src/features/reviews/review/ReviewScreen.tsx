import { Alert, Anchor, Group, Text } from '@mantine/core';
import { IconSparkles } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Review } from '../../../api/reviewTypes';
import { useMe } from '../../../api/useMe';
import { useRunStream } from '../../../realtime/useRunStream';
import { useLiveRun } from '../../../stores/liveRunStore';
import { useNow } from '../../../ui/useNow';
import { DecisionPanel } from './DecisionPanel';
import { DraftColumn } from './DraftColumn';
import { RejectModal } from './RejectModal';
import { RoundHistory, useNewerRound } from './RoundHistory';
import { RunOutcome } from './RunOutcome';
import { useReviewDecision } from './useReviewDecision';
import classes from '../Reviews.module.css';

interface Props {
  review: Review;
  search: string;
  /** After a decision, open this one (the next item still waiting), if any. */
  advanceTo: string | null;
  onGo(id: string | null): void;
  /** Pauses the page's `j` / `k` while a dialog of this screen is open. */
  onNavLock?(locked: boolean): void;
}

/** The draft beside the decision panel; the decision's state lives in `useReviewDecision`. */
export function ReviewScreen({ review, search, advanceTo, onGo, onNavLock }: Props) {
  const me = useMe();
  const now = useNow(true, 30_000);
  useRunStream(review.runId);
  const run = useLiveRun(review.runId);
  const newer = useNewerRound(review);

  const offline =
    run !== null &&
    (run.usage?.provider === 'offline' ||
      Object.values(run.nodes).some((n) => n.usage?.provider === 'offline'));
  const d = useReviewDecision(review, me.data, { advanceTo, onGo, onNavLock });

  return (
    <>
      {newer && !d.pending ? (
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
          text={d.shown}
          diff={d.diff}
          editing={d.editing && d.pending}
          tab={d.tab}
          offline={offline}
          onTab={(t) => {
            d.setTab(t);
            if (t === 'write') d.focusEditor();
          }}
          onChange={d.setEdited}
          editorRef={d.editorRef}
        />
        <DecisionPanel
          review={review}
          me={me.data}
          blocked={d.blocked}
          editing={d.editing}
          canEdit={d.original !== null}
          diff={d.diff}
          comment={d.comment}
          commentError={d.commentError}
          commentRef={d.commentRef}
          deciding={d.deciding}
          now={now}
          onComment={(c) => {
            d.setComment(c);
            if (c.trim()) d.setCommentError(null);
          }}
          onEdit={d.startEditing}
          onDiscard={d.discard}
          onDecide={(action) => d.submit(action)}
          run={<RunOutcome run={run} workflowId={review.workflowId} runId={review.runId} />}
          history={<RoundHistory review={review} search={search} />}
        />
      </div>
      {d.rejecting ? (
        <RejectModal
          opened
          initialReason={d.comment}
          loading={d.busy}
          onClose={() => d.setRejecting(false)}
          onReject={(reason) => d.submit('reject', reason)}
        />
      ) : null}
    </>
  );
}
