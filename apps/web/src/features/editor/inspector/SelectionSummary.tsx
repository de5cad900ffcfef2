import { Stack, Text } from '@mantine/core';
import { modKey } from '../canvas/keys';
import { SelectionActions } from './SelectionActions';

export function SelectionSummary({ count }: { count: number }) {
  return (
    <Stack gap="sm">
      <Text fw={650}>{count === 1 ? 'Sticky note' : `${count} items selected`}</Text>
      <Text size="sm" c="dimmed">
        {count === 1
          ? 'Double-click the note to write in it; drag its corners to resize.'
          : `Drag to move them together. Copy with ${modKey}+C and paste into this or another workflow.`}
      </Text>
      <SelectionActions deleteLabel="Delete" deleteVariant="light" />
    </Stack>
  );
}
