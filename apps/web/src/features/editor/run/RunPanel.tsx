import { ActionIcon, Alert, Button, Group, Loader, Text, Tooltip } from '@mantine/core';
import {
  IconChevronDown,
  IconPlayerPlay,
  IconPlayerStop,
  IconRefresh,
  IconWifiOff,
} from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { Link } from 'react-router';
import { useCancelRun } from '../../../api/useCancelRun';
import { useRunReviews } from '../../../api/useRunReviews';
import { isSettled } from '../../../realtime/runStream';
import { useConnectionStore } from '../../../stores/connectionStore';
import { useLiveRun, useLiveRunStore } from '../../../stores/liveRunStore';
import { durationBetween, formatDuration, formatNumber } from '../../../ui/format';
import { OfflineTag } from '../../../ui/OfflineTag';
import { RunStatusBadge } from '../../../ui/RunStatusBadge';
import { setRunPanelOpen, useEditorStore } from '../state/editorStore';
import { RunHistoryList } from './RunHistoryList';
import { RunStepsList } from './RunStepsList';
import { useNow } from '../../../ui/useNow';
import classes from './RunPanel.module.css';

interface Props {
  onRun(): void;
  onRerun(inputs: Record<string, unknown>): void;
  starting: boolean;
}

/** The panel that slides up from the bottom: the selected run live, and this workflow's run history. */
export function RunPanel({ onRun, onRerun, starting }: Props) {
  const open = useEditorStore((s) => s.runPanelOpen);
  const workflowId = useEditorStore((s) => s.workflowId);
  const runId = useEditorStore((s) => s.activeRunId);
  const run = useLiveRun(runId);
  const error = useLiveRunStore((s) => (runId ? s.errors[runId] : undefined));
  const connection = useConnectionStore((s) => s.state);
  const cancel = useCancelRun();
  const going = run ? !isSettled(run) : false;
  const now = useNow(open && going);
  const waiting = run?.status === 'waiting_review';
  // The live stream knows the review from `run.waiting_review`; a run opened while already waiting asks the API.
  const reviews = useRunReviews(waiting && !run?.reviewId ? run?.id : undefined);
  const reviewId = run?.reviewId ?? reviews.data?.find((r) => r.status === 'pending')?.id ?? null;

  const offline = run
    ? Object.values(run.nodes).some((n) => n.usage?.provider === 'offline') ||
      run.usage?.provider === 'offline'
    : false;
  const tokens = run
    ? run.usage?.totalTokens ||
      Object.values(run.nodes).reduce(
        (sum, n) =>
          sum + (n.usage ? n.usage.totalTokens || n.usage.inputTokens + n.usage.outputTokens : 0),
        0,
      )
    : 0;

  return (
    <div
      className={classes.panel}
      data-open={open || undefined}
      data-testid="run-panel"
      // Closed, it slides out of view: inert keeps its buttons out of the tab order too.
      inert={!open}
    >
      <div className={classes.header}>
        <Group
          gap="sm"
          wrap="nowrap"
          style={{ minWidth: 0, flex: 1 }}
          className={classes.headerInfo}
        >
          <Text fw={650}>{run ? 'Run' : 'Runs'}</Text>
          {run ? <RunStatusBadge status={run.status} size="md" /> : null}
          {run ? (
            <Text size="sm" c="dimmed" truncate="end" style={{ minWidth: 0 }}>
              {formatDuration(durationBetween(run.startedAt ?? run.createdAt, run.finishedAt, now))}
              {tokens ? ` · ${formatNumber(tokens)} tokens` : ''} · version {run.workflowVersion}
            </Text>
          ) : null}
          {offline ? <OfflineTag size="sm" /> : null}
          {going && connection === 'reconnecting' ? (
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
              loading={cancel.isPending}
              onClick={() =>
                cancel.mutate(run.id, {
                  onError: (e) =>
                    notifications.show({
                      color: 'red',
                      title: 'Could not cancel',
                      message: e.message,
                    }),
                })
              }
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
      <div className={classes.body}>
        {workflowId ? <RunHistoryList workflowId={workflowId} /> : null}
        <div className={classes.main}>
          {error ? (
            <Alert color="red" variant="light" m="sm">
              {error}
            </Alert>
          ) : null}
          {runId && !run && !error ? (
            <Group p="md" gap="xs">
              <Loader size="sm" />
              <Text size="sm" c="dimmed">
                Loading the run…
              </Text>
            </Group>
          ) : null}
          {run ? <RunStepsList run={run} now={now} /> : null}
          {!runId ? (
            <Text size="sm" c="dimmed" p="md">
              Press Run to produce content with this workflow. Each step lights up as it works;
              click one to read what it made.
            </Text>
          ) : null}
          {waiting ? (
            <Alert color="yellow" variant="light" mx="sm" mb="sm" title="Waiting for a reviewer">
              <Group justify="space-between">
                <Text size="sm">
                  The run continues once someone approves the draft or asks for changes.
                </Text>
                <Button
                  component={Link}
                  to={reviewId ? `/reviews/${reviewId}` : '/reviews'}
                  size="xs"
                  variant="light"
                  color="yellow"
                  data-testid="open-review"
                >
                  {reviewId ? 'Review the draft' : 'Open reviews'}
                </Button>
              </Group>
            </Alert>
          ) : null}
          {run?.error ? (
            <Alert color="red" variant="light" mx="sm" mb="sm" title="The run failed">
              {run.error.message}
            </Alert>
          ) : null}
        </div>
      </div>
    </div>
  );
}
