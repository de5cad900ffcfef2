import { Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck } from '@tabler/icons-react';
import type { KnowledgeDocumentView } from '@flowpress/shared';
import { fileSize } from './format';
import type { Upload } from './useUploads';

const passages = (n: number | undefined) => `${n ?? 0} passage${n === 1 ? '' : 's'}`;

function stageText(u: Upload, doc: KnowledgeDocumentView | undefined): string {
  switch (u.stage) {
    case 'waiting':
      return 'Waiting';
    case 'uploading':
      return `Uploading ${Math.round(u.sent * 100)} %`;
    case 'processing':
      return 'Extracting text and splitting it into passages…';
    case 'failed':
      return u.error ?? 'Failed';
    case 'done':
      if (doc?.status === 'embedding')
        return `${passages(u.chunkCount)} · embedding ${Math.round(doc.progress * 100)} %`;
      if (doc?.status === 'failed')
        return `${passages(u.chunkCount)} · ${doc.error ?? 'embedding failed'}`;
      return `${passages(u.chunkCount)} · searchable`;
  }
}

/** Each dropped file with its own progress, ending in a clear state. */
export function UploadList({
  uploads,
  documents,
  onClear,
}: {
  uploads: Upload[];
  documents: KnowledgeDocumentView[];
  onClear(): void;
}) {
  if (!uploads.length) return null;
  return (
    <Paper withBorder radius="lg" p="md" data-testid="upload-list">
      <Group justify="space-between" mb="xs">
        <Text fw={600} size="sm">
          Uploads
        </Text>
        <Button variant="subtle" size="xs" onClick={onClear}>
          Clear finished
        </Button>
      </Group>
      <Stack gap="sm">
        {uploads.map((u) => {
          const doc = u.documentId ? documents.find((d) => d.id === u.documentId) : undefined;
          const embedding = u.stage === 'done' && doc?.status === 'embedding';
          const value =
            u.stage === 'done'
              ? embedding
                ? doc.progress * 100
                : 100
              : u.stage === 'processing'
                ? 100
                : u.sent * 100;
          const color =
            u.stage === 'failed' ? 'red' : u.stage === 'done' && !embedding ? 'green' : 'blue';
          return (
            <Stack key={u.key} gap={4} data-testid="upload-row" data-stage={u.stage}>
              <Group justify="space-between" wrap="nowrap">
                <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                  {u.stage === 'failed' ? (
                    <IconAlertTriangle size={14} color="var(--mantine-color-red-6)" />
                  ) : null}
                  {u.stage === 'done' && !embedding ? (
                    <IconCheck size={14} color="var(--mantine-color-green-6)" />
                  ) : null}
                  <Text size="sm" truncate>
                    {u.name}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed">
                  {fileSize(u.size)}
                </Text>
              </Group>
              <Progress
                value={value}
                color={color}
                size="sm"
                animated={u.stage === 'processing' || embedding}
              />
              <Text
                size="xs"
                c={u.stage === 'failed' ? 'red' : 'dimmed'}
                data-testid="upload-status"
              >
                {stageText(u, doc)}
              </Text>
            </Stack>
          );
        })}
      </Stack>
    </Paper>
  );
}
