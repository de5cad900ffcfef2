import { notifications } from '@mantine/notifications';
import { useNavigate } from 'react-router';
import { useCreateWorkflow } from '../../api/useCreateWorkflow';
import { parseWorkflowFile } from '../../lib/workflowFile';

/** Reads a `.json` workflow file, creates it on the server and opens it. */
export function useImportWorkflow() {
  const create = useCreateWorkflow();
  const navigate = useNavigate();
  const importFile = async (file: File | null) => {
    if (!file) return;
    const parsed = parseWorkflowFile(
      await file.text(),
      file.name.replace(/\.(flowpress\.)?json$/i, '') || 'Imported workflow',
    );
    if (!parsed.ok) {
      notifications.show({
        color: 'red',
        title: 'Could not import this file',
        message: parsed.message,
      });
      return;
    }
    const { name, description, graph } = parsed.file;
    create.mutate(
      { name, graph, ...(description ? { description } : {}) },
      {
        onSuccess: (workflow) => {
          notifications.show({
            color: 'green',
            title: 'Workflow imported',
            message: `“${workflow.name}” is ready to edit.`,
          });
          void navigate(`/workflows/${workflow.id}`);
        },
        onError: (error) =>
          notifications.show({
            color: 'red',
            title: 'Could not import this workflow',
            message: error.message,
            autoClose: 8000,
          }),
      },
    );
  };
  return { importFile, isPending: create.isPending };
}
