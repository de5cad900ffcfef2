import { Badge, Box, Group, SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { AssetImage, isImageList } from './AssetImage';
import { JsonTree } from './JsonTree';
import { Markdown } from './Markdown';

interface DocumentLike {
  content: string;
  title?: string;
  score?: number;
}

function isDocumentList(value: unknown): value is DocumentLike[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every(
      (v) => v && typeof v === 'object' && typeof (v as DocumentLike).content === 'string',
    )
  );
}

function TextValue({ text }: { text: string }) {
  const [mode, setMode] = useState<'preview' | 'raw'>('preview');
  return (
    <Stack gap={6}>
      <SegmentedControl
        size="xs"
        value={mode}
        onChange={(v) => setMode(v as 'preview' | 'raw')}
        data={[
          { label: 'Preview', value: 'preview' },
          { label: 'Raw text', value: 'raw' },
        ]}
        w={180}
      />
      {mode === 'preview' ? (
        <Box data-testid="output-markdown">
          <Markdown source={text} compact />
        </Box>
      ) : (
        <Box
          component="pre"
          fz="xs"
          style={{
            whiteSpace: 'pre-wrap',
            wordBreak: 'break-word',
            margin: 0,
            fontFamily: 'var(--mantine-font-family-monospace)',
          }}
        >
          {text}
        </Box>
      )}
    </Stack>
  );
}

/** One output port's value, shown the way a person reads it: text as markdown, images as images. */
export function OutputValue({ value }: { value: unknown }) {
  if (typeof value === 'string') return <TextValue text={value} />;
  if (isImageList(value)) {
    return (
      <SimpleGrid cols={2} spacing="xs">
        {value.map((image, i) => (
          <AssetImage key={image.assetId ?? image.url ?? i} image={image} height={140} />
        ))}
      </SimpleGrid>
    );
  }
  if (isDocumentList(value)) {
    return (
      <Stack gap={6}>
        {value.map((doc, i) => (
          <Box key={i} p="xs" style={{ border: '1px solid var(--fp-border)', borderRadius: 8 }}>
            <Group justify="space-between" mb={4}>
              <Text size="xs" fw={600}>
                [{i + 1}] {doc.title ?? 'Untitled'}
              </Text>
              {typeof doc.score === 'number' ? (
                <Badge size="xs" variant="light" color="gray">
                  score {doc.score.toFixed(2)}
                </Badge>
              ) : null}
            </Group>
            <Text size="xs" c="dimmed" lineClamp={4}>
              {doc.content}
            </Text>
          </Box>
        ))}
      </Stack>
    );
  }
  if (typeof value === 'number' || typeof value === 'boolean')
    return <Text size="sm">{String(value)}</Text>;
  return <JsonTree value={value} />;
}
