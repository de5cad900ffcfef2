import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * "Delete this …?": what goes, why the server refused (if it did), Keep it / Delete. Every page
 * that deletes something asks the same way; the page owns the mutation and what follows it.
 */
export function ConfirmDeleteModal({
  opened,
  title,
  children,
  error,
  loading,
  confirmLabel = 'Delete',
  confirmTestId,
  errorTestId,
  onCancel,
  onConfirm,
}: {
  opened: boolean;
  title: string;
  /** what is deleted and what stays, in a sentence or two */
  children: ReactNode;
  error?: Error | null;
  loading: boolean;
  confirmLabel?: string;
  confirmTestId?: string;
  errorTestId?: string;
  onCancel(): void;
  onConfirm(): void;
}) {
  return (
    <Modal opened={opened} onClose={onCancel} title={title} centered>
      <Stack>
        <Text size="sm">{children}</Text>
        {error ? (
          <Alert color="red" variant="light" title="It was not deleted" data-testid={errorTestId}>
            {error.message}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Keep it
          </Button>
          <Button color="red" loading={loading} onClick={onConfirm} data-testid={confirmTestId}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
