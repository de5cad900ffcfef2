import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RUN_STOP_EVENTS, TERMINAL_RUN_STATUSES, type RunView } from '@flowpress/shared';
import { ApiException, ValidationFailed } from '../http/index.js';
import { EventBus } from '../realtime/event-bus.js';
import { RunQueue } from '../queue/run-queue.js';
import { EngineCore } from '../engine/engine-core.js';
import { Lifecycle } from '../http/lifecycle.js';

export interface CreatedRun {
  id: string;
  status: 'queued';
  workflowVersion: number;
}

/**
 * The API side of runs: validate inputs, create the run pinned to the workflow's current
 * version (one insert with its node rows), enqueue it, and answer — or wait for its end.
 */
@Injectable()
export class RunsService {
  constructor(
    private readonly db: DataSource,
    private readonly engine: EngineCore,
    private readonly queue: RunQueue,
    private readonly bus: EventBus,
    private readonly lifecycle: Lifecycle,
  ) {}

  async create(
    workflowId: string,
    inputs: Record<string, unknown>,
    options: { createdBy: string | null; trigger: RunView['trigger']; schedule?: { id: string; fireAt: Date | null } },
  ): Promise<CreatedRun> {
    const { id, version } = await this.prepare(workflowId, inputs, options);
    await this.queue.enqueue({ runId: id });
    return { id, status: 'queued', workflowVersion: version };
  }

  /**
   * Creates a run and answers when it ends or waits for review (`done: true`), or with its state
   * so far at the timeout.
   */
  async createAndWait(
    workflowId: string,
    inputs: Record<string, unknown>,
    options: { createdBy: string | null; trigger: RunView['trigger']; timeoutMs: number },
  ): Promise<{ run: RunView; done: boolean }> {
    const { id } = await this.prepare(workflowId, inputs, options);
    let unsubscribe = () => {};
    const settled = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), options.timeoutMs);
      // Shutdown answers now with the run as it stands (202), rather than holding the process.
      const onShutdown = () => {
        clearTimeout(timer);
        resolve(false);
      };
      const shutdown = this.lifecycle.signal;
      if (shutdown.aborted) onShutdown();
      shutdown.addEventListener('abort', onShutdown, { once: true });
      const offRun = this.bus.onRun(id, (event) => {
        if (RUN_STOP_EVENTS.has(event.type)) {
          clearTimeout(timer);
          resolve(true);
        }
      });
      unsubscribe = () => {
        offRun();
        shutdown.removeEventListener('abort', onShutdown);
      };
    });
    try {
      await this.queue.enqueue({ runId: id });
      const done = await settled;
      return { run: (await this.engine.store.getRun(id))!, done };
    } finally {
      unsubscribe();
    }
  }

  private async prepare(
    workflowId: string,
    inputs: Record<string, unknown>,
    options: { createdBy: string | null; trigger: RunView['trigger']; schedule?: { id: string; fireAt: Date | null } },
  ): Promise<{ id: string; version: number }> {
    const rows = await this.db.query<{ current_version: number }[]>(
      `SELECT current_version FROM workflows WHERE id = $1 AND deleted_at IS NULL`,
      [workflowId],
    );
    const version = rows[0]?.current_version;
    if (version === undefined) throw new ApiException(HttpStatus.NOT_FOUND, 'Workflow not found');
    const workflow = await this.engine.workflows.get(workflowId, version);
    const checked = this.engine.validateInputs(workflow, inputs);
    if (!checked.ok) throw new ValidationFailed('The run inputs do not fit the workflow', checked.issues);
    const created = await this.engine.store.createRun({
      workflowId,
      workflowVersion: version,
      inputs: checked.value,
      trigger: options.trigger,
      ...(options.schedule ? { schedule: options.schedule } : {}),
      createdBy: options.createdBy,
      nodes: [...workflow.nodes.values()].map((n) => ({ id: n.node.id, type: n.node.type })),
    });
    this.bus.publish({
      runId: created.id,
      seq: 1,
      type: 'run.queued',
      at: created.createdAt.toISOString(),
      data: { workflowId, workflowVersion: version },
    });
    return { id: created.id, version };
  }

  async get(runId: string): Promise<RunView> {
    const run = await this.engine.store.getRun(runId);
    if (!run) throw new ApiException(HttpStatus.NOT_FOUND, 'Run not found');
    return this.ordered(run);
  }

  async list(filter: Parameters<EngineCore['store']['listRuns']>[0]): Promise<RunView[]> {
    const runs = await this.engine.store.listRuns(filter);
    return Promise.all(runs.map((r) => this.ordered(r)));
  }

  /** Cancels a run: at once when no worker holds it, else by asking its worker to abort. */
  async cancel(runId: string): Promise<RunView> {
    const before = await this.engine.store.getRun(runId);
    if (!before) throw new ApiException(HttpStatus.NOT_FOUND, 'Run not found');
    if (TERMINAL_RUN_STATUSES.includes(before.status)) {
      throw new ApiException(HttpStatus.CONFLICT, `The run already ended (${before.status})`);
    }
    const result = await this.engine.store.requestCancel(runId);
    if (result?.direct) {
      await this.engine.onCanceledDirectly(runId);
      this.bus.publish({ runId, seq: result.lastSeq, type: 'run.canceled', at: new Date().toISOString(), data: {} });
    } else {
      this.bus.publishCancel(runId);
      await this.waitFor(runId, 5000);
    }
    return this.get(runId);
  }

  private async waitFor(runId: string, timeoutMs: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      const unsubscribe = this.bus.onRun(runId, (event) => {
        if (RUN_STOP_EVENTS.has(event.type)) done();
      });
      function done() {
        clearTimeout(timer);
        unsubscribe();
        resolve();
      }
    });
  }

  /** Node states in the graph's order (the database keeps no order). */
  private async ordered(run: RunView): Promise<RunView> {
    const workflow = await this.engine.workflows.get(run.workflowId, run.workflowVersion).catch(() => null);
    if (!workflow) return run;
    const rank = new Map(workflow.graph.order.map((id, i) => [id, i]));
    run.nodes.sort((a, b) => (rank.get(a.nodeId) ?? 0) - (rank.get(b.nodeId) ?? 0));
    return run;
  }
}
