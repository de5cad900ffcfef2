import { Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconDragDrop } from '@tabler/icons-react';
import { Panel } from '@xyflow/react';
import { useEditorStore } from '../state/editorStore';

export function EmptyCanvasHint() {
  const empty = useEditorStore((s) => !s.nodes.some((n) => n.type === 'step'));
  if (!empty) return null;
  return (
    <Panel position="top-center" style={{ top: '35%', pointerEvents: 'none' }}>
      <Paper p="xl" radius="lg" withBorder shadow="sm" maw={360}>
        <Stack align="center" gap="xs">
          <ThemeIcon size={44} radius="xl" variant="light">
            <IconDragDrop size={24} />
          </ThemeIcon>
          <Text fw={650}>Add your first step</Text>
          <Text size="sm" c="dimmed" ta="center">
            Drag a step from the left onto the canvas, or click it. Start with an Input that asks
            for the brief.
          </Text>
        </Stack>
      </Paper>
    </Panel>
  );
}
