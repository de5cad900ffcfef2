import { ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useRuns } from '../../../api/useRuns';
import { durationBetween, formatDuration, relativeTime } from '../../../ui/format';
import { STATUS_COLOR, STATUS_LABEL } from '../../../ui/RunStatusBadge';
import { useLiveRun } from '../../../stores/liveRunStore';
import { showRun, useEditorStore } from '../state/editorStore';
import classes from './RunPanel.module.css';

/** This workflow's runs, newest first; pick one to see it on the canvas. */
export function RunHistoryList({ workflowId }: { workflowId: string }) {
  const runs = useRuns({ workflowId });
  const active = useEditorStore((s) => s.activeRunId);
  const live = useLiveRun(active);
  const list = [...(runs.data ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <div className={classes.history}>
      <Text
        size="xs"
        fw={650}
        c="dimmed"
        tt="uppercase"
        px="sm"
        pt="sm"
        pb={6}
        style={{ letterSpacing: '0.04em' }}
      >
        Run history
      </Text>
      <ScrollArea className={classes.historyScroll} type="auto">
        <Stack gap={2} px={6} pb="sm" data-testid="run-history">
          {runs.isError ? (
            <Text size="xs" c="dimmed" px="xs">
              {runs.error.message}
            </Text>
          ) : null}
          {runs.isSuccess && list.length === 0 ? (
            <Text size="xs" c="dimmed" px="xs">
              No runs yet.
            </Text>
          ) : null}
          {list.map((listed, i) => {
            // The run being watched shows its live status, which is fresher than the list.
            const run =
              live && live.id === listed.id
                ? { ...listed, status: live.status, finishedAt: live.finishedAt }
                : listed;
            return (
              <UnstyledButton
                key={run.id}
                className={classes.historyItem}
                data-active={run.id === active || undefined}
                onClick={() => showRun(run.id)}
              >
                <span
                  className={classes.statusDot}
                  style={{ background: `var(--mantine-color-${STATUS_COLOR[run.status]}-6)` }}
                  title={STATUS_LABEL[run.status]}
                />
                <div style={{ minWidth: 0, flex: 1 }}>
                  <Text size="xs" fw={600} lineClamp={1}>
                    Run #{list.length - i} · {STATUS_LABEL[run.status]}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {relativeTime(run.createdAt)} ·{' '}
                    {formatDuration(
                      durationBetween(run.startedAt ?? run.createdAt, run.finishedAt),
                    )}
                  </Text>
                </div>
              </UnstyledButton>
            );
          })}
        </Stack>
      </ScrollArea>
    </div>
  );
}
