import {
  Badge,
  Box,
  Divider,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import type { RefObject } from 'react';
import { useMemo } from 'react';
import type { Review } from '../../../api/reviewTypes';
import { AssetImage } from '../../../ui/AssetImage';
import { JsonTree } from '../../../ui/JsonTree';
import { Markdown } from '../../../ui/Markdown';
import { OfflineTag } from '../../../ui/OfflineTag';
import { citationCounts, markCitations, unresolvedCitations } from './citations';
import { SourcesPanel } from './SourcesPanel';
import { TextDiffView } from './TextDiffView';
import type { TextDiff } from './textDiff';
import { useCitationHighlight, type CitationHighlight } from './useCitationHighlight';
import classes from '../Reviews.module.css';
import sourceClasses from './Sources.module.css';

export type DraftTab = 'preview' | 'write' | 'changes';

interface Props {
  review: Review;
  /** The text shown: the reviewer's edit, the approved edit, or the original. */
  text: string | null;
  diff: TextDiff | null;
  editing: boolean;
  tab: DraftTab;
  offline: boolean;
  onTab(tab: DraftTab): void;
  onChange(text: string): void;
  editorRef: RefObject<HTMLTextAreaElement | null>;
}

function SectionTitle({ children }: { children: string }) {
  return (
    <Title order={5} fz="sm" tt="uppercase" c="dimmed" mb="xs" style={{ letterSpacing: '0.04em' }}>
      {children}
    </Title>
  );
}

/** Under the editor: the marks the text cites, each highlighting its passage like a marker. */
function CitationChips({
  counts,
  sourceCount,
  active,
  handlersFor,
}: {
  counts: Map<number, number>;
  sourceCount: number;
} & Pick<CitationHighlight, 'active' | 'handlersFor'>) {
  const numbers = [...counts.keys()].sort((a, b) => a - b);
  if (!numbers.length) return null;
  return (
    <Group gap={6} className={sourceClasses.chips} data-testid="editor-citations">
      <Text size="xs" c="dimmed">
        Cites
      </Text>
      {numbers.map((n) => {
        const resolved = n >= 1 && n <= sourceCount;
        return (
          <Badge
            key={n}
            component="button"
            type="button"
            size="sm"
            variant={active === n ? 'filled' : 'light'}
            color={resolved ? undefined : 'orange'}
            tt="none"
            style={{ cursor: 'pointer' }}
            title={resolved ? `Show passage ${n}` : `No passage is numbered ${n}`}
            data-cite-chip={n}
            {...(resolved ? handlersFor(n, 'marker') : {})}
          >
            [{n}]{resolved ? '' : ' ?'}
          </Badge>
        );
      })}
    </Group>
  );
}

/** The left column: the draft as it will read (or the editor) beside its sources; images and data below it. */
export function DraftColumn({
  review,
  text,
  diff,
  editing,
  tab,
  offline,
  onTab,
  onChange,
  editorRef,
}: Props) {
  const { images, json, sources } = review.content;
  const sourceCount = sources?.length ?? 0;
  const rendered = useMemo(
    () => (text ? markCitations(text, sourceCount) : ''),
    [text, sourceCount],
  );
  const counts = useMemo(() => citationCounts(text ?? ''), [text]);
  const unresolved = useMemo(
    () => (sourceCount > 0 ? unresolvedCitations(text ?? '', sourceCount) : []),
    [text, sourceCount],
  );
  const { active, attachDraft, draftHandlers, handlersFor } = useCitationHighlight();
  const tabs = [
    { label: 'Preview', value: 'preview' },
    ...(editing ? [{ label: 'Edit', value: 'write' }] : []),
    {
      label: diff?.changed ? `Changes (+${diff.added} −${diff.removed})` : 'Changes',
      value: 'changes',
    },
  ];
  const showTabs = editing || Boolean(diff?.changed);

  const draft = (
    <Paper
      withBorder
      radius="lg"
      className={`${classes.draft} ${sourceCount ? sourceClasses.draftBeside : ''}`}
      data-testid="review-draft"
    >
      <Group justify="space-between" mb="lg" wrap="nowrap">
        <Group gap={8}>
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" style={{ letterSpacing: '0.05em' }}>
            {editing
              ? 'Editing the draft'
              : review.decision?.edits?.text !== undefined
                ? 'Approved version'
                : 'Draft'}
          </Text>
          {offline ? <OfflineTag /> : null}
        </Group>
        {showTabs && text !== null ? (
          <SegmentedControl
            size="xs"
            value={tab}
            onChange={(v) => onTab(v as DraftTab)}
            data={tabs}
            data-testid="draft-tabs"
          />
        ) : null}
      </Group>

      {text !== null && tab === 'write' && editing ? (
        <>
          <Textarea
            ref={editorRef}
            className={classes.editor}
            value={text}
            onChange={(e) => onChange(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') e.currentTarget.blur();
            }}
            autosize
            minRows={14}
            maxRows={40}
            aria-label="Edit the draft (markdown)"
            description="Markdown. Press Esc to leave the editor and use the shortcuts again."
            data-testid="draft-editor"
          />
          {sourceCount > 0 ? (
            <CitationChips
              counts={counts}
              sourceCount={sourceCount}
              active={active}
              handlersFor={handlersFor}
            />
          ) : null}
        </>
      ) : text !== null && tab === 'changes' && diff ? (
        <TextDiffView diff={diff} />
      ) : text !== null ? (
        <div
          ref={attachDraft}
          className={`${classes.draftText} ${sourceClasses.markers}`}
          data-testid="draft-text"
          {...draftHandlers}
        >
          <Markdown source={rendered} />
        </div>
      ) : null}

      {images?.length ? (
        <>
          {text !== null ? <Divider my="xl" /> : null}
          <SectionTitle>{images.length === 1 ? 'Image' : `Images (${images.length})`}</SectionTitle>
          <SimpleGrid cols={images.length === 1 ? 1 : 2} spacing="md" data-testid="review-images">
            {images.map((image, i) => (
              <Box
                key={image.assetId ?? image.url ?? i}
                maw={images.length === 1 ? 480 : undefined}
              >
                <AssetImage
                  image={image}
                  {...(images.length === 1 ? {} : { height: 220 })}
                  fit={images.length === 1 ? 'contain' : 'cover'}
                />
                {image.width && image.height ? (
                  <Text size="xs" c="dimmed" mt={4}>
                    {image.width} × {image.height}
                  </Text>
                ) : null}
              </Box>
            ))}
          </SimpleGrid>
        </>
      ) : null}

      {json !== undefined && json !== null ? (
        <>
          <Divider my="xl" />
          <SectionTitle>Data</SectionTitle>
          <JsonTree value={json} />
        </>
      ) : null}

      {text === null && !images?.length && (json === undefined || json === null) ? (
        <Stack align="center" py="xl">
          <Text c="dimmed">This step received nothing to show.</Text>
        </Stack>
      ) : null}
    </Paper>
  );
  if (!sourceCount || !sources) return draft;
  return (
    <div className={sourceClasses.layout}>
      <div className={sourceClasses.grid}>
        {draft}
        <SourcesPanel
          sources={sources}
          counts={counts}
          unresolved={unresolved}
          active={active}
          handlersFor={handlersFor}
        />
      </div>
    </div>
  );
}
