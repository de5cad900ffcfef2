import { HttpStatus, Injectable } from '@nestjs/common';
import type {
  CalendarFire,
  CreateScheduleBody,
  Issue,
  SchedulePreview,
  ScheduleFireView,
  ScheduleView,
  UpdateScheduleBody,
} from '@flowpress/shared';
import { EngineCore } from '../engine/engine-core.js';
import { ApiException, ValidationFailed } from '../http/index.js';
import type { CreatedRun } from '../runs/runs.service.js';
import { ScheduleLauncher } from './schedule-launcher.js';
import { buildTiming, describeCron, firesBetween, upcoming, type Timing } from './cron.js';
import type { ScheduleRow, ScheduleStore, ScheduleWrite } from './schedule-store.js';
import { SchedulerHost } from './scheduler.host.js';

const FIRES_FOR_STATUS = 10;
const CALENDAR_PER_SCHEDULE = 200;
const describeRow = (r: ScheduleRow) => (r.cron ? describeCron(r.cron) : 'Once');
const date = (v: string | null | undefined): Date | null => (v ? new Date(v) : null);
const iso = (d: Date | string | null): string | null =>
  d === null ? null : new Date(d).toISOString();

/** Schedules: validate and store them, describe them (next fires, last fire, health of inputs). */
@Injectable()
export class SchedulesService {
  private readonly store: ScheduleStore;

  constructor(
    private readonly engine: EngineCore,
    private readonly launcher: ScheduleLauncher,
    private readonly host: SchedulerHost,
  ) {
    this.store = host.scheduler.store;
  }

  preview(body: {
    cron: string;
    timezone: string;
    from?: string | undefined;
    count: number;
  }): SchedulePreview {
    const timing = this.timingOrThrow({
      cron: body.cron,
      run_at: null,
      timezone: body.timezone,
      start_at: null,
      end_at: null,
    });
    return {
      description: timing.description,
      timezone: body.timezone,
      fires: upcoming(
        timing,
        body.from ? new Date(body.from) : new Date(),
        body.count,
        body.timezone,
      ),
    };
  }

  async list(filter: { workflowId?: string }): Promise<ScheduleView[]> {
    const rows = await this.store.list(filter);
    const fires = await this.store.recentFires(
      rows.map((r) => r.id),
      FIRES_FOR_STATUS,
    );
    return Promise.all(rows.map((r) => this.view(r, fires.get(r.id) ?? [])));
  }

  /**
   * The calendar's view of schedules in [from, to): past fires as recorded, upcoming ones as
   * computed (at most `CALENDAR_PER_SCHEDULE` each, so a per-minute cron cannot flood a month).
   */
  async calendar(from: Date, to: Date): Promise<CalendarFire[]> {
    const now = new Date();
    const rows = await this.store.list({});
    const byId = new Map(rows.map((r) => [r.id, r]));
    const out: CalendarFire[] = [];
    const item = (
      r: ScheduleRow,
      description: string,
      at: Date,
      outcome: CalendarFire['outcome'],
      runId: string | null,
    ) => ({
      scheduleId: r.id,
      workflowId: r.workflow_id,
      workflowName: r.workflow_name,
      scheduleName: r.name,
      description,
      at: at.toISOString(),
      oneShot: r.run_at !== null,
      outcome,
      runId,
    });
    for (const fire of await this.store.firesBetween(
      from,
      to < now ? to : now,
      CALENDAR_PER_SCHEDULE,
    )) {
      const r = byId.get(fire.scheduleId);
      if (r) out.push(item(r, describeRow(r), new Date(fire.fireAt), fire.outcome, fire.runId));
    }
    for (const r of rows) {
      if (!r.enabled || !r.next_run_at) continue;
      const built = buildTiming({
        cron: r.cron,
        runAt: r.run_at,
        timezone: r.timezone,
        startAt: r.start_at,
        endAt: r.end_at,
      });
      if (!built.ok) continue;
      const start = new Date(
        Math.max(from.getTime(), now.getTime(), new Date(r.next_run_at).getTime()) - 1,
      );
      const { times } = firesBetween(
        built.timing,
        start,
        new Date(to.getTime() - 1),
        CALENDAR_PER_SCHEDULE,
      );
      for (const at of times) out.push(item(r, built.timing.description, at, 'planned', null));
    }
    return out.sort((a, b) => a.at.localeCompare(b.at));
  }

  async get(id: string): Promise<ScheduleView> {
    const row = await this.rowOrThrow(id);
    return this.view(row, await this.store.fires(id, FIRES_FOR_STATUS));
  }

  async fires(id: string, limit: number): Promise<ScheduleFireView[]> {
    await this.rowOrThrow(id);
    return this.store.fires(id, limit);
  }

  async create(
    workflowId: string,
    body: CreateScheduleBody,
    createdBy: string | null,
  ): Promise<ScheduleView> {
    const version = await this.workflowVersion(workflowId);
    const write = await this.checked(workflowId, version, {
      name: body.name ?? null,
      cron: body.cron ?? null,
      run_at: date(body.runAt),
      timezone: body.timezone ?? 'UTC',
      inputs: body.inputs ?? {},
      enabled: body.enabled ?? true,
      start_at: date(body.startAt),
      end_at: date(body.endAt),
      overlap: body.overlap ?? 'skip',
      missed: body.missed ?? 'skip',
      next_run_at: null,
    });
    const id = await this.store.insert(workflowId, createdBy, write);
    this.host.scheduler.wake();
    return this.get(id);
  }

  async update(id: string, body: UpdateScheduleBody): Promise<ScheduleView> {
    const row = await this.rowOrThrow(id);
    // A schedule whose workflow is gone, or whose inputs no longer fit, can still be turned off.
    const turningOff = body.enabled === false || (body.enabled === undefined && !row.enabled);
    const version = await this.store.currentVersion(row.workflow_id);
    if (version === null && !turningOff) {
      throw new ApiException(
        HttpStatus.NOT_FOUND,
        'The workflow of this schedule was deleted: the schedule can only be turned off or deleted',
      );
    }
    const pick = <K extends keyof UpdateScheduleBody>(k: K) => body[k] !== undefined;
    // A one-shot moved to a cron (or back) drops the other field.
    const cron = pick('cron') ? (body.cron ?? null) : pick('runAt') && body.runAt ? null : row.cron;
    const runAt = pick('runAt') ? date(body.runAt) : pick('cron') && body.cron ? null : row.run_at;
    const write = await this.checked(
      row.workflow_id,
      turningOff && body.inputs === undefined ? null : version,
      {
        name: pick('name') ? (body.name ?? null) : row.name,
        cron,
        run_at: runAt,
        timezone: body.timezone ?? row.timezone,
        inputs: body.inputs ?? row.inputs,
        enabled: body.enabled ?? row.enabled,
        start_at: pick('startAt') ? date(body.startAt) : row.start_at,
        end_at: pick('endAt') ? date(body.endAt) : row.end_at,
        overlap: body.overlap ?? row.overlap,
        missed: body.missed ?? row.missed,
        next_run_at: null,
      },
    );
    await this.store.update(id, write);
    this.host.scheduler.wake();
    return this.get(id);
  }

  async delete(id: string): Promise<void> {
    if (!(await this.store.delete(id)))
      throw new ApiException(HttpStatus.NOT_FOUND, 'Schedule not found');
    this.host.scheduler.wake();
  }

  /** "Run now": a run with the schedule's inputs, linked to the schedule, triggered by the caller. */
  async runNow(id: string, user: { id: string; apiKeyId?: string | null }): Promise<CreatedRun> {
    return this.launcher.runNow(await this.rowOrThrow(id), user);
  }

  private async view(row: ScheduleRow, fires: ScheduleFireView[]): Promise<ScheduleView> {
    const timing = buildTiming({
      cron: row.cron,
      runAt: row.run_at,
      timezone: row.timezone,
      startAt: row.start_at,
      endAt: row.end_at,
    });
    const next = row.enabled && row.next_run_at ? new Date(row.next_run_at) : null;
    const attempts = fires
      .filter((f) => f.outcome === 'started' || f.outcome === 'failed')
      .slice(0, 3);
    const failing =
      attempts.length === 3 &&
      attempts.every((f) => f.outcome === 'failed' || f.runStatus === 'failed');
    return {
      id: row.id,
      workflowId: row.workflow_id,
      workflowName: row.workflow_name,
      name: row.name,
      cron: row.cron,
      runAt: iso(row.run_at),
      timezone: row.timezone,
      inputs: row.inputs,
      enabled: row.enabled,
      startAt: iso(row.start_at),
      endAt: iso(row.end_at),
      overlap: row.overlap,
      missed: row.missed,
      nextRunAt: iso(next),
      // The stored next fire first (it may be overdue), then the ones after it.
      nextFires:
        next && timing.ok
          ? [...upcoming(timing.timing, new Date(next.getTime() - 1), 5, row.timezone)]
          : [],
      description: timing.ok
        ? timing.timing.description
        : row.cron
          ? describeCron(row.cron)
          : 'Once',
      lastFire: fires[0] ?? null,
      failing,
      inputsProblem: await this.inputsProblem(row),
      createdAt: iso(row.created_at)!,
      updatedAt: iso(row.updated_at)!,
    };
  }

  /** Checked against the workflow's current version on every read: a later edit shows here. */
  private async inputsProblem(row: ScheduleRow): Promise<string | null> {
    if (row.workflow_version === null) return 'The workflow was deleted';
    const workflow = await this.engine.workflows.get(row.workflow_id, row.workflow_version);
    const checked = this.engine.validateInputs(workflow, row.inputs);
    return checked.ok
      ? null
      : `Version ${row.workflow_version} of the workflow does not accept these inputs: ${formatIssues(checked.issues)}`;
  }

  /** Checks the timing, and the inputs against `version` (null: a disabled schedule keeps its inputs as they are). */
  private async checked(
    workflowId: string,
    version: number | null,
    write: ScheduleWrite,
  ): Promise<ScheduleWrite> {
    const timing = this.timingOrThrow(write);
    if (version !== null) {
      const workflow = await this.engine.workflows.get(workflowId, version);
      const inputs = this.engine.validateInputs(workflow, write.inputs);
      if (!inputs.ok)
        throw new ValidationFailed('The schedule inputs do not fit the workflow', inputs.issues);
    }
    return { ...write, next_run_at: timing.next(new Date()) };
  }

  private timingOrThrow(
    w: Pick<ScheduleWrite, 'cron' | 'run_at' | 'timezone' | 'start_at' | 'end_at'>,
  ): Timing {
    const built = buildTiming({
      cron: w.cron,
      runAt: w.run_at,
      timezone: w.timezone,
      startAt: w.start_at,
      endAt: w.end_at,
    });
    if (!built.ok)
      throw new ValidationFailed(
        `The schedule is not valid: ${formatIssues(built.issues)}`,
        built.issues,
      );
    return built.timing;
  }

  private async rowOrThrow(id: string): Promise<ScheduleRow> {
    const row = await this.store.get(id);
    if (!row) throw new ApiException(HttpStatus.NOT_FOUND, 'Schedule not found');
    return row;
  }

  private async workflowVersion(workflowId: string): Promise<number> {
    const version = await this.store.currentVersion(workflowId);
    if (version === null) throw new ApiException(HttpStatus.NOT_FOUND, 'Workflow not found');
    return version;
  }
}

export function formatIssues(issues: Issue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join('; ');
}
