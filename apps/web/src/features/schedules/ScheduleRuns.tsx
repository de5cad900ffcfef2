import { Anchor, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useScheduleRuns } from '../../api/useScheduleRuns';
import { absoluteTime, relativeTime } from '../../ui/format';
import { QueryState } from '../../ui/QueryState';
import { RunStatusBadge } from '../../ui/RunStatusBadge';

/** The runs one schedule made, newest first, each linking to the run on the canvas. */
export function ScheduleRuns({ scheduleId }: { scheduleId: string }) {
  const runs = useScheduleRuns(scheduleId);
  return (
    <QueryState
      query={runs}
      what="Runs"
      skeletonHeight={60}
      empty={{
        icon: null,
        title: 'No runs yet',
        description: 'Runs appear here when the schedule fires or you run it now.',
      }}
    >
      {(list) => (
        <Stack gap={4} data-testid="schedule-runs">
          {list.slice(0, 10).map((run) => (
            <Group key={run.id} gap="sm" data-testid="schedule-run">
              <RunStatusBadge status={run.status} />
              <Anchor component={Link} to={`/workflows/${run.workflowId}?run=${run.id}`} size="sm">
                {run.fireAt
                  ? `Fire of ${absoluteTime(run.fireAt)}`
                  : `Run now, ${absoluteTime(run.createdAt)}`}
              </Anchor>
              <Text size="xs" c="dimmed">
                {relativeTime(run.createdAt)} · {run.trigger}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
    </QueryState>
  );
}
