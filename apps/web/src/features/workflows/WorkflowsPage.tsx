import {
  Alert,
  Button,
  EmptyState,
  FileButton,
  Group,
  SimpleGrid,
  Skeleton,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileImport, IconPlus, IconSearch, IconTopologyStar3 } from '@tabler/icons-react';
import type { WorkflowView } from '@flowpress/shared';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useCreateWorkflow } from '../../api/useCreateWorkflow';
import { useDeleteWorkflow } from '../../api/useDeleteWorkflow';
import { useNodeTypes } from '../../api/useNodeTypes';
import { useWorkflows } from '../../api/useWorkflows';
import { exportWorkflowFile } from '../../lib/workflowFile';
import { PageHeader } from '../../ui/PageHeader';
import { ConfirmDeleteModal } from './ConfirmDeleteModal';
import { NewWorkflowModal } from './NewWorkflowModal';
import { TemplatesModal } from './TemplatesModal';
import { blankGraph, instantiateTemplate, type FlowTemplate } from './templates';
import { useImportWorkflow } from './useImportWorkflow';
import { WorkflowCard } from './WorkflowCard';

export function WorkflowsPage() {
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
    const q = search.trim().toLowerCase();
    return [...(workflows.data ?? [])]
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

  const importButton = (variant: 'default' | 'light') => (
    <FileButton onChange={(f) => void importer.importFile(f)} accept="application/json,.json">
      {(props) => (
        <Button
          {...props}
          variant={variant}
          leftSection={<IconFileImport size={18} />}
          loading={importer.isPending}
          data-testid="import-workflow"
        >
          Import
        </Button>
      )}
    </FileButton>
  );

  const empty = workflows.isSuccess && (workflows.data?.length ?? 0) === 0;

  return (
    <>
      <PageHeader
        title="Workflows"
        description="Each workflow turns a brief into finished content: drafted, reviewed and published."
        actions={
          empty ? null : (
            <>
              {importButton('default')}
              <Button
                leftSection={<IconPlus size={18} />}
                onClick={() => setGalleryOpen(true)}
                data-testid="new-workflow"
              >
                New workflow
              </Button>
            </>
          )
        }
      />

      {workflows.isError ? (
        <Alert color="red" title="Workflows could not be loaded">
          {workflows.error.message}
        </Alert>
      ) : null}

      {workflows.isLoading ? (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} h={190} radius="lg" />
          ))}
        </SimpleGrid>
      ) : null}

      {empty ? (
        <EmptyState
          mt={48}
          size="lg"
          variant="light"
          icon={<IconTopologyStar3 size={30} />}
          title="Build your first content flow"
          description="A workflow takes a short brief, drafts content with AI, lets someone approve it and publishes it. Start from a ready-made marketing flow or from scratch."
        >
          <EmptyState.Actions>
            <Button onClick={() => setGalleryOpen(true)} data-testid="start-from-template">
              Start from a template
            </Button>
            <Button variant="default" onClick={() => setBlankOpen(true)} data-testid="start-blank">
              Start blank
            </Button>
            {importButton('default')}
          </EmptyState.Actions>
        </EmptyState>
      ) : null}

      {workflows.isSuccess && !empty ? (
        <>
          {(workflows.data?.length ?? 0) > 6 ? (
            <Group mb="md">
              <TextInput
                placeholder="Search workflows"
                leftSection={<IconSearch size={16} />}
                value={search}
                onChange={(e) => setSearch(e.currentTarget.value)}
                w={320}
              />
            </Group>
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="lg">
            {list.map((w) => (
              <WorkflowCard
                key={w.id}
                workflow={w}
                catalog={byType}
                onExport={() => exportWorkflowFile(w)}
                onDelete={() => setToDelete(w)}
              />
            ))}
          </SimpleGrid>
        </>
      ) : null}

      <TemplatesModal
        opened={galleryOpen}
        catalog={catalog}
        pendingId={pendingTemplate}
        onClose={() => setGalleryOpen(false)}
        onPick={createFromTemplate}
        onBlank={() => {
          setGalleryOpen(false);
          setBlankOpen(true);
        }}
      />
      {blankOpen ? (
        <NewWorkflowModal
          opened
          loading={create.isPending}
          onClose={() => setBlankOpen(false)}
          onCreate={createBlank}
        />
      ) : null}
      <ConfirmDeleteModal
        name={toDelete?.name ?? null}
        loading={remove.isPending}
        onCancel={() => setToDelete(null)}
        onConfirm={confirmDelete}
      />
    </>
  );
}
