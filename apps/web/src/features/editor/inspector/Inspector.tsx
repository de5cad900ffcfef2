import { ScrollArea } from '@mantine/core';
import { useShallow } from 'zustand/react/shallow';
import { useEditorStore } from '../state/editorStore';
import { SelectionSummary } from './SelectionSummary';
import { StepInspector } from './StepInspector';
import { WorkflowInspector } from './WorkflowInspector';
import classes from './Inspector.module.css';

/** The right-hand panel: the selected step's settings and output, or the workflow's details. */
export function Inspector() {
  const selected = useEditorStore(
    useShallow((s) => s.nodes.filter((n) => n.selected).map((n) => `${n.type}:${n.id}`)),
  );
  const only = selected.length === 1 ? selected[0] : undefined;
  const stepId = only?.startsWith('step:') ? only.slice(5) : null;
  return (
    <div className={classes.root} data-testid="inspector">
      <ScrollArea className={classes.scroll} type="auto" offsetScrollbars>
        <div className={classes.body}>
          {stepId ? (
            <StepInspector key={stepId} nodeId={stepId} />
          ) : selected.length > 1 || only ? (
            <SelectionSummary count={selected.length} />
          ) : (
            <WorkflowInspector />
          )}
        </div>
      </ScrollArea>
    </div>
  );
}
