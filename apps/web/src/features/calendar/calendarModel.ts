import type { CalendarFire } from '@flowpress/shared';

/** One thing on the calendar: a planned or past schedule fire, a review waiting, a published piece. */
export interface CalendarItem {
  key: string;
  kind: 'fire' | 'review' | 'piece';
  at: string;
  title: string;
  /** Where a click goes. */
  to: string;
  /** Colour per workflow (UI.md), so one flow reads as one colour. */
  color: string;
  detail: string;
  /** A one-shot schedule's planned fire: dragging it to a day moves the schedule. */
  movable?: { scheduleId: string; workflowId: string };
}

const COLORS = [
  'blue',
  'teal',
  'grape',
  'orange',
  'cyan',
  'pink',
  'lime',
  'indigo',
  'violet',
  'green',
];

export function colorOf(workflowId: string | null): string {
  if (!workflowId) return 'gray';
  let h = 0;
  for (const c of workflowId) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return COLORS[h % COLORS.length]!;
}

export function fireItem(f: CalendarFire): CalendarItem {
  const planned = f.outcome === 'planned';
  return {
    key: `fire:${f.scheduleId}:${f.at}`,
    kind: 'fire',
    at: f.at,
    title: f.scheduleName ?? f.workflowName ?? 'Scheduled run',
    to: f.runId ? `/workflows/${f.workflowId}?run=${f.runId}` : '/schedules',
    color: colorOf(f.workflowId),
    detail: planned ? `Planned · ${f.description}` : `Fire ${f.outcome} · ${f.description}`,
    ...(planned && f.oneShot
      ? { movable: { scheduleId: f.scheduleId, workflowId: f.workflowId } }
      : {}),
  };
}

/** Local midnight of the day `d` falls on (the viewer's zone). */
export function startOfDay(d: Date): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate());
}

export function addDays(d: Date, n: number): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + n);
}

/** Monday of the week `d` is in. */
export function startOfWeek(d: Date): Date {
  const day = startOfDay(d);
  return addDays(day, -((day.getDay() + 6) % 7));
}

/** The days a view shows: 6 weeks around the month, or the 7 days of the week. */
export function daysOf(view: 'month' | 'week', anchor: Date): Date[] {
  const first =
    view === 'month'
      ? startOfWeek(new Date(anchor.getFullYear(), anchor.getMonth(), 1))
      : startOfWeek(anchor);
  return Array.from({ length: view === 'month' ? 42 : 7 }, (_, i) => addDays(first, i));
}

export const dayKey = (d: Date) => `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;

/** The same wall-clock time, on another day (the viewer's zone). */
export function moveToDay(iso: string, day: Date): Date {
  const t = new Date(iso);
  return new Date(
    day.getFullYear(),
    day.getMonth(),
    day.getDate(),
    t.getHours(),
    t.getMinutes(),
    t.getSeconds(),
  );
}
