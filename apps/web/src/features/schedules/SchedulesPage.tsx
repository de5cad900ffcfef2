import { PageHeader } from '../../ui/PageHeader';
import { SchedulesList } from './SchedulesList';

/** `/schedules`: every schedule, read as sentences, with next and last fire. */
export function SchedulesPage() {
  return (
    <>
      <PageHeader
        title="Schedules"
        description="Workflows that run on their own, on time. Each fire runs once, even with several servers; a fire that could not start says why."
      />
      <SchedulesList />
    </>
  );
}
