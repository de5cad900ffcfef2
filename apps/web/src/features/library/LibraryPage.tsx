import {
  Alert,
  Anchor,
  Badge,
  Button,
  CopyButton,
  EmptyState,
  Group,
  Image,
  Paper,
  SegmentedControl,
  Skeleton,
  Stack,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconBooks,
  IconCheck,
  IconCopy,
  IconExternalLink,
  IconEyeOff,
  IconPhoto,
  IconRss,
  IconWorldUpload,
} from '@tabler/icons-react';
import { ROLE_RANK } from '@flowpress/shared';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useLibrary, type LibraryItem } from '../../api/useLibrary';
import { useMe } from '../../api/useMe';
import { useSetLibraryStatus } from '../../api/useSetLibraryStatus';
import { absoluteTime, relativeTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';

type View = 'all' | 'published' | 'unpublished';

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

function Feeds({ items }: { items: LibraryItem[] }) {
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

/** `/content`: what workflows published to the built-in library, with publish/unpublish. */
export function LibraryPage() {
  const library = useLibrary();
  const me = useMe();
  const setStatus = useSetLibraryStatus();
  const [view, setView] = useState<View>('all');
  const items = useMemo(() => library.data ?? [], [library.data]);
  const shown = items.filter((i) => view === 'all' || i.status === view);
  const mayEdit = me.data ? ROLE_RANK[me.data.role] >= ROLE_RANK.editor : false;

  const toggle = (item: LibraryItem) => {
    const publish = item.status !== 'published';
    setStatus.mutate(
      { id: item.id, publish },
      {
        onSuccess: () =>
          notifications.show({
            color: publish ? 'green' : 'gray',
            title: publish ? 'Published again' : 'Unpublished',
            message: publish
              ? `“${item.title}” is back on the public page and in the feeds.`
              : `“${item.title}” is off the public library and the feeds. Its address stays reserved.`,
          }),
        onError: (e) =>
          notifications.show({ color: 'red', title: 'Could not change it', message: e.message }),
      },
    );
  };

  return (
    <>
      <PageHeader
        title="Library"
        description="Everything your workflows published to the built-in content library."
      />
      {library.isError ? (
        <Alert color="red" title="The library could not be loaded" mb="md">
          {library.error.message}
        </Alert>
      ) : null}
      {library.isLoading ? <Skeleton h={240} radius="lg" /> : null}
      {library.isSuccess && items.length === 0 ? (
        <EmptyState
          mt={48}
          variant="light"
          icon={<IconBooks size={28} />}
          title={
            library.data === null ? 'The library is not switched on yet' : 'Nothing published yet'
          }
          description="Add a Publish step with the Library target to a workflow. Approved pieces land here, on their public page and in the RSS feed."
        >
          <EmptyState.Actions>
            <Button component={Link} to="/workflows">
              Go to workflows
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      ) : null}
      {items.length > 0 ? (
        <>
          <Feeds items={items} />
          <Group mb="sm">
            <SegmentedControl
              value={view}
              onChange={(v) => setView(v as View)}
              data={[
                { label: `All (${items.length})`, value: 'all' },
                { label: 'Published', value: 'published' },
                { label: 'Unpublished', value: 'unpublished' },
              ]}
            />
          </Group>
          <Paper withBorder radius="lg" style={{ overflow: 'hidden' }}>
            <Table verticalSpacing="sm" horizontalSpacing="md" data-testid="library-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Piece</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Published</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((item) => (
                  <Table.Tr key={item.id} data-testid="library-row">
                    <Table.Td>
                      <Group gap="sm" wrap="nowrap">
                        {item.image ? (
                          <Image src={item.image} w={48} h={48} radius="md" fit="cover" alt="" />
                        ) : (
                          <Paper w={48} h={48} radius="md" bg="var(--mantine-color-gray-1)">
                            <Stack h="100%" align="center" justify="center">
                              <IconPhoto size={18} color="var(--mantine-color-gray-5)" />
                            </Stack>
                          </Paper>
                        )}
                        <div style={{ minWidth: 0 }}>
                          <Anchor
                            href={item.url}
                            target="_blank"
                            rel="noreferrer"
                            fw={600}
                            size="sm"
                            c="inherit"
                            lineClamp={1}
                            data-testid="library-title"
                          >
                            {item.title}
                          </Anchor>
                          <Text size="xs" c="dimmed" lineClamp={1} maw={520}>
                            {item.excerpt}
                          </Text>
                          {item.tags.length ? (
                            <Group gap={4} mt={4}>
                              {item.tags.slice(0, 4).map((t) => (
                                <Badge key={t} size="xs" variant="default" tt="none" fw={500}>
                                  {t}
                                </Badge>
                              ))}
                            </Group>
                          ) : null}
                        </div>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Badge
                        color={item.status === 'published' ? 'green' : 'gray'}
                        variant={item.status === 'published' ? 'light' : 'outline'}
                        tt="none"
                        data-testid="library-status"
                      >
                        {item.status === 'published' ? 'Published' : 'Unpublished'}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Tooltip label={absoluteTime(item.publishedAt)}>
                        <Text size="sm">{relativeTime(item.publishedAt)}</Text>
                      </Tooltip>
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        {item.workflowId && item.runId ? (
                          <Button
                            component={Link}
                            to={`/workflows/${item.workflowId}?run=${item.runId}`}
                            size="xs"
                            variant="subtle"
                          >
                            Run
                          </Button>
                        ) : null}
                        <Button
                          component="a"
                          href={item.url}
                          target="_blank"
                          rel="noreferrer"
                          size="xs"
                          variant="default"
                          rightSection={<IconExternalLink size={13} />}
                        >
                          Page
                        </Button>
                        {mayEdit ? (
                          <Button
                            size="xs"
                            variant={item.status === 'published' ? 'default' : 'light'}
                            color={item.status === 'published' ? 'gray' : 'green'}
                            leftSection={
                              item.status === 'published' ? (
                                <IconEyeOff size={14} />
                              ) : (
                                <IconWorldUpload size={14} />
                              )
                            }
                            loading={setStatus.isPending && setStatus.variables?.id === item.id}
                            onClick={() => toggle(item)}
                            data-testid="library-toggle"
                          >
                            {item.status === 'published' ? 'Unpublish' : 'Publish'}
                          </Button>
                        ) : null}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        </>
      ) : null}
    </>
  );
}
