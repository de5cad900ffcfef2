import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCalendarTime, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { ROLE_RANK, type ScheduleView } from '@flowpress/shared';
import { useDeleteSchedule } from '../../api/useDeleteSchedule';
import { useMe } from '../../api/useMe';
import { useRunScheduleNow } from '../../api/useRunScheduleNow';
import { useSaveSchedule } from '../../api/useSaveSchedule';
import { useSchedules } from '../../api/useSchedules';
import { QueryState } from '../../ui/QueryState';
import { ScheduleCard } from './ScheduleCard';
import { ScheduleFormModal } from './ScheduleFormModal';

/** Schedules (all, or one workflow's) with create / edit / toggle / delete / run now. */
export function SchedulesList({ workflowId }: { workflowId?: string }) {
  const me = useMe();
  const canEdit = me.data ? ROLE_RANK[me.data.role] >= ROLE_RANK.editor : false;
  const schedules = useSchedules(workflowId);
  const save = useSaveSchedule();
  const remove = useDeleteSchedule();
  const runNow = useRunScheduleNow();
  const [editing, setEditing] = useState<ScheduleView | 'new' | null>(null);
  const [deleting, setDeleting] = useState<ScheduleView | null>(null);

  const add = canEdit ? (
    <Button
      leftSection={<IconPlus size={16} />}
      onClick={() => setEditing('new')}
      data-testid="new-schedule"
    >
      New schedule
    </Button>
  ) : null;
  const fail = (title: string) => (e: Error) =>
    notifications.show({ color: 'red', title, message: e.message });

  return (
    <Stack>
      <Group justify="flex-end">{add}</Group>
      <QueryState
        query={schedules}
        what="Schedules"
        empty={{
          icon: <IconCalendarTime size={28} />,
          title: 'Nothing scheduled yet',
          description:
            'Run a workflow on time: every weekday at 08:00, the first of each month, or once on launch day.',
          ...(add ? { action: add } : {}),
        }}
      >
        {(list) => (
          <Stack data-testid="schedules-list">
            {list.map((s) => (
              <ScheduleCard
                key={s.id}
                schedule={s}
                canEdit={canEdit}
                showWorkflow={!workflowId}
                running={runNow.isPending && runNow.variables === s.id}
                onToggle={(enabled) =>
                  save.mutate(
                    { id: s.id, workflowId: s.workflowId, body: { enabled } },
                    { onError: fail('It was not changed') },
                  )
                }
                onEdit={() => setEditing(s)}
                onDelete={() => setDeleting(s)}
                onRunNow={() =>
                  runNow.mutate(s.id, {
                    onSuccess: () =>
                      notifications.show({
                        color: 'green',
                        title: 'Run started',
                        message: s.name ?? s.description,
                      }),
                    onError: fail('The run did not start'),
                  })
                }
              />
            ))}
          </Stack>
        )}
      </QueryState>
      {editing ? (
        <ScheduleFormModal
          {...(editing !== 'new' ? { schedule: editing } : {})}
          {...(workflowId ? { workflowId } : {})}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {deleting ? (
        <Modal opened onClose={() => setDeleting(null)} title="Delete this schedule?" centered>
          <Stack>
            <Text size="sm">
              “{deleting.name ?? deleting.description}” stops firing. Runs it already made stay in
              the run history.
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDeleting(null)}>
                Keep it
              </Button>
              <Button
                color="red"
                loading={remove.isPending}
                onClick={() =>
                  remove.mutate(deleting.id, {
                    onSuccess: () => setDeleting(null),
                    onError: fail('It was not deleted'),
                  })
                }
                data-testid="confirm-delete-schedule"
              >
                Delete
              </Button>
            </Group>
          </Stack>
        </Modal>
      ) : null}
    </Stack>
  );
}
