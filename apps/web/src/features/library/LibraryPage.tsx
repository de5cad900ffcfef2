import { Button, Group, SegmentedControl } from '@mantine/core';
import { IconBooks } from '@tabler/icons-react';
import { Link } from 'react-router';
import { PageHeader } from '../../ui/PageHeader';
import { QueryState } from '../../ui/QueryState';
import { LibraryFeeds } from './LibraryFeeds';
import { LibraryTable } from './LibraryTable';
import { useLibraryPage, type LibraryView } from './useLibraryPage';

/** `/content`: what workflows published to the built-in library, with publish/unpublish. */
export function LibraryPage() {
  const { library, items, shown, view, setView, mayEdit, toggle, togglingId } = useLibraryPage();
  return (
    <>
      <PageHeader
        title="Library"
        description="Everything your workflows published to the built-in content library."
      />
      <QueryState
        query={library}
        what="The library"
        isEmpty={(data) => !data || data.length === 0}
        skeletonHeight={240}
        empty={{
          icon: <IconBooks size={28} />,
          title:
            library.data === null ? 'The library is not switched on yet' : 'Nothing published yet',
          description:
            'Add a Publish step with the Library target to a workflow. Approved pieces land here, on their public page and in the RSS feed.',
          action: (
            <Button component={Link} to="/workflows">
              Go to workflows
            </Button>
          ),
        }}
      >
        {() => (
          <>
            <LibraryFeeds items={items} />
            <Group mb="sm">
              <SegmentedControl
                value={view}
                onChange={(v) => setView(v as LibraryView)}
                data={[
                  { label: `All (${items.length})`, value: 'all' },
                  { label: 'Published', value: 'published' },
                  { label: 'Unpublished', value: 'unpublished' },
                ]}
              />
            </Group>
            <LibraryTable
              items={shown}
              mayEdit={mayEdit}
              togglingId={togglingId}
              onToggle={toggle}
            />
          </>
        )}
      </QueryState>
    </>
  );
}
