import { Cron } from 'croner';
import cronstrue from 'cronstrue';
import type { FireTime, Issue } from '@flowpress/shared';

/**
 * When a schedule fires: a cron in an IANA zone (croner: 5 fields or 6 with seconds, DST-correct)
 * between optional `startAt`/`endAt`, or one instant (`runAt`, a one-shot).
 *
 * DST, as croner computes it and as the tests pin down: a wall-clock time that does not exist
 * on a spring-forward day (02:30 in Europe/Berlin on the last Sunday of March) fires at the first
 * valid minute after the gap (03:00 local); a time that occurs twice on the autumn day fires once,
 * at its first occurrence (summer time).
 */
export interface TimingSpec {
  cron: string | null;
  runAt: Date | null;
  timezone: string;
  startAt: Date | null;
  endAt: Date | null;
}

export interface Timing {
  /** The first fire strictly after `after`, or null when none is left. */
  next(after: Date): Date | null;
  description: string;
}

export type TimingResult = { ok: true; timing: Timing } | { ok: false; issues: Issue[] };

/** A zone the runtime's ICU knows (what croner converts with), e.g. `Europe/Berlin`, `UTC`. */
export function zoneProblem(timezone: string): string | null {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return null;
  } catch {
    return `"${timezone}" is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC)`;
  }
}

export function cronProblem(cron: string): string | null {
  const fields = cron.trim().split(/\s+/).length;
  if (fields !== 5 && fields !== 6) {
    return `a cron has 5 fields (minute hour day month weekday) or 6 with seconds first; "${cron}" has ${fields}`;
  }
  try {
    new Cron(cron, { paused: true });
    return null;
  } catch (error) {
    // croner says e.g. "CronPattern: Invalid value for minute: 61"
    return (error instanceof Error ? error.message : String(error)).replace(/^CronPattern:\s*/, '');
  }
}

export function describeCron(cron: string): string {
  try {
    return cronstrue.toString(cron, { use24HourTimeFormat: true, verbose: false });
  } catch {
    return cron;
  }
}

export function buildTiming(spec: TimingSpec): TimingResult {
  const issues: Issue[] = [];
  const zone = zoneProblem(spec.timezone);
  if (zone) issues.push({ path: 'timezone', message: zone });
  if (spec.cron === null && spec.runAt === null) {
    issues.push({ path: 'cron', message: 'give a cron (repeating) or runAt (once)' });
  }
  if (spec.cron !== null && spec.runAt !== null) {
    issues.push({ path: 'runAt', message: 'a schedule has a cron or a runAt, not both' });
  }
  const cronIssue = spec.cron !== null ? cronProblem(spec.cron) : null;
  if (cronIssue) issues.push({ path: 'cron', message: cronIssue });
  if (spec.startAt && spec.endAt && spec.endAt < spec.startAt) {
    issues.push({ path: 'endAt', message: 'endAt is before startAt' });
  }
  if (issues.length) return { ok: false, issues };

  if (spec.runAt !== null) {
    const at = spec.runAt;
    return {
      ok: true,
      timing: {
        next: (after) => (at > after ? at : null),
        description: `Once, at ${formatLocal(at, spec.timezone)}`,
      },
    };
  }
  const cron = new Cron(spec.cron!, {
    paused: true,
    timezone: spec.timezone,
    ...(spec.startAt ? { startAt: spec.startAt } : {}),
    ...(spec.endAt ? { stopAt: spec.endAt } : {}),
  });
  return {
    ok: true,
    timing: { next: (after) => cron.nextRun(after), description: describeCron(spec.cron!) },
  };
}

/** The next `count` fires after `from`. */
export function upcoming(timing: Timing, from: Date, count: number, timezone: string): FireTime[] {
  const fires: FireTime[] = [];
  let cursor = from;
  for (let i = 0; i < count; i++) {
    const next = timing.next(cursor);
    if (!next) break;
    fires.push({ at: next.toISOString(), local: formatLocal(next, timezone) });
    cursor = next;
  }
  return fires;
}

/** Every fire in (after, until], capped: a long outage of a per-second cron must stay cheap. */
export function firesBetween(
  timing: Timing,
  after: Date,
  until: Date,
  cap = 10_000,
): { times: Date[]; more: boolean } {
  const times: Date[] = [];
  let cursor = after;
  while (times.length < cap) {
    const next = timing.next(cursor);
    if (!next || next > until) return { times, more: false };
    times.push(next);
    cursor = next;
  }
  return { times, more: true };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** `2027-03-28 03:00:00 GMT+2`: the wall clock in the zone, with its offset that day. */
export function formatLocal(at: Date, timezone: string): string {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    formatters.set(timezone, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p['year']}-${p['month']}-${p['day']} ${p['hour']}:${p['minute']}:${p['second']} ${p['timeZoneName']}`;
}
