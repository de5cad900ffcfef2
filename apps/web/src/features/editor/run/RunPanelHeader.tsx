import { ActionIcon, Button, Group, Text, Tooltip } from '@mantine/core';
import {
  IconChevronDown,
  IconPlayerPlay,
  IconPlayerStop,
  IconRefresh,
  IconWifiOff,
} from '@tabler/icons-react';
import { durationBetween, formatDuration, formatNumber } from '../../../ui/format';
import { OfflineTag } from '../../../ui/OfflineTag';
import { RunStatusBadge } from '../../../ui/RunStatusBadge';
import { setRunPanelOpen } from '../state/editorStore';
import type { RunPanelState } from './useRunPanel';
import classes from './RunPanel.module.css';

/** The panel's top line: the run's status and summary, and run / cancel / run again / hide. */
export function RunPanelHeader({
  panel,
  starting,
  onRun,
  onRerun,
}: {
  panel: RunPanelState;
  starting: boolean;
  onRun(): void;
  onRerun(inputs: Record<string, unknown>): void;
}) {
  const { run, going, now, tokens, offline, reconnecting, cancelling, cancelRun: onCancel } = panel;
  return (
    <div className={classes.header}>
      <Group gap="sm" wrap="nowrap" style={{ minWidth: 0, flex: 1 }} className={classes.headerInfo}>
        <Text fw={650}>{run ? 'Run' : 'Runs'}</Text>
        {run ? <RunStatusBadge status={run.status} size="md" /> : null}
        {run ? (
          <Text size="sm" c="dimmed" truncate="end" style={{ minWidth: 0 }}>
            {formatDuration(durationBetween(run.startedAt ?? run.createdAt, run.finishedAt, now))}
            {tokens ? ` · ${formatNumber(tokens)} tokens` : ''} · version {run.workflowVersion}
          </Text>
        ) : null}
        {offline ? <OfflineTag size="sm" /> : null}
        {reconnecting ? (
          <Group gap={4}>
            <IconWifiOff size={14} color="var(--mantine-color-orange-6)" />
            <Text size="xs" c="orange">
              Reconnecting… showing the latest saved state
            </Text>
          </Group>
        ) : null}
      </Group>
      <Group gap="xs" wrap="nowrap">
        {run && going ? (
          <Button
            size="xs"
            variant="default"
            color="red"
            leftSection={<IconPlayerStop size={14} />}
            loading={cancelling}
            onClick={onCancel}
            data-testid="cancel-run"
          >
            Cancel run
          </Button>
        ) : null}
        {run && !going ? (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconRefresh size={14} />}
            onClick={() => onRerun(run.inputs)}
            loading={starting}
            data-testid="rerun"
          >
            Run again with the same inputs
          </Button>
        ) : null}
        {!run ? (
          <Button
            size="xs"
            leftSection={<IconPlayerPlay size={14} />}
            onClick={onRun}
            loading={starting}
          >
            Run
          </Button>
        ) : null}
        <Tooltip label="Hide the run panel">
          <ActionIcon
            variant="subtle"
            color="gray"
            onClick={() => setRunPanelOpen(false)}
            aria-label="Hide the run panel"
          >
            <IconChevronDown size={18} />
          </ActionIcon>
        </Tooltip>
      </Group>
    </div>
  );
}
