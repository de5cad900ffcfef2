import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Stack,
  Switch,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconAlertTriangle, IconPencil, IconPlayerPlay, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { FireOutcome, ScheduleView } from '@flowpress/shared';
import { absoluteTime, relativeTime } from '../../ui/format';
import { inFuture } from './CronEditor';
import { ScheduleRuns } from './ScheduleRuns';

const OUTCOME_COLOR: Record<FireOutcome, string> = {
  started: 'green',
  claimed: 'blue',
  queued: 'blue',
  skipped: 'gray',
  missed: 'orange',
  failed: 'red',
};

interface Props {
  schedule: ScheduleView;
  canEdit: boolean;
  /** Show which workflow it runs (the Schedules page; not the editor's own panel). */
  showWorkflow: boolean;
  onToggle(enabled: boolean): void;
  onEdit(): void;
  onDelete(): void;
  onRunNow(): void;
  running: boolean;
}

/** One schedule read as a sentence, with its next fire, its last fire and its runs. */
export function ScheduleCard({
  schedule: s,
  canEdit,
  showWorkflow,
  onToggle,
  onEdit,
  onDelete,
  onRunNow,
  running,
}: Props) {
  const [open, setOpen] = useState(false);
  return (
    <Paper withBorder radius="lg" p="md" data-testid="schedule-card">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={2}>
            <Group gap="xs">
              <Text fw={600} data-testid="schedule-title">
                {s.name ?? s.description}
              </Text>
              {s.failing ? (
                <Badge
                  color="red"
                  leftSection={<IconAlertTriangle size={12} />}
                  data-testid="schedule-failing"
                >
                  Last 3 fires failed
                </Badge>
              ) : null}
              {!s.enabled ? <Badge color="gray">Off</Badge> : null}
            </Group>
            <Text size="sm" data-testid="schedule-sentence">
              {s.description}, {s.timezone}
              {showWorkflow ? ` · runs ${s.workflowName ?? 'a deleted workflow'}` : ''}
            </Text>
          </Stack>
          <Group gap="xs" wrap="nowrap">
            <Switch
              checked={s.enabled}
              disabled={!canEdit}
              onChange={(e) => onToggle(e.currentTarget.checked)}
              aria-label={s.enabled ? 'Turn off' : 'Turn on'}
              data-testid="schedule-enabled"
            />
            {canEdit ? (
              <>
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconPlayerPlay size={14} />}
                  onClick={onRunNow}
                  loading={running}
                  data-testid="schedule-run-now"
                >
                  Run now
                </Button>
                <Tooltip label="Edit">
                  <ActionIcon
                    variant="subtle"
                    onClick={onEdit}
                    aria-label="Edit schedule"
                    data-testid="schedule-edit"
                  >
                    <IconPencil size={16} />
                  </ActionIcon>
                </Tooltip>
                <Tooltip label="Delete">
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    onClick={onDelete}
                    aria-label="Delete schedule"
                    data-testid="schedule-delete"
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Tooltip>
              </>
            ) : null}
          </Group>
        </Group>
        <Group gap="xl">
          <div>
            <Text size="xs" c="dimmed">
              Next run
            </Text>
            {s.nextRunAt ? (
              <Text size="sm" data-testid="schedule-next">
                {inFuture(s.nextRunAt)} · {absoluteTime(s.nextRunAt)}
              </Text>
            ) : (
              <Text size="sm" c="dimmed" data-testid="schedule-next">
                {s.enabled ? 'Nothing coming (past its end)' : 'Off'}
              </Text>
            )}
          </div>
          <div>
            <Text size="xs" c="dimmed">
              Last fire
            </Text>
            {s.lastFire ? (
              <Group gap={6}>
                <Badge
                  size="sm"
                  variant="light"
                  color={OUTCOME_COLOR[s.lastFire.outcome]}
                  data-testid="schedule-last-outcome"
                >
                  {s.lastFire.outcome}
                </Badge>
                <Tooltip label={absoluteTime(s.lastFire.fireAt)}>
                  <Text size="sm">{relativeTime(s.lastFire.fireAt)}</Text>
                </Tooltip>
              </Group>
            ) : (
              <Text size="sm" c="dimmed">
                Never
              </Text>
            )}
          </div>
          <Button
            size="xs"
            variant="subtle"
            onClick={() => setOpen((o) => !o)}
            data-testid="schedule-show-runs"
          >
            {open ? 'Hide runs' : 'Runs'}
          </Button>
        </Group>
        {s.lastFire?.reason ? (
          <Text size="xs" c="dimmed" data-testid="schedule-last-reason">
            {s.lastFire.reason}
          </Text>
        ) : null}
        {s.inputsProblem ? (
          <Alert
            color="orange"
            variant="light"
            title="The workflow changed: these inputs no longer fit"
            data-testid="schedule-inputs-problem"
          >
            {s.inputsProblem}. Edit the schedule to fix its inputs.
          </Alert>
        ) : null}
        {s.nextFires.length > 1 ? (
          <Text size="xs" c="dimmed">
            Then:{' '}
            {s.nextFires
              .slice(1)
              .map((f) => f.local)
              .join(' · ')}
          </Text>
        ) : null}
        {open ? <ScheduleRuns scheduleId={s.id} /> : null}
      </Stack>
    </Paper>
  );
}
