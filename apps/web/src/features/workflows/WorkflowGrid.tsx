import { Group, SimpleGrid, Skeleton, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import type { NodeTypeInfo, WorkflowView } from '@flowpress/shared';
import { exportWorkflowFile } from '../../lib/workflowFile';
import { WorkflowCard } from './WorkflowCard';

/** The search box appears once there are more workflows than fit on a screen. */
const SEARCH_FROM = 6;

export function WorkflowGrid({
  list,
  total,
  catalog,
  search,
  onSearch,
  onDelete,
}: {
  list: WorkflowView[];
  total: number;
  catalog: Map<string, NodeTypeInfo>;
  search: string;
  onSearch(value: string): void;
  onDelete(workflow: WorkflowView): void;
}) {
  return (
    <>
      {total > SEARCH_FROM ? (
        <Group mb="md">
          <TextInput
            placeholder="Search workflows"
            aria-label="Search workflows"
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => onSearch(e.currentTarget.value)}
            w={320}
          />
        </Group>
      ) : null}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="lg">
        {list.map((w) => (
          <WorkflowCard
            key={w.id}
            workflow={w}
            catalog={catalog}
            onExport={() => exportWorkflowFile(w)}
            onDelete={() => onDelete(w)}
          />
        ))}
      </SimpleGrid>
    </>
  );
}

/** Three card-shaped placeholders while the list loads. */
export function WorkflowGridSkeleton() {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
      {[0, 1, 2].map((i) => (
        <Skeleton key={i} h={190} radius="lg" />
      ))}
    </SimpleGrid>
  );
}
