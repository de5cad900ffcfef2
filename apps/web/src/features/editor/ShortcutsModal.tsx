import { Group, Kbd, Modal, SimpleGrid, Stack, Text } from '@mantine/core';
import { Fragment } from 'react';
import { modKey } from './canvas/keys';
import { setEditorUi, useEditorUi } from './state/editorUi';

const SHORTCUTS: [string[], string][] = [
  [[modKey, 'S'], 'Save as a new version'],
  [[modKey, 'Enter'], 'Run the workflow'],
  [[modKey, 'Z'], 'Undo'],
  [[modKey, 'Shift', 'Z'], 'Redo'],
  [[modKey, 'C'], 'Copy the selection'],
  [[modKey, 'X'], 'Cut the selection'],
  [[modKey, 'V'], 'Paste (also into another workflow)'],
  [[modKey, 'D'], 'Duplicate the selection'],
  [[modKey, 'A'], 'Select everything'],
  [['Delete'], 'Delete the selection'],
  [['Shift', 'Drag'], 'Select several with a box'],
  [['Shift', 'Click'], 'Add to the selection'],
  [['Shift', '1'], 'Fit everything on screen'],
  [['Shift', 'L'], 'Tidy up the layout'],
  [['Esc'], 'Clear the selection'],
  [['?'], 'Show this help'],
];

export function ShortcutsModal() {
  const opened = useEditorUi((s) => s.shortcutsOpen);
  return (
    <Modal
      opened={opened}
      onClose={() => setEditorUi({ shortcutsOpen: false })}
      title="Keyboard shortcuts"
      size="lg"
      centered
    >
      <SimpleGrid cols={2} spacing="xs" verticalSpacing={10} data-testid="shortcuts-dialog">
        {SHORTCUTS.map(([keys, label]) => (
          <Fragment key={label}>
            <Group gap={4}>
              {keys.map((k, i) => (
                <Fragment key={k}>
                  {i > 0 ? (
                    <Text size="xs" c="dimmed">
                      +
                    </Text>
                  ) : null}
                  <Kbd size="sm">{k}</Kbd>
                </Fragment>
              ))}
            </Group>
            <Text size="sm">{label}</Text>
          </Fragment>
        ))}
      </SimpleGrid>
      <Stack mt="md">
        <Text size="xs" c="dimmed">
          Drag from an output (right side of a step) to an input (left side of another) to connect
          them. Port colours show what kind of value flows: text, data, documents or images.
        </Text>
      </Stack>
    </Modal>
  );
}
