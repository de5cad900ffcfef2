import { Button, CopyButton, Group, Paper, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy, IconExternalLink, IconRss } from '@tabler/icons-react';
import type { LibraryItem } from '../../api/useLibrary';

/** The public URLs come from the server (its public base); the feeds live beside the pages. */
function feedsOf(items: LibraryItem[]): { rss: string; atom: string; index: string } {
  const sample = items[0]?.url;
  const base = sample ? sample.slice(0, sample.indexOf('/library/')) : window.location.origin;
  return {
    rss: `${base}/library/feed.xml`,
    atom: `${base}/library/atom.xml`,
    index: `${base}/library`,
  };
}

export function LibraryFeeds({ items }: { items: LibraryItem[] }) {
  const feeds = feedsOf(items);
  return (
    <Paper withBorder radius="lg" p="md" mb="md">
      <Group justify="space-between" wrap="nowrap">
        <Group gap="sm" wrap="nowrap">
          <IconRss size={20} color="var(--mantine-color-orange-6)" />
          <div>
            <Text size="sm" fw={600}>
              Public library and feeds
            </Text>
            <Text size="xs" c="dimmed">
              Published pieces appear on the public pages and in the feeds; unpublished ones do not.
            </Text>
          </div>
        </Group>
        <Group gap="xs" wrap="nowrap">
          <Button
            component="a"
            href={feeds.index}
            target="_blank"
            rel="noreferrer"
            size="xs"
            variant="default"
            rightSection={<IconExternalLink size={13} />}
          >
            Public library
          </Button>
          {(
            [
              ['RSS', feeds.rss],
              ['Atom', feeds.atom],
            ] as const
          ).map(([label, url]) => (
            <CopyButton key={label} value={url}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? 'Copied' : `Copy the ${label} feed address`}>
                  <Button
                    size="xs"
                    variant="light"
                    color={copied ? 'green' : 'orange'}
                    leftSection={copied ? <IconCheck size={13} /> : <IconCopy size={13} />}
                    onClick={copy}
                    data-testid={`feed-${label.toLowerCase()}`}
                    data-url={url}
                  >
                    {label} feed
                  </Button>
                </Tooltip>
              )}
            </CopyButton>
          ))}
        </Group>
      </Group>
    </Paper>
  );
}
