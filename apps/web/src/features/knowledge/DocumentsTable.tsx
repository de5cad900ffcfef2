import { ActionIcon, Badge, Paper, Progress, Table, Text, Tooltip } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import type { KnowledgeDocumentView } from '@flowpress/shared';
import { relativeTime } from '../../ui/format';
import { fileSize, TYPE_LABEL } from './format';

function StatusCell({ doc, vector }: { doc: KnowledgeDocumentView; vector: boolean }) {
  if (doc.status === 'embedding') {
    return (
      <Tooltip label="Searchable by words already; computing vectors for search by meaning">
        <div>
          <Text size="xs" mb={2}>
            Embedding {Math.round(doc.progress * 100)} %
          </Text>
          <Progress value={doc.progress * 100} size="xs" animated />
        </div>
      </Tooltip>
    );
  }
  if (doc.status === 'failed') {
    return (
      <Tooltip label={doc.error ?? 'Embedding failed'} multiline w={300}>
        <Badge color="orange" variant="light" tt="none">
          Words only
        </Badge>
      </Tooltip>
    );
  }
  return (
    <Badge color="green" variant="light" tt="none">
      {vector ? 'Ready' : 'Searchable'}
    </Badge>
  );
}

export function DocumentsTable({
  documents,
  vector,
  canWrite,
  onOpen,
  onDelete,
}: {
  documents: KnowledgeDocumentView[];
  vector: boolean;
  canWrite: boolean;
  onOpen(doc: KnowledgeDocumentView): void;
  onDelete(doc: KnowledgeDocumentView): void;
}) {
  return (
    <Paper withBorder radius="lg" style={{ overflow: 'hidden' }}>
      <Table
        verticalSpacing="sm"
        horizontalSpacing="md"
        highlightOnHover
        data-testid="documents-table"
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Document</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>Size</Table.Th>
            <Table.Th>Passages</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Added</Table.Th>
            {canWrite ? <Table.Th /> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {documents.map((doc) => (
            <Table.Tr
              key={doc.id}
              onClick={() => onOpen(doc)}
              style={{ cursor: 'pointer' }}
              data-testid="document-row"
            >
              <Table.Td>
                <Text size="sm" fw={600}>
                  {doc.title}
                </Text>
                {doc.source ? (
                  <Text size="xs" c="dimmed" truncate maw={320}>
                    {doc.source}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">{TYPE_LABEL[doc.type]}</Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">{fileSize(doc.sizeBytes)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{doc.chunkCount}</Text>
              </Table.Td>
              <Table.Td w={160} data-testid="document-status">
                <StatusCell doc={doc} vector={vector} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">{relativeTime(doc.updatedAt)}</Text>
              </Table.Td>
              {canWrite ? (
                <Table.Td>
                  <Tooltip label="Delete">
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Delete ${doc.title}`}
                      onClick={(e) => {
                        e.stopPropagation();
                        onDelete(doc);
                      }}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Tooltip>
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
