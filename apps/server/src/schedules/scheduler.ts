import type { Sql } from '../engine/run-store.js';
import { buildTiming, firesBetween, formatLocal } from './cron.js';
import { ScheduleStore, type ScheduleRow } from './schedule-store.js';

/** Creates the run of one fire; throws with a message a user can act on when it cannot. */
export type LaunchRun = (schedule: ScheduleRow, fireAt: Date) => Promise<{ id: string }>;

export interface SchedulerDeps {
  sql: Sql;
  /** Runs `fn` in one transaction (the claim: advance the schedule and insert its fires). */
  transaction: <T>(fn: (sql: Sql) => Promise<T>) => Promise<T>;
  launch: LaunchRun;
  /** Who claims (hostname:pid:random), kept on the fire row. */
  owner: string;
  onError: (message: string) => void;
  /**
   * The longest sleep between looks at the table: other processes may add or move schedules,
   * and this is how soon this one learns of it. Changes made here wake it at once.
   */
  maxSleepMs?: number;
  /** Fires started at once per pass. */
  concurrency?: number;
}

interface PlannedFire {
  fireAt: Date;
  /** Pre-decided outcome (missed) or null: start it. */
  missedReason: string | null;
}

const BATCH = 200;

/**
 * The scheduler: ONE timer per process, armed to the earliest `next_run_at` of all enabled
 * schedules (an indexed `min()`), re-armed on every change made through this process and at least
 * every `maxSleepMs`. Idle cost does not grow with the number of schedules.
 *
 * The database is the judge: a fire happens only in the transaction that moves the schedule's
 * `next_run_at` from the value this process read (compare-and-set) and inserts the fire's
 * `(schedule_id, fire_at)` row (unique). Any number of processes — embedded, or api/worker
 * processes in queue mode — may run this loop on one database; each tick makes one run.
 */
export class Scheduler {
  readonly store: ScheduleStore;
  /** Fires due before this instant came due while no scheduler of this process ran: "missed". */
  readonly startedAt = new Date();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private lastSweep = 0;
  private readonly maxSleepMs: number;
  private readonly concurrency: number;

  constructor(private readonly deps: SchedulerDeps) {
    this.store = new ScheduleStore(deps.sql);
    this.maxSleepMs = deps.maxSleepMs ?? 30_000;
    this.concurrency = deps.concurrency ?? 8;
  }

  start(): void {
    this.stopped = false;
    this.wake();
  }

  /** Stops the timer and waits for a pass in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Look at the table now (a schedule changed, or a scheduled run ended). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.arm(0);
  }

  /** One pass: exposed so the benchmark and tests can drive it. */
  async pass(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.doPass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private arm(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(
      () => {
        this.timer = null;
        void this.pass();
      },
      Math.max(0, ms),
    );
    this.timer.unref?.();
  }

  private async doPass(): Promise<void> {
    let sleep = this.maxSleepMs;
    try {
      do {
        this.again = false;
        if (Date.now() - this.lastSweep > 60_000) {
          this.lastSweep = Date.now();
          await this.store.settleStaleClaims(60_000);
        }
        await this.releaseQueued();
        for (;;) {
          const due = await this.store.due(new Date(), BATCH);
          await this.eachLimited(due, (s) => this.fireDue(s));
          if (due.length < BATCH || this.stopped) break;
        }
      } while (this.again && !this.stopped);
      const next = await this.store.nextDueAt();
      if (next) sleep = Math.min(sleep, next.getTime() - Date.now());
      // A queued fire waits for a run to end; runs end in any process, so look again soon.
      if (await this.store.hasQueued()) sleep = Math.min(sleep, 1000);
      // A change made while the next sleep was being worked out (the `wake()` landed after the
      // loop's last check) must not wait for the long sleep: look again at once.
      if (this.again) sleep = 0;
    } catch (error) {
      this.deps.onError(
        `Scheduler pass failed (next try in 5 s): ${error instanceof Error ? error.message : String(error)}`,
      );
      sleep = 5000;
    }
    this.arm(sleep);
  }

  private async eachLimited<T>(items: T[], fn: (item: T) => Promise<void>): Promise<void> {
    let index = 0;
    const worker = async () => {
      while (index < items.length) await fn(items[index++]!);
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, items.length) }, worker));
  }

  /** Claims and starts what is due of one schedule. */
  private async fireDue(schedule: ScheduleRow): Promise<void> {
    const from = new Date(schedule.next_run_at!);
    const now = new Date();
    const built = buildTiming({
      cron: schedule.cron,
      runAt: schedule.run_at,
      timezone: schedule.timezone,
      startAt: schedule.start_at,
      endAt: schedule.end_at,
    });
    if (!built.ok) {
      // Saved schedules were validated; a zone the runtime stopped knowing is recorded, not skipped silently.
      await this.claim(
        schedule,
        from,
        null,
        [
          {
            fireAt: from,
            missedReason: `The schedule cannot be computed: ${built.issues.map((i) => i.message).join('; ')}`,
          },
        ],
        'failed',
      );
      return;
    }
    const { times: later, more } = firesBetween(built.timing, from, now);
    const due = [from, ...later];
    const newNext = built.timing.next(now);
    const plan = this.plan(schedule, due, more);
    const claimed = await this.claim(schedule, from, newNext, plan, 'missed');
    await Promise.all(claimed.map((c) => this.startFire(schedule, c.id, c.fireAt)));
  }

  /** Decides which of the due fire times run and which are recorded as missed. */
  private plan(schedule: ScheduleRow, due: Date[], more: boolean): PlannedFire[] {
    const missed = due.filter((t) => t < this.startedAt);
    const live = due.filter((t) => t >= this.startedAt);
    const plan: PlannedFire[] = [];
    const zone = schedule.timezone;
    const span = (times: Date[]) =>
      `${times.length}${more ? '+' : ''} fire time(s) from ${formatLocal(times[0]!, zone)} to ${formatLocal(times[times.length - 1]!, zone)}`;
    if (missed.length) {
      if (schedule.missed === 'run_once') {
        plan.push({ fireAt: missed[missed.length - 1]!, missedReason: null });
        if (missed.length > 1) {
          plan.push({
            fireAt: missed[0]!,
            missedReason: `The server was not running at ${span(missed)}; missed-fire policy run_once ran the last one`,
          });
        }
      } else {
        plan.push({
          fireAt: missed[0]!,
          missedReason: `The server was not running at ${span(missed)}; missed-fire policy skip`,
        });
      }
    }
    if (live.length > 1) {
      plan.push({
        fireAt: live[0]!,
        missedReason: `The scheduler was behind: ${span(live.slice(0, -1))} were overtaken by a later fire`,
      });
    }
    if (live.length) plan.push({ fireAt: live[live.length - 1]!, missedReason: null });
    return plan;
  }

  /**
   * The claim, in one transaction: move `next_run_at` on from the value read (another process
   * that got there first makes this a no-op) and insert one row per planned fire (unique key).
   * Returns the fires this process must start.
   */
  private async claim(
    schedule: ScheduleRow,
    from: Date,
    newNext: Date | null,
    plan: PlannedFire[],
    recordedOutcome: 'missed' | 'failed',
  ): Promise<{ id: string; fireAt: Date }[]> {
    return this.deps.transaction(async (sql) => {
      const moved = await sql.query(
        `UPDATE schedules SET next_run_at = $3 WHERE id = $1 AND enabled AND next_run_at = $2 RETURNING id`,
        [schedule.id, from, newNext],
      );
      if (!moved.length) return [];
      const toStart: { id: string; fireAt: Date }[] = [];
      for (const fire of plan) {
        const rows = await sql.query<{ id: string }>(
          `INSERT INTO schedule_fires (schedule_id, fire_at, outcome, reason, claimed_by)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT (schedule_id, fire_at) DO NOTHING RETURNING id`,
          [
            schedule.id,
            fire.fireAt,
            fire.missedReason ? recordedOutcome : 'claimed',
            fire.missedReason,
            this.deps.owner,
          ],
        );
        if (rows[0] && !fire.missedReason) toStart.push({ id: rows[0].id, fireAt: fire.fireAt });
      }
      return toStart;
    });
  }

  /** Applies the overlap policy and creates the run; every outcome lands on the fire row. */
  private async startFire(
    schedule: ScheduleRow,
    fireId: string,
    fireAt: Date,
    fromQueue = false,
  ): Promise<void> {
    try {
      if (schedule.overlap !== 'allow') {
        const active = await this.store.activeRun(schedule.id);
        if (active) {
          const what = active.status === 'waiting_review' ? 'waiting for review' : active.status;
          if (
            schedule.overlap === 'queue' &&
            !fromQueue &&
            !(await this.hasOtherQueued(schedule.id, fireId))
          ) {
            await this.store.setFire(
              fireId,
              'queued',
              `Waits for the previous run ${active.id} (${what})`,
            );
          } else {
            const why =
              schedule.overlap === 'queue' ? ' and a fire is already queued behind it' : '';
            await this.store.setFire(
              fireId,
              'skipped',
              `The previous run ${active.id} is still ${what}${why} (overlap policy ${schedule.overlap})`,
            );
          }
          return;
        }
      }
      const run = await this.deps.launch(schedule, fireAt);
      await this.store.setFire(fireId, 'started', null, run.id);
    } catch (error) {
      await this.store
        .setFire(fireId, 'failed', error instanceof Error ? error.message : String(error))
        .catch((e: unknown) => this.deps.onError(`Recording fire ${fireId} failed: ${String(e)}`));
    }
  }

  private async hasOtherQueued(scheduleId: string, fireId: string): Promise<boolean> {
    const rows = await this.deps.sql.query(
      `SELECT 1 FROM schedule_fires WHERE schedule_id = $1 AND outcome = 'queued' AND id <> $2 LIMIT 1`,
      [scheduleId, fireId],
    );
    return rows.length > 0;
  }

  /** Overlap `queue`: a fire that waited starts once its schedule has no active run. */
  private async releaseQueued(): Promise<void> {
    for (const fire of await this.store.releasableQueued(BATCH)) {
      if (!(await this.store.takeQueued(fire.id, this.deps.owner))) continue;
      const schedule = await this.store.get(fire.schedule_id);
      if (!schedule) continue; // deleted: its fires went with it
      await this.startFire(schedule, fire.id, new Date(fire.fire_at), true);
    }
  }
}
