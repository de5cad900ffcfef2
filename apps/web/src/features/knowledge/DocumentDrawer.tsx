import { Badge, Drawer, Group, Paper, Stack, Text } from '@mantine/core';
import type { KnowledgeDocumentView } from '@flowpress/shared';
import { useKnowledgeChunks } from '../../api/useKnowledgeChunks';
import { QueryState } from '../../ui/QueryState';
import { TYPE_LABEL } from './format';

/** One document as the search sees it: its passages in order, with where each sits. */
export function DocumentDrawer({
  knowledgeBaseId,
  doc,
  onClose,
}: {
  knowledgeBaseId: string;
  doc: KnowledgeDocumentView | null;
  onClose(): void;
}) {
  const chunks = useKnowledgeChunks(knowledgeBaseId, doc?.id ?? null);
  return (
    <Drawer
      opened={doc !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={doc?.title ?? ''}
    >
      {doc ? (
        <Stack>
          <Text size="sm" c="dimmed">
            {TYPE_LABEL[doc.type]} · {doc.chunkCount} passage{doc.chunkCount === 1 ? '' : 's'}
            {doc.source ? ` · ${doc.source}` : ''}
          </Text>
          <QueryState query={chunks} what="Passages">
            {(list) => (
              <Stack gap="sm" data-testid="chunk-list">
                {list.map((c) => (
                  <Paper key={c.id} withBorder radius="md" p="sm">
                    <Group justify="space-between" mb={4}>
                      <Text size="xs" c="dimmed">
                        #{c.chunkIndex + 1}
                        {c.position.headings.length ? ` · ${c.position.headings.join(' › ')}` : ''}
                      </Text>
                      <Group gap={4}>
                        <Text size="xs" c="dimmed">
                          chars {c.position.start}–{c.position.end}
                        </Text>
                        {c.embedded ? (
                          <Badge size="xs" variant="light" color="grape" tt="none">
                            embedded
                          </Badge>
                        ) : null}
                      </Group>
                    </Group>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {c.content}
                    </Text>
                  </Paper>
                ))}
              </Stack>
            )}
          </QueryState>
        </Stack>
      ) : null}
    </Drawer>
  );
}
