import { Badge, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { resolvePorts } from '@flowpress/shared';
import type { NodeProps } from '@xyflow/react';
import { memo, useMemo } from 'react';
import { useLiveNode } from '../../../stores/liveRunStore';
import { CATEGORY_META, NodeIcon } from '../../../ui/nodeMeta';
import { STATUS_LABEL } from '../../../ui/RunStatusBadge';
import { useEditorStore } from '../state/editorStore';
import type { StepNode as StepNodeType } from '../state/types';
import { issuesOf } from '../state/derived';
import { NodePreview } from './NodePreview';
import { nodeSummary } from './nodeSummary';
import { PortHandle } from './PortHandle';
import classes from './StepNode.module.css';

function StepNodeCard({ id, data, selected }: NodeProps<StepNodeType>) {
  const info = useEditorStore((s) => s.catalog.get(data.kind));
  const issues = useEditorStore((s) => issuesOf(s.issues, id));
  const runId = useEditorStore((s) => s.activeRunId);
  const live = useLiveNode(runId, id);
  const ports = useMemo(
    () => (info ? resolvePorts(info, data.config) : { inputs: [], outputs: [] }),
    [info, data.config],
  );
  const rows = Math.max(ports.inputs.length, ports.outputs.length);
  const color = info ? CATEGORY_META[info.category].color : 'red';
  const status = runId ? (live?.status ?? 'pending') : undefined;
  const title = data.label || info?.label || data.kind;

  return (
    <div
      className={classes.card}
      data-selected={selected || undefined}
      data-status={status}
      data-invalid={issues.length > 0 || !info || undefined}
      data-testid={`step-${id}`}
      style={{ ['--fp-cat' as string]: `var(--mantine-color-${color}-filled)` }}
    >
      <div className={classes.header}>
        <ThemeIcon color={color} variant="light" size={32} radius="md">
          <NodeIcon name={info?.icon} category={info?.category} size={18} />
        </ThemeIcon>
        <div className={classes.titles}>
          <Text size="sm" fw={650} lineClamp={1} className={classes.title}>
            {title}
          </Text>
          <Text size="xs" c="dimmed" lineClamp={1}>
            {info ? `${info.label} · ${id}` : `Unknown type “${data.kind}”`}
          </Text>
        </div>
        {issues.length > 0 ? (
          <Tooltip
            label={issues.join('\n')}
            multiline
            w={280}
            style={{ whiteSpace: 'pre-line' }}
            color="red"
          >
            <Badge
              color="red"
              variant="filled"
              size="sm"
              leftSection={<IconAlertTriangle size={11} />}
              data-testid="node-issues"
            >
              {issues.length}
            </Badge>
          </Tooltip>
        ) : null}
        {status && status !== 'pending' ? (
          <span className={classes.statusDot} data-status={status} title={STATUS_LABEL[status]} />
        ) : null}
      </div>
      <Text
        size="xs"
        c="dimmed"
        className={classes.summary}
        lineClamp={1}
        data-testid="node-summary"
      >
        {nodeSummary(info, data.config)}
      </Text>
      {rows > 0 ? (
        <div className={classes.ports}>
          {Array.from({ length: rows }, (_, i) => {
            const input = ports.inputs[i];
            const output = ports.outputs[i];
            return (
              <div key={i} className={classes.portRow}>
                {input ? <PortHandle port={input} side="in" /> : <span />}
                {output ? <PortHandle port={output} side="out" /> : <span />}
              </div>
            );
          })}
        </div>
      ) : null}
      {live ? <NodePreview live={live} /> : null}
    </div>
  );
}

export const StepNode = memo(StepNodeCard);
