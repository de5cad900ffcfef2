import { Alert, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReviewSource } from '../../../api/reviewTypes';
import { sourceCardId } from './citations';
import type { CitationHighlight } from './useCitationHighlight';
import classes from './Sources.module.css';

/** How the knowledge search found the passage, in the reviewer's words. */
const METHOD_WORDS = {
  fulltext: 'matched words',
  vector: 'similar meaning',
  hybrid: 'words + meaning',
} as const;

/** The passage as the prompt quoted it: heading marks dropped, whitespace collapsed. */
const plainPassage = (content: string) =>
  content
    .replace(/^#{1,6}[ \t]+/gm, '')
    .replace(/\s+/g, ' ')
    .trim();

const list = (numbers: number[]) => numbers.map((n) => `[${n}]`).join(', ');

interface Props {
  sources: ReviewSource[];
  /** How often the text cites each number. */
  counts: Map<number, number>;
  unresolved: number[];
  active: CitationHighlight['active'];
  handlersFor: CitationHighlight['handlersFor'];
}

/**
 * The passages the draft was written from, one card per number, beside the draft: what each
 * `[n]` in the text refers to, where it sits in its document, and whether the text cites it.
 */
export function SourcesPanel({ sources, counts, unresolved, active, handlersFor }: Props) {
  const cited = sources.filter((_, i) => counts.has(i + 1)).length;
  return (
    <Paper
      withBorder
      radius="lg"
      component="aside"
      aria-label="Sources"
      className={classes.panel}
      data-testid="review-sources"
    >
      <Group justify="space-between" align="baseline" mb="sm" wrap="nowrap">
        <Title order={2} fz="sm" tt="uppercase" c="dimmed" style={{ letterSpacing: '0.04em' }}>
          Sources
        </Title>
        <Text size="xs" c="dimmed">
          {sources.length} {sources.length === 1 ? 'passage' : 'passages'} · {cited} cited
        </Text>
      </Group>
      {unresolved.length ? (
        <Alert
          color="orange"
          variant="light"
          p="xs"
          mb="sm"
          icon={<IconAlertTriangle size={16} />}
          data-testid="unresolved-citations"
        >
          <Text size="xs">
            The draft cites {list(unresolved)}, but no passage has{' '}
            {unresolved.length === 1 ? 'that number' : 'those numbers'}: check the claim or remove
            the mark.
          </Text>
        </Alert>
      ) : null}
      <Stack gap={6} component="ol" m={0} p={0} style={{ listStyle: 'none' }}>
        {sources.map((source, i) => (
          <SourceCard
            key={i}
            n={i + 1}
            source={source}
            citedTimes={counts.get(i + 1) ?? 0}
            active={active === i + 1}
            handlers={handlersFor(i + 1)}
          />
        ))}
      </Stack>
    </Paper>
  );
}

function SourceCard({
  n,
  source,
  citedTimes,
  active,
  handlers,
}: {
  n: number;
  source: ReviewSource;
  citedTimes: number;
  active: boolean;
  handlers: ReturnType<CitationHighlight['handlersFor']>;
}) {
  const title = source.title || 'Untitled document';
  const section =
    source.position && source.position.headings.length > 1
      ? source.position.headings.slice(1).join(' › ')
      : null;
  const chunk = source.chunkIndex ?? null;
  const where = [
    chunk !== null ? `passage ${chunk + 1}` : null,
    source.position ? `characters ${source.position.start}–${source.position.end}` : null,
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <li
      id={sourceCardId(n)}
      tabIndex={0}
      className={classes.card}
      data-testid="source-card"
      data-n={n}
      data-active={active || undefined}
      aria-label={`Source ${n}: ${title}`}
      {...handlers}
    >
      <span className={classes.number} aria-hidden>
        {n}
      </span>
      <div style={{ minWidth: 0 }}>
        <Text size="sm" fw={600} lineClamp={2}>
          {title}
        </Text>
        {section ? (
          <Text size="xs" c="dimmed" data-testid="source-section">
            {section}
          </Text>
        ) : null}
        {/* Four lines at rest; the whole passage while it is the one being checked. */}
        <Text size="sm" my={4} lineClamp={active ? undefined : 4} data-testid="source-passage">
          {plainPassage(source.content)}
        </Text>
        <Group gap={6} wrap="wrap">
          <Badge
            size="xs"
            variant={citedTimes ? 'light' : 'default'}
            fw={500}
            tt="none"
            data-testid="source-cited"
          >
            {citedTimes ? `cited ${citedTimes}×` : 'not cited'}
          </Badge>
          {source.method ? (
            <Badge size="xs" variant="default" fw={500} tt="none">
              {METHOD_WORDS[source.method]}
            </Badge>
          ) : null}
          {typeof source.score === 'number' ? (
            <Badge size="xs" variant="default" fw={500} tt="none">
              match {Math.round(Math.min(1, Math.max(0, source.score)) * 100)}%
            </Badge>
          ) : null}
          {where ? (
            <Text size="xs" c="dimmed">
              {where}
            </Text>
          ) : null}
        </Group>
      </div>
    </li>
  );
}
