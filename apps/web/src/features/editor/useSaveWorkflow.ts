import { notifications } from '@mantine/notifications';
import { useCallback } from 'react';
import { isApiError } from '../../api/client';
import { useUpdateWorkflow } from '../../api/useUpdateWorkflow';
import { currentSaveState, markSaved, setIssues, useEditorStore } from './state/editorStore';
import { canvasToGraph } from './state/graphConvert';

/**
 * Saves the canvas as a new version (PUT with `baseVersion`). Validation issues from the server
 * are pinned on the steps they concern; a conflict says someone else saved first.
 */
export function useSaveWorkflow() {
  const update = useUpdateWorkflow();
  const { mutateAsync } = update;

  const save = useCallback(async (): Promise<boolean> => {
    const s = useEditorStore.getState();
    if (!s.workflowId) return false;
    if (!s.name.trim()) {
      notifications.show({
        color: 'red',
        title: 'Not saved',
        message: 'Give the workflow a name first.',
      });
      return false;
    }
    const sent = currentSaveState();
    try {
      const saved = await mutateAsync({
        id: s.workflowId,
        name: s.name.trim(),
        description: s.description,
        graph: canvasToGraph(sent.nodes, sent.edges),
        baseVersion: s.baseVersion,
      });
      markSaved(saved, sent);
      notifications.show({
        id: 'saved',
        color: 'green',
        title: 'Saved',
        message: `Version ${saved.version} is now the current one.`,
        autoClose: 2500,
      });
      return true;
    } catch (error) {
      if (isApiError(error) && error.statusCode === 400 && error.issues?.length) {
        setIssues(error.issues);
        const pinned = error.issues.filter((i) => i.nodeId).length;
        notifications.show({
          id: 'save-failed',
          color: 'red',
          title: `Not saved: ${error.issues.length} ${error.issues.length === 1 ? 'problem' : 'problems'} to fix`,
          message: pinned
            ? 'They are marked in red on the steps. Select a step to see what to change.'
            : error.issues.map((i) => i.message).join(' · '),
          autoClose: 8000,
        });
      } else if (isApiError(error) && error.statusCode === 409) {
        notifications.show({
          id: 'save-failed',
          color: 'orange',
          title: 'Someone saved a newer version',
          message: `${error.message} Open the version history to compare, or copy your steps, reload and paste them.`,
          autoClose: false,
        });
      } else {
        notifications.show({
          id: 'save-failed',
          color: 'red',
          title: 'Not saved',
          message: error instanceof Error ? error.message : 'Try again.',
        });
      }
      return false;
    }
  }, [mutateAsync]);

  return { save, saving: update.isPending };
}
