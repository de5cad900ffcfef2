import { Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';

interface Props {
  opened: boolean;
  loading: boolean;
  onClose(): void;
  onCreate(values: { name: string; description: string }): void;
}

export function NewWorkflowModal({ opened, loading, onClose, onCreate }: Props) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [touched, setTouched] = useState(false);
  const error = touched && !name.trim() ? 'Give your workflow a name' : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!name.trim()) return;
    onCreate({ name: name.trim(), description: description.trim() });
  };

  return (
    <Modal opened={opened} onClose={onClose} title="New workflow" centered size="md">
      <form onSubmit={submit}>
        <Stack>
          <TextInput
            label="Name"
            placeholder="e.g. Product launch blog post"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={error}
            data-autofocus
            maxLength={200}
          />
          <Textarea
            label="Description"
            description="Optional: what this workflow makes and for whom."
            autosize
            minRows={2}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            maxLength={5000}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={loading}>
              Create workflow
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
