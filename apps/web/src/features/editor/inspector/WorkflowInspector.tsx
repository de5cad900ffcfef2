import { Alert, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useShallow } from 'zustand/react/shallow';
import { setMeta, useEditorStore } from '../state/editorStore';

/** With nothing selected: the workflow's name and description, and problems not tied to one step. */
export function WorkflowInspector() {
  const name = useEditorStore((s) => s.name);
  const description = useEditorStore((s) => s.description);
  const steps = useEditorStore((s) => s.nodes.filter((n) => n.type === 'step').length);
  const general = useEditorStore(useShallow((s) => s.issues.filter((i) => !i.nodeId)));
  return (
    <Stack gap="md">
      <div>
        <Title order={5}>Workflow</Title>
        <Text size="xs" c="dimmed">
          {steps} {steps === 1 ? 'step' : 'steps'} · select a step to change its settings
        </Text>
      </div>
      {general.length ? (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Fix these to save">
          <Stack gap={4}>
            {general.map((i, k) => (
              <Text key={k} size="sm">
                {i.message}
              </Text>
            ))}
          </Stack>
        </Alert>
      ) : null}
      <TextInput
        label="Name"
        value={name}
        onChange={(e) => setMeta({ name: e.currentTarget.value })}
        error={name.trim() ? undefined : 'Give the workflow a name'}
        maxLength={200}
      />
      <Textarea
        label="Description"
        description="What this workflow makes and for whom."
        value={description}
        onChange={(e) => setMeta({ description: e.currentTarget.value })}
        autosize
        minRows={3}
        maxLength={5000}
      />
    </Stack>
  );
}
