import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';

/** Rejecting stops the run: say so, and take the reason along. */
export function RejectModal({
  opened,
  initialReason,
  loading,
  onClose,
  onReject,
}: {
  opened: boolean;
  initialReason: string;
  loading: boolean;
  onClose(): void;
  onReject(reason: string): void;
}) {
  const [reason, setReason] = useState(initialReason);
  return (
    <Modal opened={opened} onClose={onClose} title="Reject this draft?" centered>
      <Stack>
        <Text size="sm">
          The run stops here and nothing after this step happens. To get a better draft instead, use{' '}
          <b>Request changes</b>.
        </Text>
        <Textarea
          label="Reason"
          description="Kept with the run so others can see why."
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          autosize
          minRows={3}
          data-autofocus
          data-testid="reject-reason"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Keep reviewing
          </Button>
          <Button
            color="red"
            loading={loading}
            onClick={() => onReject(reason)}
            data-testid="confirm-reject"
          >
            Reject and stop the run
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
