import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconKey, IconPlus, IconTrash } from '@tabler/icons-react';
import { ROLE_RANK } from '@flowpress/shared';
import { useState } from 'react';
import { useCredentials, type Credential } from '../../api/useCredentials';
import { useDeleteCredential } from '../../api/useDeleteCredential';
import { useMe } from '../../api/useMe';
import { absoluteTime, relativeTime } from '../../ui/format';
import { ConfirmDeleteModal } from '../../ui/ConfirmDeleteModal';
import { PageHeader } from '../../ui/PageHeader';
import { QueryState } from '../../ui/QueryState';
import { kindOf } from './credentialTypes';
import { NewCredentialModal } from './NewCredentialModal';

function DeleteModal({ credential, onClose }: { credential: Credential; onClose(): void }) {
  const remove = useDeleteCredential();
  return (
    <ConfirmDeleteModal
      opened
      title="Delete this credential?"
      error={remove.error}
      errorTestId="delete-error"
      loading={remove.isPending}
      confirmTestId="confirm-delete-credential"
      onCancel={onClose}
      onConfirm={() =>
        remove.mutate(credential.id, {
          onSuccess: () => {
            notifications.show({
              color: 'gray',
              title: 'Credential deleted',
              message: credential.name,
            });
            onClose();
          },
        })
      }
    >
      “{credential.name}” is deleted for good. Steps that used it can no longer publish or call the
      model until you pick another.
    </ConfirmDeleteModal>
  );
}

/** The credentials as a table: name, type, how many workflows use each, when it was added. */
function CredentialsTable({
  list,
  onDelete,
}: {
  list: Credential[];
  onDelete(credential: Credential): void;
}) {
  return (
    <Paper withBorder radius="lg" style={{ overflow: 'hidden' }}>
      <Table verticalSpacing="sm" horizontalSpacing="md" data-testid="credentials-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>Used by</Table.Th>
            <Table.Th>Added</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.map((c) => (
            <Table.Tr key={c.id} data-testid="credential-row">
              <Table.Td>
                <Group gap="sm" wrap="nowrap">
                  <IconKey size={16} color="var(--mantine-color-dimmed)" />
                  <Text size="sm" fw={600}>
                    {c.name}
                  </Text>
                </Group>
              </Table.Td>
              <Table.Td>
                <Badge variant="light" tt="none">
                  {kindOf(c.type)?.label ?? c.type}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={c.usedBy ? undefined : 'dimmed'}>
                  {c.usedBy ? `${c.usedBy} workflow${c.usedBy === 1 ? '' : 's'}` : 'Not used'}
                </Text>
              </Table.Td>
              <Table.Td>
                <Tooltip label={absoluteTime(c.createdAt)}>
                  <Text size="sm">{relativeTime(c.createdAt)}</Text>
                </Tooltip>
              </Table.Td>
              <Table.Td>
                <Group justify="flex-end">
                  <Tooltip label="Delete">
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Delete ${c.name}`}
                      onClick={() => onDelete(c)}
                      data-testid="delete-credential"
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Tooltip>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

/** `/credentials`: the secrets steps use (model keys, publishing targets). Editors and admins. */
export function CredentialsPage() {
  const me = useMe();
  const allowed = me.data ? ROLE_RANK[me.data.role] >= ROLE_RANK.editor : false;
  const credentials = useCredentials(allowed);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Credential | null>(null);

  const add = (
    <Button
      leftSection={<IconPlus size={16} />}
      onClick={() => setCreating(true)}
      data-testid="new-credential"
    >
      New credential
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Credentials"
        description="Keys and passwords your steps use to reach models and publishing targets. Stored encrypted; never shown again."
        actions={allowed ? add : null}
      />
      {me.data && !allowed ? (
        <Alert color="gray" title="Editors manage credentials">
          Your role ({me.data.role}) cannot see or change credentials. Ask an admin if you need one.
        </Alert>
      ) : null}
      {allowed ? (
        <QueryState
          query={credentials}
          what="Credentials"
          empty={{
            icon: <IconKey size={28} />,
            title: 'No credentials yet',
            description:
              'Add a WordPress or Ghost login to publish there, a webhook secret to sign requests, or a model API key.',
            action: add,
          }}
        >
          {(list) => <CredentialsTable list={list} onDelete={setDeleting} />}
        </QueryState>
      ) : null}
      {creating ? (
        <NewCredentialModal
          onClose={(created) => {
            setCreating(false);
            if (created)
              notifications.show({ color: 'green', title: 'Credential saved', message: created });
          }}
        />
      ) : null}
      {deleting ? <DeleteModal credential={deleting} onClose={() => setDeleting(null)} /> : null}
    </>
  );
}
