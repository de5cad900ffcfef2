import { notifications } from '@mantine/notifications';
import { useCallback } from 'react';
import { exportWorkflowFile, parseWorkflowFile } from '../../lib/workflowFile';
import { commit, setCanvas, setMeta, useEditorStore } from './state/editorStore';
import { canvasToGraph, graphToCanvas } from './state/graphConvert';

/** Export the canvas as it is (unsaved changes included) and import a file onto it (undoable). */
export function useEditorFile() {
  const exportFile = useCallback(() => {
    const s = useEditorStore.getState();
    exportWorkflowFile({
      name: s.name || 'workflow',
      description: s.description,
      graph: canvasToGraph(s.nodes, s.edges),
    });
  }, []);

  const importFile = useCallback(async (file: File) => {
    const parsed = parseWorkflowFile(await file.text(), useEditorStore.getState().name);
    if (!parsed.ok) {
      notifications.show({
        color: 'red',
        title: 'Could not import this file',
        message: parsed.message,
      });
      return;
    }
    const { nodes, edges } = graphToCanvas(parsed.file.graph, useEditorStore.getState().catalog);
    commit();
    setCanvas({ nodes, edges });
    if (parsed.file.description !== undefined) setMeta({ description: parsed.file.description });
    notifications.show({
      color: 'green',
      title: 'File imported',
      message: `${parsed.file.graph.nodes.length} steps from “${parsed.file.name}” replaced the canvas. Undo with Ctrl+Z, or save to keep them.`,
    });
  }, []);

  return { exportFile, importFile };
}
