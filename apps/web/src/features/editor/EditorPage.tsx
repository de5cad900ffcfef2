import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useNodeTypes } from '../../api/useNodeTypes';
import { useWorkflow } from '../../api/useWorkflow';
import { EditorLayout } from './EditorLayout';
import { loadWorkflow, resetEditor, showRun, useEditorStore } from './state/editorStore';

/** `/workflows/:workflowId`: loads the workflow and the catalog, then opens the editor (`?run=` shows a run). */
export default function EditorPage() {
  const { workflowId } = useParams();
  const [params] = useSearchParams();
  const workflow = useWorkflow(workflowId);
  const nodeTypes = useNodeTypes();
  const loadedId = useEditorStore((s) => s.workflowId);

  useEffect(() => {
    if (
      !workflow.data ||
      !nodeTypes.data ||
      useEditorStore.getState().workflowId === workflow.data.id
    )
      return;
    loadWorkflow(workflow.data, nodeTypes.data);
    const run = params.get('run');
    if (run) showRun(run);
  }, [workflow.data, nodeTypes.data, params]);

  // Leaving the editor forgets the canvas, so coming back loads the saved workflow afresh.
  useEffect(() => () => resetEditor(), []);

  const error = workflow.error ?? nodeTypes.error;
  if (error) {
    return (
      <Center h="100%">
        <Stack maw={420}>
          <Alert color="red" title="This workflow could not be opened">
            {error.message}
          </Alert>
          <Button component={Link} to="/workflows" variant="default">
            Back to workflows
          </Button>
        </Stack>
      </Center>
    );
  }
  if (!workflow.data || !nodeTypes.data || loadedId !== workflow.data.id) {
    return (
      <Center h="100%">
        <Loader />
      </Center>
    );
  }
  return (
    <ReactFlowProvider>
      <EditorLayout key={workflow.data.id} workflowId={workflow.data.id} />
    </ReactFlowProvider>
  );
}
