/** The cron editor's presets: each is a small form that writes a 5-field cron, and back. */
export type Preset =
  | { kind: 'hourly'; minute: number }
  | { kind: 'daily'; time: string }
  | { kind: 'weekdays'; time: string }
  | { kind: 'weekly'; weekday: number; time: string }
  | { kind: 'monthly'; day: number; time: string }
  | { kind: 'custom'; cron: string };

export const PRESET_LABELS: Record<Preset['kind'], string> = {
  hourly: 'Every hour',
  daily: 'Every day at',
  weekdays: 'Weekdays at',
  weekly: 'Every week on',
  monthly: 'Every month on',
  custom: 'Custom cron',
};

export const WEEKDAYS = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
];

function hm(time: string): [number, number] {
  const [h, m] = time.split(':').map((x) => Number(x));
  return [Number.isFinite(h) ? h! : 0, Number.isFinite(m) ? m! : 0];
}

export function presetToCron(p: Preset): string {
  if (p.kind === 'custom') return p.cron;
  if (p.kind === 'hourly') return `${p.minute} * * * *`;
  const [h, m] = hm(p.time);
  if (p.kind === 'daily') return `${m} ${h} * * *`;
  if (p.kind === 'weekdays') return `${m} ${h} * * 1-5`;
  if (p.kind === 'weekly') return `${m} ${h} * * ${p.weekday}`;
  return `${m} ${h} ${p.day} * *`;
}

const NUM = /^\d{1,2}$/;
const pad = (n: string) => n.padStart(2, '0');

/** The preset a cron was made with, or `custom` when it is anything else. */
export function cronToPreset(cron: string): Preset {
  const f = cron.trim().split(/\s+/);
  if (f.length !== 5) return { kind: 'custom', cron };
  const [min, hour, dom, mon, dow] = f as [string, string, string, string, string];
  if (!NUM.test(min) || mon !== '*') return { kind: 'custom', cron };
  if (hour === '*' && dom === '*' && dow === '*') return { kind: 'hourly', minute: Number(min) };
  if (!NUM.test(hour)) return { kind: 'custom', cron };
  const time = `${pad(hour)}:${pad(min)}`;
  if (dom === '*' && dow === '*') return { kind: 'daily', time };
  if (dom === '*' && dow === '1-5') return { kind: 'weekdays', time };
  if (dom === '*' && /^[0-6]$/.test(dow)) return { kind: 'weekly', weekday: Number(dow), time };
  if (NUM.test(dom) && dow === '*') return { kind: 'monthly', day: Number(dom), time };
  return { kind: 'custom', cron };
}

/** A preset of another kind, keeping the time the user already picked. */
export function switchPreset(from: Preset, kind: Preset['kind']): Preset {
  const time = 'time' in from ? from.time : '08:00';
  if (kind === 'hourly') return { kind, minute: 0 };
  if (kind === 'daily' || kind === 'weekdays') return { kind, time };
  if (kind === 'weekly') return { kind, weekday: 1, time };
  if (kind === 'monthly') return { kind, day: 1, time };
  return { kind: 'custom', cron: presetToCron(from) };
}
