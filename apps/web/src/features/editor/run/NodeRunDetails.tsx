import { Accordion, Alert, Badge, Box, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLiveNode, useLiveRun } from '../../../stores/liveRunStore';
import { durationBetween, formatDuration, formatNumber } from '../../../ui/format';
import { OfflineTag } from '../../../ui/OfflineTag';
import { OutputValue } from '../../../ui/OutputValue';
import { RunStatusBadge } from '../../../ui/RunStatusBadge';
import { retryLabel } from '../../../realtime/liveRun';
import { useEditorStore } from '../state/editorStore';
import classes from './RunPanel.module.css';

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600}>
        {value}
      </Text>
    </div>
  );
}

/** What one step did in the selected run: status, timing, tokens, the inputs it got and its output. */
export function NodeRunDetails({ runId, nodeId }: { runId: string; nodeId: string }) {
  const live = useLiveNode(runId, nodeId);
  const run = useLiveRun(runId);
  const incoming = useEditorStore(useShallow((s) => s.edges.filter((e) => e.target === nodeId)));

  const inputs = useMemo(
    () =>
      incoming.map((e) => {
        const output = run?.nodes[e.source]?.output;
        const port = e.sourceHandle ?? Object.keys(output ?? {})[0] ?? '';
        return {
          key: e.id,
          label: `${e.source}.${port}`,
          into: e.targetHandle ?? '',
          value: output ? output[port] : undefined,
        };
      }),
    [incoming, run],
  );

  if (!run) {
    return (
      <Text size="sm" c="dimmed">
        Loading the run…
      </Text>
    );
  }
  if (!live || live.status === 'pending') {
    return (
      <Stack gap="xs" data-testid="node-run-details">
        <RunStatusBadge status="pending" />
        <Text size="sm" c="dimmed">
          {run.status === 'queued' || run.status === 'running'
            ? 'This step has not started yet.'
            : 'This step did not run.'}
        </Text>
      </Stack>
    );
  }

  const usage = live.usage;
  const tokens = usage ? usage.totalTokens || usage.inputTokens + usage.outputTokens : 0;
  const ports = Object.entries(live.output ?? {});

  return (
    <Stack gap="md" data-testid="node-run-details">
      <Group gap="xs">
        <RunStatusBadge status={live.status} />
        {usage?.provider === 'offline' ? <OfflineTag /> : null}
        {live.retrying ? (
          <Badge color="orange" variant="light" size="sm" data-testid="node-retrying">
            {retryLabel(live.retrying)}
          </Badge>
        ) : null}
      </Group>
      <SimpleGrid cols={3} spacing="xs">
        <Fact
          label="Duration"
          value={formatDuration(durationBetween(live.startedAt, live.finishedAt))}
        />
        <Fact label="Attempts" value={String(live.attempts || 1)} />
        <Fact label="Tokens" value={tokens ? formatNumber(tokens) : '—'} />
      </SimpleGrid>
      {usage?.model ? (
        <Text size="xs" c="dimmed">
          Model: {usage.model}
          {usage.inputTokens || usage.outputTokens
            ? ` · ${formatNumber(usage.inputTokens)} in / ${formatNumber(usage.outputTokens)} out`
            : ''}
          {usage.images ? ` · ${usage.images} image${usage.images === 1 ? '' : 's'}` : ''}
        </Text>
      ) : null}
      {live.error ? (
        <Alert
          color={live.retrying ? 'orange' : 'red'}
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          title={live.retrying ? 'This attempt failed, trying again' : 'This step failed'}
        >
          <Text size="sm">{live.error.message}</Text>
          {live.error.code ? (
            <Text size="xs" c="dimmed" mt={4}>
              Code: {live.error.code}
            </Text>
          ) : null}
        </Alert>
      ) : null}
      {live.status === 'running' && live.stream ? (
        <div>
          <Text size="xs" fw={650} tt="uppercase" c="dimmed" mb={4}>
            Writing…
          </Text>
          <Box className={classes.stream} data-testid="inspector-stream">
            {live.stream}
            <span className={classes.caret} />
          </Box>
        </div>
      ) : null}
      {ports.length ? (
        <Stack gap="sm" data-testid="node-output">
          {ports.map(([port, value]) => (
            <div key={port}>
              <Text size="xs" fw={650} tt="uppercase" c="dimmed" mb={4}>
                Output · {port}
              </Text>
              <OutputValue value={value} />
            </div>
          ))}
        </Stack>
      ) : null}
      {inputs.length ? (
        <Accordion variant="contained" radius="md">
          <Accordion.Item value="inputs">
            <Accordion.Control>Inputs it received ({inputs.length})</Accordion.Control>
            <Accordion.Panel>
              <Stack gap="sm">
                {inputs.map((input) => (
                  <div key={input.key}>
                    <Text size="xs" fw={600} ff="monospace" mb={4}>
                      {input.label} → {input.into}
                    </Text>
                    {input.value === undefined ? (
                      <Text size="xs" c="dimmed">
                        Nothing yet
                      </Text>
                    ) : (
                      <OutputValue value={input.value} />
                    )}
                  </div>
                ))}
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        </Accordion>
      ) : null}
      {live.logs.length ? (
        <Accordion variant="contained" radius="md">
          <Accordion.Item value="logs">
            <Accordion.Control>Log ({live.logs.length})</Accordion.Control>
            <Accordion.Panel>
              <Stack gap={2}>
                {live.logs.map((l, i) => (
                  <Text
                    key={i}
                    size="xs"
                    c={l.level === 'warn' ? 'orange' : undefined}
                    ff="monospace"
                  >
                    {l.message}
                  </Text>
                ))}
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        </Accordion>
      ) : null}
    </Stack>
  );
}
