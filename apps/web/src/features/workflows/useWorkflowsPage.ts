import { notifications } from '@mantine/notifications';
import type { WorkflowView } from '@flowpress/shared';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useCreateWorkflow } from '../../api/useCreateWorkflow';
import { useDeleteWorkflow } from '../../api/useDeleteWorkflow';
import { useNodeTypes } from '../../api/useNodeTypes';
import { useWorkflows } from '../../api/useWorkflows';
import { blankGraph, instantiateTemplate, type FlowTemplate } from './templates';
import { useImportWorkflow } from './useImportWorkflow';

/**
 * The workflow list's state: the list (searched, newest first), the catalog for the cards, and
 * creating (blank or from a template), importing and deleting, each failure shown as a notice.
 */
export function useWorkflowsPage() {
  const workflows = useWorkflows();
  const nodeTypes = useNodeTypes();
  const create = useCreateWorkflow();
  const remove = useDeleteWorkflow();
  const importer = useImportWorkflow();
  const navigate = useNavigate();
  const [galleryOpen, setGalleryOpen] = useState(false);
  const [blankOpen, setBlankOpen] = useState(false);
  const [pendingTemplate, setPendingTemplate] = useState<string | null>(null);
  const [toDelete, setToDelete] = useState<WorkflowView | null>(null);
  const [search, setSearch] = useState('');

  const catalog = useMemo(() => nodeTypes.data ?? [], [nodeTypes.data]);
  const byType = useMemo(() => new Map(catalog.map((c) => [c.type, c])), [catalog]);
  const list = useMemo(() => {
    if (!workflows.data) return undefined;
    const q = search.trim().toLowerCase();
    return [...workflows.data]
      .filter(
        (w) =>
          !q || w.name.toLowerCase().includes(q) || (w.description ?? '').toLowerCase().includes(q),
      )
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }, [workflows.data, search]);

  const open = (id: string) => void navigate(`/workflows/${id}`);
  const failed = (title: string) => (error: Error) =>
    notifications.show({ color: 'red', title, message: error.message });

  const createBlank = (values: { name: string; description: string }) =>
    create.mutate(
      {
        name: values.name,
        ...(values.description ? { description: values.description } : {}),
        graph: blankGraph(catalog),
      },
      { onSuccess: (w) => open(w.id), onError: failed('Could not create the workflow') },
    );

  const createFromTemplate = (template: FlowTemplate) => {
    const graph = instantiateTemplate(template, catalog);
    if (!graph) return;
    setPendingTemplate(template.id);
    create.mutate(
      { name: template.name, description: template.description, graph },
      {
        onSuccess: (w) => open(w.id),
        onError: failed('Could not create from this template'),
        onSettled: () => setPendingTemplate(null),
      },
    );
  };

  const confirmDelete = () => {
    if (!toDelete) return;
    const name = toDelete.name;
    remove.mutate(toDelete.id, {
      onSuccess: () => {
        setToDelete(null);
        notifications.show({ title: 'Workflow deleted', message: `“${name}” was deleted.` });
      },
      onError: failed('Could not delete the workflow'),
    });
  };

  return {
    /** The query with its data searched and sorted, for QueryState. */
    workflows: { ...workflows, data: list },
    /** How many workflows exist, whatever the search. */
    total: workflows.data?.length ?? 0,
    catalog,
    byType,
    search,
    setSearch,
    gallery: { open: galleryOpen, setOpen: setGalleryOpen, pendingId: pendingTemplate },
    blank: { open: blankOpen, setOpen: setBlankOpen, creating: create.isPending },
    createBlank,
    createFromTemplate,
    importer,
    toDelete,
    setToDelete,
    deleting: remove.isPending,
    confirmDelete,
  };
}
