import { notifications } from '@mantine/notifications';
import { useCallback } from 'react';
import { useStartRun } from '../../../api/useStartRun';
import { setRunPanelOpen, showRun, useEditorStore } from '../state/editorStore';
import { setEditorUi } from '../state/editorUi';
import { inputFieldsOf, rememberInputs } from './inputFields';

/**
 * "Run": saves first when there are unsaved changes (runs use the saved version), asks for the
 * inputs when the workflow has any, starts the run and follows it on the canvas.
 */
export function useRunWorkflow(save: () => Promise<boolean>) {
  const startRun = useStartRun();
  const { mutate } = startRun;

  const launch = useCallback(
    (inputs: Record<string, unknown>) => {
      const workflowId = useEditorStore.getState().workflowId;
      if (!workflowId) return;
      rememberInputs(workflowId, inputs);
      mutate(
        { workflowId, inputs },
        {
          onSuccess: (run) => {
            setEditorUi({ runInputsOpen: false });
            showRun(run.id);
            setRunPanelOpen(true);
          },
          onError: (error) =>
            notifications.show({
              color: 'red',
              title: 'The run could not start',
              message: error.message,
              autoClose: 8000,
            }),
        },
      );
    },
    [mutate],
  );

  const run = useCallback(async () => {
    const state = useEditorStore.getState();
    if (state.dirty && !(await save())) return;
    const fields = inputFieldsOf(useEditorStore.getState().nodes);
    if (fields.length) setEditorUi({ runInputsOpen: true });
    else launch({});
  }, [save, launch]);

  return { run, launch, starting: startRun.isPending };
}
