import {
  ActionIcon,
  Alert,
  Button,
  Group,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useLibrary } from '../../api/useLibrary';
import { usePendingReviews } from '../../api/usePendingReviews';
import { useSaveSchedule } from '../../api/useSaveSchedule';
import { useScheduleCalendar } from '../../api/useScheduleCalendar';
import { PageHeader } from '../../ui/PageHeader';
import { QueryState } from '../../ui/QueryState';
import { CalendarDay } from './CalendarDay';
import {
  addDays,
  colorOf,
  dayKey,
  daysOf,
  fireItem,
  moveToDay,
  startOfDay,
  type CalendarItem,
} from './calendarModel';

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
const WEEKDAY_NAMES = Array.from({ length: 7 }, (_, i) =>
  new Date(2024, 0, 1 + i).toLocaleDateString(undefined, { weekday: 'short' }),
);

/**
 * `/calendar`: what is planned (schedule fires) and what went out (past fires, reviews waiting on
 * the day they stopped, library pieces on the day published), month or week, in the viewer's zone.
 */
export function CalendarPage() {
  const [view, setView] = useState<'month' | 'week'>('month');
  const [anchor, setAnchor] = useState(() => startOfDay(new Date()));
  const days = useMemo(() => daysOf(view, anchor), [view, anchor]);
  const from = days[0]!.toISOString();
  const to = addDays(days[days.length - 1]!, 1).toISOString();
  const fires = useScheduleCalendar(from, to);
  const reviews = usePendingReviews();
  const library = useLibrary();
  const save = useSaveSchedule();

  const byDay = useMemo(() => {
    const items: CalendarItem[] = (fires.data ?? []).map(fireItem);
    for (const r of reviews.data ?? []) {
      items.push({
        key: `review:${r.id}`,
        kind: 'review',
        at: r.createdAt,
        title: r.workflowName ?? 'Review',
        to: `/reviews/${r.id}`,
        color: colorOf(r.workflowId),
        detail: 'Waiting for review',
      });
    }
    for (const p of library.data ?? []) {
      if (p.status !== 'published') continue;
      items.push({
        key: `piece:${p.id}`,
        kind: 'piece',
        at: p.publishedAt,
        title: p.title,
        to: '/content',
        color: colorOf(p.workflowId),
        detail: 'Published to the library',
      });
    }
    const map = new Map<string, CalendarItem[]>();
    for (const item of items.sort((a, b) => a.at.localeCompare(b.at))) {
      const k = dayKey(new Date(item.at));
      map.set(k, [...(map.get(k) ?? []), item]);
    }
    return map;
  }, [fires.data, reviews.data, library.data]);

  const move = (item: CalendarItem, day: Date) => {
    if (!item.movable) return;
    const runAt = moveToDay(item.at, day);
    if (runAt.getTime() <= Date.now()) {
      notifications.show({
        color: 'orange',
        title: 'Not moved',
        message: 'Pick a day that is still ahead.',
      });
      return;
    }
    save.mutate(
      {
        id: item.movable.scheduleId,
        workflowId: item.movable.workflowId,
        body: { runAt: runAt.toISOString() },
      },
      {
        onSuccess: () =>
          notifications.show({
            color: 'green',
            title: 'Moved',
            message: `${item.title} now runs ${runAt.toLocaleString()}`,
          }),
        onError: (e) =>
          notifications.show({ color: 'red', title: 'Not moved', message: e.message }),
      },
    );
  };

  const step = (n: number) =>
    setAnchor((a) =>
      view === 'month' ? new Date(a.getFullYear(), a.getMonth() + n, 1) : addDays(a, 7 * n),
    );
  const title =
    view === 'month'
      ? anchor.toLocaleDateString(undefined, { month: 'long', year: 'numeric' })
      : `${days[0]!.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })} – ${days[6]!.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' })}`;
  const today = dayKey(new Date());

  return (
    <>
      <PageHeader
        title="Calendar"
        description="What is planned and what went out. Drag a one-off run to another day to move it."
      />
      <Stack>
        <Group justify="space-between">
          <Group gap="xs">
            <ActionIcon variant="default" onClick={() => step(-1)} aria-label="Previous">
              <IconChevronLeft size={16} />
            </ActionIcon>
            <ActionIcon variant="default" onClick={() => step(1)} aria-label="Next">
              <IconChevronRight size={16} />
            </ActionIcon>
            <Button variant="default" size="xs" onClick={() => setAnchor(startOfDay(new Date()))}>
              Today
            </Button>
            <Text fw={600} data-testid="calendar-title">
              {title}
            </Text>
          </Group>
          <Group gap="sm">
            <Text size="sm" c="dimmed" data-testid="calendar-zone">
              Times in {zone}
            </Text>
            <SegmentedControl
              size="xs"
              value={view}
              onChange={(v) => setView(v as 'month' | 'week')}
              data={[
                { value: 'month', label: 'Month' },
                { value: 'week', label: 'Week' },
              ]}
              data-testid="calendar-view"
            />
          </Group>
        </Group>
        {reviews.isError || library.isError ? (
          <Alert color="orange" variant="light" title="Part of the calendar is missing">
            {(reviews.error ?? library.error)?.message}
          </Alert>
        ) : null}
        <QueryState query={fires} what="The calendar" skeletonHeight={480} isEmpty={() => false}>
          {() => (
            <SimpleGrid cols={7} spacing={6} verticalSpacing={6} data-testid="calendar-grid">
              {WEEKDAY_NAMES.map((d) => (
                <Text key={d} size="xs" fw={600} c="dimmed" ta="center">
                  {d}
                </Text>
              ))}
              {days.map((d) => (
                <CalendarDay
                  key={dayKey(d)}
                  day={d}
                  items={byDay.get(dayKey(d)) ?? []}
                  dimmed={view === 'month' && d.getMonth() !== anchor.getMonth()}
                  today={dayKey(d) === today}
                  tall={view === 'week'}
                  onDropItem={move}
                />
              ))}
            </SimpleGrid>
          )}
        </QueryState>
      </Stack>
    </>
  );
}
