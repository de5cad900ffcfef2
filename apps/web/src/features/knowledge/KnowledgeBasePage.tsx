import { Anchor, Grid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconFileText } from '@tabler/icons-react';
import { ROLE_RANK, type KnowledgeDocumentView } from '@flowpress/shared';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useDeleteKnowledgeDocument } from '../../api/useDeleteKnowledgeDocument';
import { useKnowledgeBase } from '../../api/useKnowledgeBase';
import { useKnowledgeDocuments } from '../../api/useKnowledgeDocuments';
import { useMe } from '../../api/useMe';
import { ConfirmDeleteModal } from '../../ui/ConfirmDeleteModal';
import { PageHeader } from '../../ui/PageHeader';
import { QueryState } from '../../ui/QueryState';
import { DocumentDrawer } from './DocumentDrawer';
import { DocumentsTable } from './DocumentsTable';
import { DropZone } from './DropZone';
import { SearchModeNote } from './SearchModeNote';
import { SearchPanel } from './SearchPanel';
import { UploadList } from './UploadList';
import { useKnowledgeEvents } from './useKnowledgeEvents';
import { useUploads } from './useUploads';

function DeleteDocumentModal({
  knowledgeBaseId,
  doc,
  onClose,
}: {
  knowledgeBaseId: string;
  doc: KnowledgeDocumentView;
  onClose(): void;
}) {
  const remove = useDeleteKnowledgeDocument(knowledgeBaseId);
  return (
    <ConfirmDeleteModal
      opened
      title="Delete this document?"
      error={remove.error}
      loading={remove.isPending}
      onCancel={onClose}
      onConfirm={() =>
        remove.mutate(doc.id, {
          onSuccess: () => {
            notifications.show({ color: 'gray', title: 'Document deleted', message: doc.title });
            onClose();
          },
        })
      }
    >
      “{doc.title}” and its {doc.chunkCount} passages leave the knowledge base. Drafts already
      published keep their sources.
    </ConfirmDeleteModal>
  );
}

function Uploader({
  knowledgeBaseId,
  documents,
}: {
  knowledgeBaseId: string;
  documents: KnowledgeDocumentView[];
}) {
  const { uploads, add, clearFinished } = useUploads(knowledgeBaseId);
  return (
    <Stack>
      <DropZone onFiles={add} />
      <UploadList uploads={uploads} documents={documents} onClear={clearFinished} />
    </Stack>
  );
}

/** `/knowledge/:id`: drop documents in, watch them become searchable, try a search. */
export function KnowledgeBasePage() {
  const { knowledgeBaseId = '' } = useParams();
  const me = useMe();
  const canWrite = me.data ? ROLE_RANK[me.data.role] >= ROLE_RANK.editor : false;
  const kb = useKnowledgeBase(knowledgeBaseId);
  const documents = useKnowledgeDocuments(knowledgeBaseId);
  const [open, setOpen] = useState<KnowledgeDocumentView | null>(null);
  const [deleting, setDeleting] = useState<KnowledgeDocumentView | null>(null);
  useKnowledgeEvents(knowledgeBaseId);
  const docs = documents.data ?? [];
  return (
    <>
      <Anchor
        component={Link}
        to="/knowledge"
        size="sm"
        mb="xs"
        display="inline-flex"
        style={{ alignItems: 'center', gap: 4 }}
      >
        <IconArrowLeft size={14} /> Knowledge
      </Anchor>
      <QueryState query={kb} what="The knowledge base" isEmpty={() => false} skeletonHeight={80}>
        {(base) => (
          <>
            <PageHeader
              title={base.name}
              description={
                base.description || `${base.documentCount} documents · ${base.chunkCount} passages`
              }
              actions={<SearchModeNote search={base.search} />}
            />
            {!base.search.vector && base.search.reason ? (
              <Text size="xs" c="dimmed" mt={-12} mb="md" data-testid="search-mode-reason">
                Searching by words only: {base.search.reason}.
              </Text>
            ) : null}
            <Grid gap="lg">
              <Grid.Col span={{ base: 12, lg: 7 }}>
                <Stack>
                  {canWrite ? (
                    <Uploader knowledgeBaseId={knowledgeBaseId} documents={docs} />
                  ) : null}
                  <QueryState
                    query={documents}
                    what="Documents"
                    empty={{
                      icon: <IconFileText size={28} />,
                      title: 'No documents yet',
                      description: canWrite
                        ? 'Drop product sheets, guides or past posts on this page.'
                        : 'An editor adds the documents; you can search them once they are here.',
                    }}
                  >
                    {(list) => (
                      <DocumentsTable
                        documents={list}
                        vector={base.search.vector}
                        canWrite={canWrite}
                        onOpen={setOpen}
                        onDelete={setDeleting}
                      />
                    )}
                  </QueryState>
                </Stack>
              </Grid.Col>
              <Grid.Col span={{ base: 12, lg: 5 }}>
                <SearchPanel knowledgeBaseId={knowledgeBaseId} />
              </Grid.Col>
            </Grid>
          </>
        )}
      </QueryState>
      <DocumentDrawer knowledgeBaseId={knowledgeBaseId} doc={open} onClose={() => setOpen(null)} />
      {deleting ? (
        <DeleteDocumentModal
          knowledgeBaseId={knowledgeBaseId}
          doc={deleting}
          onClose={() => setDeleting(null)}
        />
      ) : null}
    </>
  );
}
