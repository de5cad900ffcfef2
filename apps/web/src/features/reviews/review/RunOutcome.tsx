import { Button, Group, Stack, Text } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { LiveRun } from '../../../realtime/liveRun';
import { RunStatusBadge } from '../../../ui/RunStatusBadge';

const WORDS: Record<string, string> = {
  queued: 'About to continue…',
  running: 'Continuing with the decision…',
  waiting_review: 'Waiting for this decision',
  succeeded: 'Finished',
  failed: 'Stopped',
  canceled: 'Canceled',
};

/** Where the run stands, live: waiting, continuing after the decision, finished. */
export function RunOutcome({
  run,
  workflowId,
  runId,
}: {
  run: LiveRun | null;
  workflowId: string;
  runId: string;
}) {
  return (
    <Stack gap={8} data-testid="review-run" data-status={run?.status}>
      <Group gap={8} wrap="nowrap">
        {run ? <RunStatusBadge status={run.status} /> : null}
        <Text size="sm" c="dimmed" lineClamp={1}>
          {run ? WORDS[run.status] : 'Loading the run…'}
        </Text>
      </Group>
      <Button
        component={Link}
        to={`/workflows/${workflowId}?run=${runId}`}
        size="xs"
        variant="default"
        rightSection={<IconArrowRight size={14} />}
        data-testid="open-run"
        style={{ alignSelf: 'flex-start' }}
      >
        Open the run
      </Button>
    </Stack>
  );
}
