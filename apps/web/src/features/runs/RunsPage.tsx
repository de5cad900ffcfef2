import { Button, Group, SegmentedControl } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { Link } from 'react-router';
import { PageHeader } from '../../ui/PageHeader';
import { QueryState } from '../../ui/QueryState';
import { RunsTable } from './RunsTable';
import { useRunsPage, type RunsFilter } from './useRunsPage';

const FILTERS: { label: string; value: RunsFilter }[] = [
  { label: 'All', value: 'all' },
  { label: 'Running', value: 'running' },
  { label: 'Waiting for review', value: 'waiting_review' },
  { label: 'Succeeded', value: 'succeeded' },
  { label: 'Failed', value: 'failed' },
];

export function RunsPage() {
  const { filter, setFilter, runs, names } = useRunsPage();
  return (
    <>
      <PageHeader
        title="Runs"
        description="Every time a workflow ran, what it produced and how long it took."
      />
      <Group mb="md">
        <SegmentedControl
          value={filter}
          onChange={(v) => setFilter(v as RunsFilter)}
          data={FILTERS}
        />
      </Group>
      <QueryState
        query={runs}
        what="Runs"
        skeletonHeight={240}
        empty={{
          icon: <IconHistory size={28} />,
          title: filter === 'all' ? 'No runs yet' : 'No runs with this status',
          description:
            'Open a workflow and press Run to produce content. Every run shows up here with its results.',
          action: (
            <Button component={Link} to="/workflows">
              Go to workflows
            </Button>
          ),
        }}
      >
        {(list) => <RunsTable runs={list} names={names} />}
      </QueryState>
    </>
  );
}
