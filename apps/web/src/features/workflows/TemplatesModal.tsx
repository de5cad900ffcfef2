import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  Text,
  ThemeIcon,
} from '@mantine/core';
import { IconArrowRight, IconFile, IconTemplate } from '@tabler/icons-react';
import type { NodeTypeInfo } from '@flowpress/shared';
import { Fragment } from 'react';
import { CATEGORY_META, NodeIcon } from '../../ui/nodeMeta';
import {
  availableTemplates,
  includedNodes,
  missingOptional,
  TEMPLATES,
  type FlowTemplate,
} from './templates';

interface Props {
  opened: boolean;
  catalog: NodeTypeInfo[];
  pendingId: string | null;
  onClose(): void;
  onPick(template: FlowTemplate): void;
  onBlank(): void;
}

function StepChips({ template, catalog }: { template: FlowTemplate; catalog: NodeTypeInfo[] }) {
  const byType = new Map(catalog.map((c) => [c.type, c]));
  return (
    <Group gap={4} wrap="wrap">
      {includedNodes(template, catalog).map((n, i) => {
        const info = byType.get(n.type);
        return (
          <Fragment key={n.id}>
            {i > 0 ? <IconArrowRight size={12} color="var(--mantine-color-dimmed)" /> : null}
            <Badge
              variant="light"
              color={info ? CATEGORY_META[info.category].color : 'gray'}
              leftSection={<NodeIcon name={info?.icon} category={info?.category} size={12} />}
              tt="none"
              fw={500}
            >
              {n.label ?? info?.label ?? n.type}
            </Badge>
          </Fragment>
        );
      })}
    </Group>
  );
}

/** The templates gallery: marketing flows built from the node types the server has right now. */
export function TemplatesModal({ opened, catalog, pendingId, onClose, onPick, onBlank }: Props) {
  const available = availableTemplates(catalog);
  const hidden = TEMPLATES.length - available.length;
  return (
    <Modal opened={opened} onClose={onClose} title="Start from a template" size={880} centered>
      <Stack>
        <Text size="sm" c="dimmed">
          Each template is a complete flow you can run right away and adapt to your brand.
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {available.map((t) => (
            <Card key={t.id} withBorder radius="lg" padding="lg" data-testid={`template-${t.id}`}>
              <Group gap="sm" mb="xs" wrap="nowrap">
                <ThemeIcon variant="light" size={34} radius="md">
                  <IconTemplate size={18} />
                </ThemeIcon>
                <Text fw={650}>{t.name}</Text>
              </Group>
              <Text size="sm" c="dimmed" mb="md" mih={60}>
                {t.description}
              </Text>
              <StepChips template={t} catalog={catalog} />
              {missingOptional(t, catalog).length ? (
                <Text size="xs" c="dimmed" mt={8}>
                  {missingOptional(t, catalog)
                    .map((n) => n.label ?? n.type)
                    .join(', ')}{' '}
                  joins this flow once the server offers that step.
                </Text>
              ) : null}
              <Button
                mt="lg"
                variant="light"
                onClick={() => onPick(t)}
                loading={pendingId === t.id}
                disabled={pendingId !== null && pendingId !== t.id}
              >
                Use this template
              </Button>
            </Card>
          ))}
          <Card withBorder radius="lg" padding="lg" style={{ borderStyle: 'dashed' }}>
            <Group gap="sm" mb="xs">
              <ThemeIcon variant="light" color="gray" size={34} radius="md">
                <IconFile size={18} />
              </ThemeIcon>
              <Text fw={650}>Blank workflow</Text>
            </Group>
            <Text size="sm" c="dimmed">
              Start with a single input step and add what you need from the palette.
            </Text>
            <Button mt="lg" variant="default" onClick={onBlank} disabled={pendingId !== null}>
              Start blank
            </Button>
          </Card>
        </SimpleGrid>
        {hidden > 0 ? (
          <Text size="xs" c="dimmed">
            {hidden === 1 ? 'One more template appears' : `${hidden} more templates appear`} once
            this server offers the steps they need (such as review and publish).
          </Text>
        ) : null}
      </Stack>
    </Modal>
  );
}
