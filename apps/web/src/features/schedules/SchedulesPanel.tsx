import { Drawer } from '@mantine/core';
import { SchedulesList } from './SchedulesList';

/** The editor's schedules drawer: this workflow's schedules (they run its saved version). */
export function SchedulesPanel({
  workflowId,
  opened,
  onClose,
}: {
  workflowId: string;
  opened: boolean;
  onClose(): void;
}) {
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size="lg"
      title="Schedules of this workflow"
    >
      {opened ? <SchedulesList workflowId={workflowId} /> : null}
    </Drawer>
  );
}
