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
      <RunPanelHeader panel={p} starting={starting} onRun={onRun} onRerun={onRerun} />
      <div className={classes.body}>
        {p.workflowId ? <RunHistoryList workflowId={p.workflowId} /> : null}
        <RunPanelBody panel={p} />
      </div>
    </div>
  );
}
