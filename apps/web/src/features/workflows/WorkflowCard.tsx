import { ActionIcon, Badge, Card, Group, Menu, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { IconDots, IconDownload, IconPencil, IconTrash } from '@tabler/icons-react';
import type { NodeTypeInfo, WorkflowView } from '@flowpress/shared';
import { Link } from 'react-router';
import { absoluteTime, relativeTime } from '../../ui/format';
import { CATEGORY_META, NodeIcon } from '../../ui/nodeMeta';
import classes from './WorkflowCard.module.css';

interface Props {
  workflow: WorkflowView;
  catalog: Map<string, NodeTypeInfo>;
  onExport(): void;
  onDelete(): void;
}

const MAX_STEPS = 7;

export function WorkflowCard({ workflow, catalog, onExport, onDelete }: Props) {
  const nodes = workflow.graph?.nodes ?? [];
  return (
    <Card withBorder radius="lg" padding="lg" className={classes.card} data-testid="workflow-card">
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb="xs">
        <Text
          component={Link}
          to={`/workflows/${workflow.id}`}
          fw={650}
          size="lg"
          className={classes.title}
          lineClamp={1}
        >
          {workflow.name}
        </Text>
        <Menu position="bottom-end" withinPortal shadow="md">
          <Menu.Target>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={`Actions for ${workflow.name}`}
              className={classes.menu}
            >
              <IconDots size={18} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item
              component={Link}
              to={`/workflows/${workflow.id}`}
              leftSection={<IconPencil size={16} />}
            >
              Open in editor
            </Menu.Item>
            <Menu.Item leftSection={<IconDownload size={16} />} onClick={onExport}>
              Export as file
            </Menu.Item>
            <Menu.Divider />
            <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={onDelete}>
              Delete
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Group>
      <Text size="sm" c="dimmed" lineClamp={2} mih={40}>
        {workflow.description || 'No description yet.'}
      </Text>
      <Group gap={6} mt="md" mih={28}>
        {nodes.slice(0, MAX_STEPS).map((n) => {
          const info = catalog.get(n.type);
          const color = info ? CATEGORY_META[info.category].color : 'gray';
          return (
            <Tooltip key={n.id} label={n.label ?? info?.label ?? n.type}>
              <ThemeIcon variant="light" color={color} size={28} radius="md">
                <NodeIcon name={info?.icon} category={info?.category} size={16} />
              </ThemeIcon>
            </Tooltip>
          );
        })}
        {nodes.length > MAX_STEPS ? (
          <Text size="xs" c="dimmed">
            +{nodes.length - MAX_STEPS}
          </Text>
        ) : null}
        {nodes.length === 0 ? (
          <Text size="xs" c="dimmed">
            No steps yet
          </Text>
        ) : null}
      </Group>
      <Group justify="space-between" mt="md" pt="sm" className={classes.footer}>
        <Badge variant="light" color="gray" size="sm">
          Version {workflow.version}
        </Badge>
        <Tooltip label={absoluteTime(workflow.updatedAt)}>
          <Text size="xs" c="dimmed">
            Updated {relativeTime(workflow.updatedAt)}
          </Text>
        </Tooltip>
      </Group>
    </Card>
  );
}
