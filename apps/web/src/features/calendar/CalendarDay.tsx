import { Badge, Paper, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { CalendarItem } from './calendarModel';

/** The item being dragged: dataTransfer only carries strings, and only on drop. */
let dragging: CalendarItem | null = null;

const KIND_LABEL = { fire: 'Run', review: 'Review', piece: 'Published' } as const;

interface Props {
  day: Date;
  items: CalendarItem[];
  dimmed: boolean;
  today: boolean;
  tall: boolean;
  onDropItem(item: CalendarItem, day: Date): void;
}

/** One day cell: its items in time order; one-shot runs can be dragged in and out. */
export function CalendarDay({ day, items, dimmed, today, tall, onDropItem }: Props) {
  const navigate = useNavigate();
  const [over, setOver] = useState(false);
  const shown = tall ? items : items.slice(0, 4);
  return (
    <Paper
      withBorder
      radius="md"
      p={6}
      mih={tall ? 360 : 110}
      // Days of the next or previous month get a muted surface, not transparency: faded text
      // would fall below readable contrast.
      bg={
        over
          ? 'var(--mantine-color-blue-light)'
          : dimmed
            ? 'var(--mantine-color-default-hover)'
            : undefined
      }
      style={{ borderColor: today ? 'var(--mantine-color-blue-filled)' : undefined }}
      data-outside={dimmed ? 'true' : undefined}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('application/x-flowpress-item')) {
          e.preventDefault();
          setOver(true);
        }
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        setOver(false);
        const key = e.dataTransfer.getData('application/x-flowpress-item');
        const item = dragging?.key === key ? dragging : null;
        dragging = null;
        if (item) onDropItem(item, day);
      }}
      data-testid="calendar-day"
      data-day={`${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`}
    >
      <Text size="xs" fw={today ? 700 : 500} c={today ? 'blue' : 'dimmed'} mb={4}>
        {tall
          ? day.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' })
          : day.getDate()}
      </Text>
      <Stack gap={3}>
        {shown.map((item) => (
          <Tooltip
            key={item.key}
            label={`${KIND_LABEL[item.kind]} · ${item.detail}`}
            openDelay={300}
          >
            <UnstyledButton
              draggable={Boolean(item.movable)}
              onDragStart={(e) => {
                e.dataTransfer.setData('application/x-flowpress-item', item.key);
                dragging = item;
              }}
              onClick={() => void navigate(item.to)}
              data-testid="calendar-item"
              data-kind={item.kind}
              data-movable={item.movable ? 'true' : undefined}
              style={{ cursor: item.movable ? 'grab' : 'pointer' }}
            >
              <Badge
                variant={
                  item.kind === 'fire' && item.detail.startsWith('Planned') ? 'outline' : 'light'
                }
                color={item.kind === 'review' ? 'yellow' : item.color}
                radius="sm"
                fullWidth
                tt="none"
                styles={{ label: { textAlign: 'left' } }}
              >
                {new Date(item.at).toLocaleTimeString(undefined, {
                  hour: '2-digit',
                  minute: '2-digit',
                })}{' '}
                {item.title}
              </Badge>
            </UnstyledButton>
          </Tooltip>
        ))}
        {items.length > shown.length ? (
          <Text size="xs" c="dimmed">
            +{items.length - shown.length} more
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
