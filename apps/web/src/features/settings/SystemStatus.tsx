import { Alert, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { HealthView } from '@flowpress/shared';
import { QueryState } from '../../ui/QueryState';
import { useHealth } from './useHealth';

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600} data-testid={`system-${label.toLowerCase().replace(/\W+/g, '-')}`}>
        {value}
      </Text>
    </Stack>
  );
}

function StatusBody({ health }: { health: HealthView }) {
  const stats = health.queueStats;
  const scaled = health.queue === 'bullmq';
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <Badge color={health.status === 'ok' ? 'green' : 'orange'} variant="light">
          {health.status === 'ok' ? 'Healthy' : 'Degraded'}
        </Badge>
        <Badge variant="outline">{scaled ? 'Queue on Redis' : 'Single process'}</Badge>
        <Badge variant="outline">Database: {health.database}</Badge>
      </Group>
      {stats?.error ? (
        <Alert color="orange" variant="light" title="The queue does not answer">
          {stats.error}. New runs are stored and start once Redis is back.
        </Alert>
      ) : null}
      {stats ? (
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          <Fact label="Waiting runs" value={String(stats.depth)} />
          <Fact label="Running now" value={String(stats.active)} />
          <Fact
            label="Workers seen"
            value={scaled ? String(stats.workersSeen) : '1 (this server)'}
          />
          <Fact
            label="Redis round trip"
            value={stats.redisRttMs === null ? '—' : `${stats.redisRttMs} ms`}
          />
        </SimpleGrid>
      ) : null}
      <Text size="xs" c="dimmed">
        Workers seen counts worker processes that checked in during the last 30 seconds.
      </Text>
    </Stack>
  );
}

/** What the run queue looks like from this server: depth, active runs, workers, Redis latency. */
export function SystemStatus() {
  const health = useHealth();
  return (
    <Paper withBorder radius="lg" p="lg" data-testid="system-status">
      <Title order={4} mb="sm">
        System
      </Title>
      <QueryState
        query={health}
        what="The server's status"
        isEmpty={() => false}
        skeletonHeight={80}
      >
        {(data) => <StatusBody health={data} />}
      </QueryState>
    </Paper>
  );
}
