import { Badge, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import type { RetrievalMethod, RetrievedPassage } from '@flowpress/shared';
import { Highlight } from './Highlight';

const METHOD_LABEL: Record<RetrievalMethod, string> = {
  fulltext: 'Words',
  vector: 'Meaning',
  hybrid: 'Words + meaning',
};

const METHOD_HINT: Record<RetrievalMethod, string> = {
  fulltext: 'Found by full-text search: the passage contains words of the query',
  vector: 'Found by vector similarity: close in meaning, maybe without the same words',
  hybrid: 'Found by both full-text search and vector similarity',
};

/** Ranked passages as a retrieval step gets them: number, title, score, method, highlights. */
export function PassageList({
  passages,
  compact,
}: {
  passages: RetrievedPassage[];
  compact?: boolean;
}) {
  return (
    <Stack gap="sm" data-testid="passage-list">
      {passages.map((p, i) => (
        <Paper
          key={`${p.documentId}:${p.chunkIndex}`}
          withBorder
          radius="md"
          p={compact ? 'xs' : 'sm'}
          data-testid="passage"
        >
          <Group justify="space-between" wrap="nowrap" mb={4}>
            <Text size="sm" fw={600} truncate>
              [{i + 1}] {p.title}
              {p.position.headings.length > 1 ? (
                <Text span size="xs" c="dimmed" fw={400}>
                  {' '}
                  · {p.position.headings.slice(1).join(' › ')}
                </Text>
              ) : null}
            </Text>
            <Group gap={6} wrap="nowrap">
              <Tooltip label={METHOD_HINT[p.method]}>
                <Badge size="sm" variant="light" tt="none" data-testid="passage-method">
                  {METHOD_LABEL[p.method]}
                </Badge>
              </Tooltip>
              <Text size="xs" c="dimmed">
                {p.score.toFixed(2)}
              </Text>
            </Group>
          </Group>
          <Text size={compact ? 'xs' : 'sm'} lineClamp={compact ? 4 : undefined}>
            <Highlight text={p.highlight ?? p.content} />
          </Text>
        </Paper>
      ))}
    </Stack>
  );
}
