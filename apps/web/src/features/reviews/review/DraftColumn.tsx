import {
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
import { useMemo, type MouseEvent } from 'react';
import type { Review } from '../../../api/reviewTypes';
import { AssetImage } from '../../../ui/AssetImage';
import { JsonTree } from '../../../ui/JsonTree';
import { Markdown } from '../../../ui/Markdown';
import { OfflineTag } from '../../../ui/OfflineTag';
import { linkCitations } from './citations';
import { SOURCE_ID_PREFIX, SourcesFootnotes } from './SourcesFootnotes';
import { TextDiffView } from './TextDiffView';
import type { TextDiff } from './textDiff';
import classes from '../Reviews.module.css';

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

/** Citation links scroll to their footnote and make it blink, without touching the address. */
function followCitation(event: MouseEvent<HTMLDivElement>) {
  const link = (event.target as HTMLElement).closest('a[data-cite]');
  if (!link) return;
  event.preventDefault();
  const target = document.getElementById(`${SOURCE_ID_PREFIX}${link.getAttribute('data-cite')}`);
  if (!target) return;
  target.scrollIntoView({ behavior: 'smooth', block: 'center' });
  target.setAttribute('data-flash', '');
  setTimeout(() => target.removeAttribute('data-flash'), 1200);
}

/** The left column: the draft as it will read, its images, data and sources; or the editor. */
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
    () => (text ? linkCitations(text, sourceCount, SOURCE_ID_PREFIX) : ''),
    [text, sourceCount],
  );
  const tabs = [
    { label: 'Preview', value: 'preview' },
    ...(editing ? [{ label: 'Edit', value: 'write' }] : []),
    {
      label: diff?.changed ? `Changes (+${diff.added} −${diff.removed})` : 'Changes',
      value: 'changes',
    },
  ];
  const showTabs = editing || Boolean(diff?.changed);

  return (
    <Paper withBorder radius="lg" className={classes.draft} data-testid="review-draft">
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

      {text !== null ? (
        tab === 'write' && editing ? (
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
        ) : tab === 'changes' && diff ? (
          <TextDiffView diff={diff} />
        ) : (
          <div className={classes.draftText} onClick={followCitation} data-testid="draft-text">
            <Markdown source={rendered} />
          </div>
        )
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

      {sourceCount > 0 && sources ? (
        <>
          <Divider my="xl" />
          <SourcesFootnotes sources={sources} />
        </>
      ) : null}

      {text === null && !images?.length && (json === undefined || json === null) ? (
        <Stack align="center" py="xl">
          <Text c="dimmed">This step received nothing to show.</Text>
        </Stack>
      ) : null}
    </Paper>
  );
}
