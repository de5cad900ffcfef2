import { Button, Group, Modal, Text } from '@mantine/core';
import type { Blocker } from 'react-router';

/** Shown when leaving the editor with unsaved changes. */
export function LeaveGuardModal({
  blocker,
  onSaveAndLeave,
  saving,
}: {
  blocker: Blocker;
  onSaveAndLeave(): void;
  saving: boolean;
}) {
  return (
    <Modal
      opened={blocker.state === 'blocked'}
      onClose={() => blocker.reset?.()}
      title="Leave without saving?"
      centered
    >
      <Text size="sm">
        Your latest changes to this workflow are not saved yet. If you leave now they are lost.
      </Text>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={() => blocker.reset?.()}>
          Stay here
        </Button>
        <Button
          variant="light"
          color="red"
          onClick={() => blocker.proceed?.()}
          data-testid="discard-and-leave"
        >
          Leave without saving
        </Button>
        <Button onClick={onSaveAndLeave} loading={saving}>
          Save and leave
        </Button>
      </Group>
    </Modal>
  );
}
