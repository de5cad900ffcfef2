import { Badge, Group, Paper, Table, Text, Tooltip } from '@mantine/core';
import type { RunView } from '@flowpress/shared';
import { useNavigate } from 'react-router';
import {
  absoluteTime,
  durationBetween,
  formatDuration,
  formatNumber,
  relativeTime,
} from '../../ui/format';
import { OfflineTag } from '../../ui/OfflineTag';
import { RunStatusBadge } from '../../ui/RunStatusBadge';

const TRIGGER: Record<string, string> = { manual: 'Manual', api: 'API', schedule: 'Schedule' };

/** The runs, one row each; a row opens its run in the editor. */
export function RunsTable({ runs, names }: { runs: RunView[]; names: Map<string, string> }) {
  const navigate = useNavigate();
  return (
    <Paper withBorder radius="lg" style={{ overflow: 'hidden' }}>
      <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md" data-testid="runs-table">
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
          {runs.map((run) => (
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
                  {formatDuration(durationBetween(run.startedAt ?? run.createdAt, run.finishedAt))}
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
  );
}
