import { Group, SegmentedControl, Select } from '@mantine/core';
import { IconArrowsSort, IconTopologyStar3 } from '@tabler/icons-react';
import { useWorkflows } from '../../../api/useWorkflows';
import type { QueueParams, StatusView } from '../queueParams';
import classes from '../Reviews.module.css';

const STATUS_OPTIONS: { label: string; value: StatusView }[] = [
  { label: 'Waiting', value: 'pending' },
  { label: 'Approved', value: 'approved' },
  { label: 'Changes requested', value: 'changes_requested' },
  { label: 'Rejected', value: 'rejected' },
  { label: 'All', value: 'all' },
];

export function QueueFilters({
  value,
  onChange,
}: {
  value: QueueParams;
  onChange(next: QueueParams): void;
}) {
  const workflows = useWorkflows();
  const options = (workflows.data ?? [])
    .map((w) => ({ value: w.id, label: w.name }))
    .sort((a, b) => a.label.localeCompare(b.label));
  return (
    <div className={classes.filters}>
      <SegmentedControl
        value={value.status}
        onChange={(status) => onChange({ ...value, status: status as StatusView })}
        data={STATUS_OPTIONS}
        data-testid="review-status-filter"
      />
      <SegmentedControl
        value={value.who}
        onChange={(who) => onChange({ ...value, who: who as QueueParams['who'] })}
        data={[
          { label: 'For me', value: 'me' },
          { label: 'Everyone', value: 'all' },
        ]}
        data-testid="review-assignee-filter"
      />
      <Group gap="sm" ml="auto" wrap="nowrap">
        <Select
          placeholder="All workflows"
          aria-label="Workflow"
          data={options}
          value={value.workflowId}
          onChange={(workflowId) => onChange({ ...value, workflowId })}
          clearable
          searchable
          w={220}
          leftSection={<IconTopologyStar3 size={15} />}
          data-testid="review-workflow-filter"
          nothingFoundMessage="No workflow with that name"
        />
        <Select
          aria-label="Sort"
          data={[
            { value: 'created', label: 'Oldest first' },
            { value: 'newest', label: 'Newest first' },
            { value: 'due', label: 'Due soonest' },
          ]}
          value={value.sort}
          onChange={(sort) =>
            onChange({ ...value, sort: (sort as QueueParams['sort'] | null) ?? 'created' })
          }
          allowDeselect={false}
          w={170}
          leftSection={<IconArrowsSort size={15} />}
          data-testid="review-sort"
        />
      </Group>
    </div>
  );
}
