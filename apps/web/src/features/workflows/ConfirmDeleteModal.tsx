import { Button, Group, Modal, Text } from '@mantine/core';

interface Props {
  name: string | null;
  loading: boolean;
  onCancel(): void;
  onConfirm(): void;
}

export function ConfirmDeleteModal({ name, loading, onCancel, onConfirm }: Props) {
  return (
    <Modal opened={name !== null} onClose={onCancel} title="Delete this workflow?" centered>
      <Text size="sm">
        <b>{name}</b> and its version history will be deleted. Past runs stay in the run history.
        This cannot be undone.
      </Text>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={onCancel}>
          Keep it
        </Button>
        <Button color="red" onClick={onConfirm} loading={loading} data-testid="confirm-delete">
          Delete workflow
        </Button>
      </Group>
    </Modal>
  );
}
