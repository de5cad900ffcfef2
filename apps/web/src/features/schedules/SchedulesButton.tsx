import { ActionIcon, Tooltip } from '@mantine/core';
import { IconCalendarTime } from '@tabler/icons-react';
import { useState } from 'react';
import { useParams } from 'react-router';
import { SchedulesPanel } from './SchedulesPanel';

/** The editor header's slot for schedules: a button that opens this workflow's schedules. */
export function SchedulesButton() {
  const { workflowId } = useParams();
  const [open, setOpen] = useState(false);
  if (!workflowId) return null;
  return (
    <>
      <Tooltip label="Schedules">
        <ActionIcon
          variant="default"
          size={34}
          onClick={() => setOpen(true)}
          aria-label="Schedules"
          data-testid="open-schedules"
        >
          <IconCalendarTime size={18} />
        </ActionIcon>
      </Tooltip>
      <SchedulesPanel workflowId={workflowId} opened={open} onClose={() => setOpen(false)} />
    </>
  );
}
