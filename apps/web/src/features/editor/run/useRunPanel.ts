import { notifications } from '@mantine/notifications';
import { useCancelRun } from '../../../api/useCancelRun';
import { useRunReviews } from '../../../api/useRunReviews';
import type { LiveRun } from '../../../realtime/liveRun';
import { isSettled } from '../../../realtime/runStream';
import { useConnectionStore } from '../../../stores/connectionStore';
import { useLiveRun, useLiveRunStore } from '../../../stores/liveRunStore';
import { useNow } from '../../../ui/useNow';
import { useEditorStore } from '../state/editorStore';

function offlineRun(run: LiveRun): boolean {
  return (
    Object.values(run.nodes).some((n) => n.usage?.provider === 'offline') ||
    run.usage?.provider === 'offline'
  );
}

/** The run's tokens: the run's own total, or the nodes' while it is still going. */
function tokensOf(run: LiveRun): number {
  return (
    run.usage?.totalTokens ||
    Object.values(run.nodes).reduce(
      (sum, n) =>
        sum + (n.usage ? n.usage.totalTokens || n.usage.inputTokens + n.usage.outputTokens : 0),
      0,
    )
  );
}

export type RunPanelState = ReturnType<typeof useRunPanel>;

/** What the run panel shows: the selected live run, its summary, its review, and cancelling it. */
export function useRunPanel() {
  const open = useEditorStore((s) => s.runPanelOpen);
  const workflowId = useEditorStore((s) => s.workflowId);
  const runId = useEditorStore((s) => s.activeRunId);
  const run = useLiveRun(runId);
  const error = useLiveRunStore((s) => (runId ? s.errors[runId] : undefined));
  const connection = useConnectionStore((s) => s.state);
  const cancel = useCancelRun();
  const going = run ? !isSettled(run) : false;
  const now = useNow(open && going);
  const waiting = run?.status === 'waiting_review';
  // The live stream knows the review from `run.waiting_review`; a run opened while already waiting asks the API.
  const reviews = useRunReviews(waiting && !run?.reviewId ? run?.id : undefined);
  const reviewId = run?.reviewId ?? reviews.data?.find((r) => r.status === 'pending')?.id ?? null;

  const cancelRun = () => {
    if (!run) return;
    cancel.mutate(run.id, {
      onError: (e) =>
        notifications.show({ color: 'red', title: 'Could not cancel', message: e.message }),
    });
  };

  return {
    open,
    workflowId,
    runId,
    run,
    error,
    going,
    now,
    waiting,
    reviewId,
    reconnecting: going && connection === 'reconnecting',
    offline: run ? offlineRun(run) : false,
    tokens: run ? tokensOf(run) : 0,
    cancelRun,
    cancelling: cancel.isPending,
  };
}
