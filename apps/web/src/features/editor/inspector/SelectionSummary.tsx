import { Button, Group, Stack, Text } from '@mantine/core';
import { IconCopy, IconTrash } from '@tabler/icons-react';
import { modKey } from '../canvas/keys';
import { deleteSelection, duplicateSelection } from '../state/graphActions';

export function SelectionSummary({ count }: { count: number }) {
  return (
    <Stack gap="sm">
      <Text fw={650}>{count === 1 ? 'Sticky note' : `${count} items selected`}</Text>
      <Text size="sm" c="dimmed">
        {count === 1
          ? 'Double-click the note to write in it; drag its corners to resize.'
          : `Drag to move them together. Copy with ${modKey}+C and paste into this or another workflow.`}
      </Text>
      <Group gap="xs">
        <Button
          size="xs"
          variant="default"
          leftSection={<IconCopy size={14} />}
          onClick={duplicateSelection}
        >
          Duplicate
        </Button>
        <Button
          size="xs"
          variant="light"
          color="red"
          leftSection={<IconTrash size={14} />}
          onClick={deleteSelection}
        >
          Delete
        </Button>
      </Group>
    </Stack>
  );
}
