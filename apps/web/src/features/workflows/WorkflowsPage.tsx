import { Button, FileButton } from '@mantine/core';
import { IconFileImport, IconPlus, IconTopologyStar3 } from '@tabler/icons-react';
import { PageHeader } from '../../ui/PageHeader';
import { QueryState } from '../../ui/QueryState';
import { ConfirmDeleteModal } from './ConfirmDeleteModal';
import { NewWorkflowModal } from './NewWorkflowModal';
import { TemplatesModal } from './TemplatesModal';
import { useWorkflowsPage } from './useWorkflowsPage';
import { WorkflowGrid, WorkflowGridSkeleton } from './WorkflowGrid';

export function WorkflowsPage() {
  const page = useWorkflowsPage();
  const { importer, gallery, blank } = page;
  const importButton = (
    <FileButton onChange={(f) => void importer.importFile(f)} accept="application/json,.json">
      {(props) => (
        <Button
          {...props}
          variant="default"
          leftSection={<IconFileImport size={18} />}
          loading={importer.isPending}
          data-testid="import-workflow"
        >
          Import
        </Button>
      )}
    </FileButton>
  );
  const empty = page.workflows.isSuccess && page.total === 0;

  return (
    <>
      <PageHeader
        title="Workflows"
        description="Each workflow turns a brief into finished content: drafted, reviewed and published."
        actions={
          empty ? null : (
            <>
              {importButton}
              <Button
                leftSection={<IconPlus size={18} />}
                onClick={() => gallery.setOpen(true)}
                data-testid="new-workflow"
              >
                New workflow
              </Button>
            </>
          )
        }
      />
      <QueryState
        query={page.workflows}
        what="Workflows"
        skeleton={<WorkflowGridSkeleton />}
        // Empty means none at all; a search with no match still shows the search box.
        isEmpty={() => page.total === 0}
        empty={{
          icon: <IconTopologyStar3 size={30} />,
          title: 'Build your first content flow',
          description:
            'A workflow takes a short brief, drafts content with AI, lets someone approve it and publishes it. Start from a ready-made marketing flow or from scratch.',
          action: (
            <>
              <Button onClick={() => gallery.setOpen(true)} data-testid="start-from-template">
                Start from a template
              </Button>
              <Button
                variant="default"
                onClick={() => blank.setOpen(true)}
                data-testid="start-blank"
              >
                Start blank
              </Button>
              {importButton}
            </>
          ),
        }}
      >
        {(list) => (
          <WorkflowGrid
            list={list}
            total={page.total}
            catalog={page.byType}
            search={page.search}
            onSearch={page.setSearch}
            onDelete={page.setToDelete}
          />
        )}
      </QueryState>

      <TemplatesModal
        opened={gallery.open}
        catalog={page.catalog}
        pendingId={gallery.pendingId}
        onClose={() => gallery.setOpen(false)}
        onPick={page.createFromTemplate}
        onBlank={() => {
          gallery.setOpen(false);
          blank.setOpen(true);
        }}
      />
      {blank.open ? (
        <NewWorkflowModal
          opened
          loading={blank.creating}
          onClose={() => blank.setOpen(false)}
          onCreate={page.createBlank}
        />
      ) : null}
      <ConfirmDeleteModal
        name={page.toDelete?.name ?? null}
        loading={page.deleting}
        onCancel={() => page.setToDelete(null)}
        onConfirm={page.confirmDelete}
      />
    </>
  );
}
