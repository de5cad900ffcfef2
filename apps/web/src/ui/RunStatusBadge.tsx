import { Badge, Loader } from '@mantine/core';
import type { NodeStatus, RunStatus } from '@flowpress/shared';

type AnyStatus = RunStatus | NodeStatus;

export const STATUS_LABEL: Record<AnyStatus, string> = {
  queued: 'Queued',
  pending: 'Queued',
  running: 'Running',
  waiting_review: 'Waiting for review',
  succeeded: 'Succeeded',
  failed: 'Failed',
  canceled: 'Canceled',
  skipped: 'Skipped',
};

export const STATUS_COLOR: Record<AnyStatus, string> = {
  queued: 'gray',
  pending: 'gray',
  running: 'blue',
  waiting_review: 'yellow',
  succeeded: 'green',
  failed: 'red',
  canceled: 'gray',
  skipped: 'gray',
};

export function RunStatusBadge({
  status,
  size = 'sm',
}: {
  status: AnyStatus;
  size?: 'xs' | 'sm' | 'md';
}) {
  return (
    <Badge
      color={STATUS_COLOR[status]}
      variant={status === 'skipped' || status === 'canceled' ? 'outline' : 'light'}
      size={size}
      style={{ flex: 'none' }}
      leftSection={status === 'running' ? <Loader size={10} color="blue" /> : undefined}
    >
      {STATUS_LABEL[status]}
    </Badge>
  );
}
