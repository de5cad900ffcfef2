import {
  Alert,
  Badge,
  Button,
  EmptyState,
  Group,
  Paper,
  SegmentedControl,
  Skeleton,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import type { RunStatus } from '@flowpress/shared';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useRuns } from '../../api/useRuns';
import { useWorkflows } from '../../api/useWorkflows';
import {
  absoluteTime,
  durationBetween,
  formatDuration,
  formatNumber,
  relativeTime,
} from '../../ui/format';
import { OfflineTag } from '../../ui/OfflineTag';
import { PageHeader } from '../../ui/PageHeader';
import { RunStatusBadge } from '../../ui/RunStatusBadge';

const FILTERS: { label: string; value: RunStatus | 'all' }[] = [
  { label: 'All', value: 'all' },
  { label: 'Running', value: 'running' },
  { label: 'Waiting for review', value: 'waiting_review' },
  { label: 'Succeeded', value: 'succeeded' },
  { label: 'Failed', value: 'failed' },
];

const TRIGGER: Record<string, string> = { manual: 'Manual', api: 'API', schedule: 'Schedule' };

export function RunsPage() {
  const [filter, setFilter] = useState<RunStatus | 'all'>('all');
  const runs = useRuns(filter === 'all' ? {} : { status: filter });
  const workflows = useWorkflows();
  const navigate = useNavigate();
  const names = useMemo(
    () => new Map((workflows.data ?? []).map((w) => [w.id, w.name])),
    [workflows.data],
  );
  const list = useMemo(
    () => [...(runs.data ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
    [runs.data],
  );

  return (
    <>
      <PageHeader
        title="Runs"
        description="Every time a workflow ran, what it produced and how long it took."
      />
      <Group mb="md">
        <SegmentedControl
          value={filter}
          onChange={(v) => setFilter(v as RunStatus | 'all')}
          data={FILTERS}
        />
      </Group>
      {runs.isError ? (
        <Alert color="red" title="Runs could not be loaded">
          {runs.error.message}
        </Alert>
      ) : null}
      {runs.isLoading ? <Skeleton h={240} radius="lg" /> : null}
      {runs.isSuccess && list.length === 0 ? (
        <EmptyState
          mt={48}
          variant="light"
          icon={<IconHistory size={28} />}
          title={filter === 'all' ? 'No runs yet' : 'No runs with this status'}
          description="Open a workflow and press Run to produce content. Every run shows up here with its results."
        >
          <EmptyState.Actions>
            <Button component={Link} to="/workflows">
              Go to workflows
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      ) : null}
      {list.length > 0 ? (
        <Paper withBorder radius="lg" style={{ overflow: 'hidden' }}>
          <Table
            highlightOnHover
            verticalSpacing="sm"
            horizontalSpacing="md"
            data-testid="runs-table"
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Workflow</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Started</Table.Th>
                <Table.Th>Duration</Table.Th>
                <Table.Th>Tokens</Table.Th>
                <Table.Th>Trigger</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((run) => (
                <Table.Tr
                  key={run.id}
                  style={{ cursor: 'pointer' }}
                  onClick={() => void navigate(`/workflows/${run.workflowId}?run=${run.id}`)}
                >
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {names.get(run.workflowId) ?? 'Deleted workflow'}
                    </Text>
                    <Text size="xs" c="dimmed">
                      Version {run.workflowVersion}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6}>
                      <RunStatusBadge status={run.status} />
                      {run.usage?.provider === 'offline' ? <OfflineTag /> : null}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Tooltip label={absoluteTime(run.createdAt)}>
                      <Text size="sm">{relativeTime(run.createdAt)}</Text>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {formatDuration(
                        durationBetween(run.startedAt ?? run.createdAt, run.finishedAt),
                      )}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {run.usage?.totalTokens ? formatNumber(run.usage.totalTokens) : '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="default" size="sm">
                      {TRIGGER[run.trigger] ?? run.trigger}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      ) : null}
    </>
  );
}
