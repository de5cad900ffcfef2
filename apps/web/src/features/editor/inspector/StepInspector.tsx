import {
  ActionIcon,
  Alert,
  CopyButton,
  Group,
  Stack,
  Tabs,
  Text,
  TextInput,
  ThemeIcon,
  Tooltip,
} from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { CATEGORY_META, NodeIcon } from '../../../ui/nodeMeta';
import { NodeRunDetails } from '../run/NodeRunDetails';
import { setInspectorTab, useEditorStore, type InspectorTab } from '../state/editorStore';
import { updateConfig, updateLabel } from '../state/graphActions';
import { isStep } from '../state/types';
import { serverErrorsFor } from './issuePaths';
import { SelectionActions } from './SelectionActions';
import { SchemaForm } from './schema/SchemaForm';

export function StepInspector({ nodeId }: { nodeId: string }) {
  // The step's data, not the node: moving the step must not re-render the form.
  const data = useEditorStore((s) => {
    const n = s.nodes.find((c) => c.id === nodeId);
    return n && isStep(n) ? n.data : undefined;
  });
  const catalog = useEditorStore((s) => s.catalog);
  const issues = useEditorStore(useShallow((s) => s.issues.filter((i) => i.nodeId === nodeId)));
  const runId = useEditorStore((s) => s.activeRunId);
  const tab = useEditorStore((s) => s.inspectorTab);
  const server = useMemo(() => serverErrorsFor(issues, nodeId), [issues, nodeId]);

  if (!data) return null;
  const node = { data };
  const info = catalog.get(node.data.kind);
  const color = info ? CATEGORY_META[info.category].color : 'red';
  const current: InspectorTab = runId ? tab : 'settings';

  return (
    <Stack gap="md">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ThemeIcon color={color} variant="light" size={40} radius="md">
          <NodeIcon name={info?.icon} category={info?.category} size={22} />
        </ThemeIcon>
        <div style={{ flex: 1, minWidth: 0 }}>
          <Text fw={650} lineClamp={1}>
            {node.data.label || info?.label || node.data.kind}
          </Text>
          <Text size="xs" c="dimmed" lineClamp={2}>
            {info?.description ??
              `This workflow uses a step type (“${node.data.kind}”) this server does not know.`}
          </Text>
        </div>
      </Group>

      {server.general.length ? (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          title="Fix this to save"
          data-testid="step-issues"
        >
          <Stack gap={2}>
            {server.general.map((m, i) => (
              <Text key={i} size="sm">
                {m}
              </Text>
            ))}
          </Stack>
        </Alert>
      ) : null}

      <Tabs
        value={current}
        onChange={(v) => setInspectorTab((v as InspectorTab) ?? 'settings')}
        keepMounted={false}
      >
        {runId ? (
          <Tabs.List grow mb="md">
            <Tabs.Tab value="settings">Settings</Tabs.Tab>
            <Tabs.Tab value="output" data-testid="output-tab">
              Run output
            </Tabs.Tab>
          </Tabs.List>
        ) : null}
        <Tabs.Panel value="settings">
          <Stack gap="md">
            <Group gap="xs" align="flex-end" wrap="nowrap">
              <TextInput
                style={{ flex: 1 }}
                label="Name on the canvas"
                placeholder={info?.label ?? node.data.kind}
                value={node.data.label ?? ''}
                onChange={(e) => updateLabel(nodeId, e.currentTarget.value)}
                maxLength={120}
                data-field="label"
              />
              <CopyButton value={`{{${nodeId}}}`}>
                {({ copied, copy }) => (
                  <Tooltip label={copied ? 'Copied' : `Reference: {{${nodeId}}}`}>
                    <ActionIcon
                      variant="default"
                      size={36}
                      onClick={copy}
                      aria-label="Copy reference"
                    >
                      {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                    </ActionIcon>
                  </Tooltip>
                )}
              </CopyButton>
            </Group>
            {info ? (
              <SchemaForm
                nodeId={nodeId}
                info={info}
                config={node.data.config}
                serverErrors={server.byPath}
                onChange={(config, field) => updateConfig(nodeId, config, field)}
              />
            ) : (
              <Alert color="red" variant="light">
                Remove this step or install the node type “{node.data.kind}” on the server.
              </Alert>
            )}
            <SelectionActions deleteLabel="Delete step" deleteVariant="subtle" mt="sm" />
          </Stack>
        </Tabs.Panel>
        {runId ? (
          <Tabs.Panel value="output">
            <NodeRunDetails runId={runId} nodeId={nodeId} />
          </Tabs.Panel>
        ) : null}
      </Tabs>
    </Stack>
  );
}
