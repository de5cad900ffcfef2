import { Alert, Button, EmptyState, Paper, SimpleGrid, Text } from '@mantine/core';
import { IconBooks } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useLibrary } from '../../api/useLibrary';
import { relativeTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';

export function LibraryPage() {
  const library = useLibrary();
  const items = library.data ?? [];
  return (
    <>
      <PageHeader
        title="Library"
        description="Everything your workflows published to the built-in content library."
      />
      {library.isError ? (
        <Alert color="red" title="The library could not be loaded">
          {library.error.message}
        </Alert>
      ) : null}
      {library.isSuccess && items.length === 0 ? (
        <EmptyState
          mt={48}
          variant="light"
          icon={<IconBooks size={28} />}
          title="Nothing published yet"
          description="Add a Publish step with the Library target to a workflow. Approved pieces land here and in the RSS feed."
        >
          <EmptyState.Actions>
            <Button component={Link} to="/workflows">
              Go to workflows
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      ) : null}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {items.map((item) => (
          <Paper key={item.id} withBorder radius="lg" p="lg">
            <Text fw={650} lineClamp={1}>
              {item.title}
            </Text>
            <Text size="xs" c="dimmed" mb="xs">
              Published {relativeTime(item.publishedAt ?? item.createdAt)}
            </Text>
            <Text size="sm" c="dimmed" lineClamp={3}>
              {item.content}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
    </>
  );
}
