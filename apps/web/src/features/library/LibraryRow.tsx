import {
  Anchor,
  Badge,
  Button,
  Group,
  Image,
  Paper,
  Stack,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconExternalLink, IconEyeOff, IconPhoto, IconWorldUpload } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { LibraryItem } from '../../api/useLibrary';
import { absoluteTime, relativeTime } from '../../ui/format';

/** One published piece: thumbnail, title and tags, status, when, and its actions. */
export function LibraryRow({
  item,
  mayEdit,
  toggling,
  onToggle,
}: {
  item: LibraryItem;
  mayEdit: boolean;
  toggling: boolean;
  onToggle(): void;
}) {
  return (
    <Table.Tr data-testid="library-row">
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
              loading={toggling}
              onClick={onToggle}
              data-testid="library-toggle"
            >
              {item.status === 'published' ? 'Unpublish' : 'Publish'}
            </Button>
          ) : null}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
