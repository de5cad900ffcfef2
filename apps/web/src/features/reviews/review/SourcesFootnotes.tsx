import { Badge, Box, Group, Spoiler, Stack, Text, Title } from '@mantine/core';
import type { ReviewSource } from '../../../api/reviewTypes';
import classes from '../Reviews.module.css';

export const SOURCE_ID_PREFIX = 'review-source-';

/** How the knowledge search found the passage, in the reviewer's words. */
const METHOD_WORDS = {
  fulltext: 'matched words',
  vector: 'similar meaning',
  hybrid: 'words + meaning',
} as const;

/** The sources the draft was written from, numbered like the citations in the text. */
export function SourcesFootnotes({ sources }: { sources: ReviewSource[] }) {
  return (
    <Box component="section" aria-label="Sources" data-testid="review-sources">
      <Title
        order={5}
        fz="sm"
        tt="uppercase"
        c="dimmed"
        mb="xs"
        style={{ letterSpacing: '0.04em' }}
      >
        Sources
      </Title>
      <Stack gap={2} component="ol" m={0} p={0} style={{ listStyle: 'none' }}>
        {sources.map((source, i) => (
          <li key={i} id={`${SOURCE_ID_PREFIX}${i + 1}`} className={classes.footnote}>
            <span className={classes.footnoteNumber}>{i + 1}</span>
            <div style={{ minWidth: 0 }}>
              <Group gap={8} wrap="nowrap" mb={2}>
                <Text size="sm" fw={600} lineClamp={1}>
                  {source.title || 'Untitled document'}
                </Text>
                {source.method ? (
                  <Badge size="xs" variant="light" fw={500} tt="none" style={{ flex: 'none' }}>
                    {METHOD_WORDS[source.method]}
                  </Badge>
                ) : null}
                {typeof source.score === 'number' ? (
                  <Badge size="xs" variant="default" fw={500} style={{ flex: 'none' }}>
                    match {Math.round(Math.min(1, Math.max(0, source.score)) * 100)}%
                  </Badge>
                ) : null}
              </Group>
              {source.position && source.position.headings.length > 1 ? (
                <Text size="xs" c="dimmed" mb={2} data-testid="source-section">
                  {source.position.headings.slice(1).join(' › ')}
                </Text>
              ) : null}
              <Spoiler maxHeight={44} showLabel="Show more" hideLabel="Show less" fz="sm">
                <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                  {source.content}
                </Text>
              </Spoiler>
            </div>
          </li>
        ))}
      </Stack>
    </Box>
  );
}
