import {
  Alert,
  Button,
  Group,
  Modal,
  PasswordInput,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import { useCreateCredential } from '../../api/useCreateCredential';
import { credentialData, CREDENTIAL_KINDS, kindOf } from './credentialTypes';

/** One form per credential type; secret fields are password inputs and never come back. */
export function NewCredentialModal({ onClose }: { onClose(created: string | null): void }) {
  const create = useCreateCredential();
  const [type, setType] = useState(CREDENTIAL_KINDS[0]!.type);
  const [name, setName] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const kind = kindOf(type) ?? CREDENTIAL_KINDS[0]!;
  const error = create.error;
  const issues = new Map(
    (isApiError(error) ? (error.issues ?? []) : []).map((i) => [i.path, i.message]),
  );

  const submit = () =>
    create.mutate(
      { type, name: name.trim(), data: credentialData(kind, values) },
      { onSuccess: (c) => onClose(c.name) },
    );

  return (
    <Modal opened onClose={() => onClose(null)} title="New credential" centered size="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack>
          <Select
            label="Type"
            data={CREDENTIAL_KINDS.map((k) => ({ value: k.type, label: k.label }))}
            value={type}
            onChange={(v) => {
              if (v) setType(v);
              setValues({});
              create.reset();
            }}
            allowDeselect={false}
            description={kind.description}
            data-testid="credential-type"
          />
          <TextInput
            label="Name"
            placeholder={`${kind.label} for …`}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={issues.get('name')}
            required
            data-autofocus
            data-testid="credential-name"
          />
          {kind.fields.map((f) => {
            const common = {
              label: f.label,
              placeholder: f.placeholder,
              description: f.description,
              required: f.required,
              value: values[f.name] ?? '',
              error: issues.get(`data.${f.name}`),
              onChange: (e: React.ChangeEvent<HTMLInputElement>) => {
                const value = e.currentTarget.value;
                setValues((v) => ({ ...v, [f.name]: value }));
              },
              'data-testid': `credential-field-${f.name}`,
            };
            return f.secret ? (
              <PasswordInput key={f.name} {...common} autoComplete="new-password" />
            ) : (
              <TextInput key={f.name} {...common} autoComplete="off" />
            );
          })}
          <Group gap={6} wrap="nowrap">
            <IconLock size={14} color="var(--mantine-color-dimmed)" />
            <Text size="xs" c="dimmed">
              Stored encrypted. Secrets are never shown again, not even to admins.
            </Text>
          </Group>
          {error && issues.size === 0 ? (
            <Alert color="red" variant="light">
              {error.message}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => onClose(null)}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="save-credential">
              Save credential
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
