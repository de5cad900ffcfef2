import { RunHistoryList } from './RunHistoryList';
import { RunPanelBody } from './RunPanelBody';
import { RunPanelHeader } from './RunPanelHeader';
import { useRunPanel } from './useRunPanel';
import classes from './RunPanel.module.css';

interface Props {
  onRun(): void;
  onRerun(inputs: Record<string, unknown>): void;
  starting: boolean;
}

/** The panel that slides up from the bottom: the selected run live, and this workflow's run history. */
export function RunPanel({ onRun, onRerun, starting }: Props) {
  const p = useRunPanel();
  return (
    <div
      className={classes.panel}
      data-open={p.open || undefined}
      data-testid="run-panel"
      // Closed, it slides out of view: inert keeps its buttons out of the tab order too.
      inert={!p.open}
    >
      <RunPanelHeader
        run={p.run}
        going={p.going}
        now={p.now}
        tokens={p.tokens}
        offline={p.offline}
        reconnecting={p.reconnecting}
        starting={starting}
        cancelling={p.cancelling}
        onRun={onRun}
        onRerun={onRerun}
        onCancel={p.cancelRun}
      />
      <div className={classes.body}>
        {p.workflowId ? <RunHistoryList workflowId={p.workflowId} /> : null}
        <RunPanelBody
          runId={p.runId}
          run={p.run}
          error={p.error}
          now={p.now}
          waiting={p.waiting}
          reviewId={p.reviewId}
        />
      </div>
    </div>
  );
}
