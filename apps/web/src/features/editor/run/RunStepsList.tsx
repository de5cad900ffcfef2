import { Badge, Group, ScrollArea, Text, ThemeIcon, UnstyledButton } from '@mantine/core';
import { topologicalOrder } from '@flowpress/shared';
import { useMemo } from 'react';
import type { LiveRun } from '../../../realtime/liveRun';
import { durationBetween, formatDuration, formatNumber } from '../../../ui/format';
import { CATEGORY_META, NodeIcon } from '../../../ui/nodeMeta';
import { OfflineTag } from '../../../ui/OfflineTag';
import { plainText } from '../../../ui/plainText';
import { RunStatusBadge } from '../../../ui/RunStatusBadge';
import { setInspectorTab, useEditorStore } from '../state/editorStore';
import { selectOnly } from '../state/graphActions';
import { useLinks, useStepData } from '../state/derived';
import classes from './RunPanel.module.css';

function oneLine(text: string, max = 140): string {
  const flat = plainText(text).replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** Every step of the run in order, with status, time, tokens and a glimpse of its output. */
export function RunStepsList({ run, now }: { run: LiveRun; now: number }) {
  const stepData = useStepData();
  const links = useLinks();
  const catalog = useEditorStore((s) => s.catalog);
  const steps = useMemo(() => {
    const { order } = topologicalOrder([...stepData.keys()], links);
    const placed = new Set(order);
    const ids = [...order, ...Object.keys(run.nodes).filter((id) => !placed.has(id))];
    return ids.map((id) => {
      const data = stepData.get(id);
      return { id, node: data ? { data } : undefined };
    });
  }, [stepData, links, run.nodes]);

  const open = (id: string) => {
    selectOnly(id);
    setInspectorTab('output');
  };

  return (
    <ScrollArea className={classes.stepsScroll} type="auto">
      <div className={classes.steps} data-testid="run-steps">
        {steps.map(({ id, node }) => {
          const live = run.nodes[id];
          const info = node ? catalog.get(node.data.kind) : undefined;
          const text =
            live?.status === 'running'
              ? live.stream
              : typeof live?.output?.text === 'string'
                ? live.output.text
                : '';
          const tokens = live?.usage
            ? live.usage.totalTokens || live.usage.inputTokens + live.usage.outputTokens
            : 0;
          return (
            <UnstyledButton
              key={id}
              className={classes.stepRow}
              onClick={() => open(id)}
              data-testid={`run-step-${id}`}
            >
              <ThemeIcon
                size={26}
                radius="md"
                variant="light"
                color={info ? CATEGORY_META[info.category].color : 'gray'}
              >
                <NodeIcon name={info?.icon} category={info?.category} size={15} />
              </ThemeIcon>
              <div className={classes.stepName}>
                <Text size="sm" fw={600} lineClamp={1}>
                  {node?.data.label || info?.label || id}
                </Text>
                <Text size="xs" c={live?.error ? 'red' : 'dimmed'} lineClamp={1}>
                  {live?.error ? live.error.message : text ? oneLine(text) : id}
                </Text>
              </div>
              <Group gap={6} wrap="nowrap" justify="flex-end">
                {live?.usage?.provider === 'offline' ? <OfflineTag /> : null}
                {tokens ? (
                  <Badge size="sm" variant="default" fw={500}>
                    {formatNumber(tokens)} tokens
                  </Badge>
                ) : null}
                <Text size="xs" c="dimmed" w={64} ta="right">
                  {live?.startedAt
                    ? formatDuration(durationBetween(live.startedAt, live.finishedAt, now))
                    : ''}
                </Text>
                <RunStatusBadge status={live?.status ?? 'pending'} />
              </Group>
            </UnstyledButton>
          );
        })}
      </div>
    </ScrollArea>
  );
}
