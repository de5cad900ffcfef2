import type { RunStatus } from '@flowpress/shared';
import { useMemo, useState } from 'react';
import { useRuns } from '../../api/useRuns';
import { useWorkflows } from '../../api/useWorkflows';

export type RunsFilter = RunStatus | 'all';

/** The runs page's state: the status filter, the runs newest first, and workflow names by id. */
export function useRunsPage() {
  const [filter, setFilter] = useState<RunsFilter>('all');
  const runs = useRuns(filter === 'all' ? {} : { status: filter });
  const workflows = useWorkflows();
  const names = useMemo(
    () => new Map((workflows.data ?? []).map((w) => [w.id, w.name])),
    [workflows.data],
  );
  const sorted = useMemo(
    () =>
      runs.data ? [...runs.data].sort((a, b) => b.createdAt.localeCompare(a.createdAt)) : undefined,
    [runs.data],
  );
  return { filter, setFilter, runs: { ...runs, data: sorted }, names };
}
