import { Button, Group } from '@mantine/core';
import { IconCopy, IconTrash } from '@tabler/icons-react';
import { deleteSelection, duplicateSelection } from '../state/graphActions';

/** Duplicate and delete for whatever is selected (a step, a note, several items). */
export function SelectionActions({
  deleteLabel,
  deleteVariant,
  mt,
}: {
  deleteLabel: string;
  deleteVariant: 'light' | 'subtle';
  mt?: string;
}) {
  return (
    <Group gap="xs" {...(mt ? { mt } : {})}>
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
        variant={deleteVariant}
        color="red"
        leftSection={<IconTrash size={14} />}
        onClick={deleteSelection}
      >
        {deleteLabel}
      </Button>
    </Group>
  );
}
