import os from 'node:os';
import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import {
  RUN_STOP_EVENTS,
  TERMINAL_RUN_STATUSES,
  type Issue,
  type RunStatus,
  type RunView,
} from '@flowpress/shared';
import type { NodeServices } from '@flowpress/nodes';
import type { EventBus } from '../realtime/event-bus.js';
import type { RunQueue } from '../queue/run-queue.js';
import {
  CompiledWorkflowCache,
  compileWorkflow,
  type CompiledWorkflow,
} from './compiled-workflow.js';
import { EngineError } from './engine-errors.js';
import type { NodeRuntime } from './node-runtime.js';
import { Orchestrator } from './orchestrator.js';
import type { EngineOptions } from './run-execution.js';
import { SqlReviewHooks } from './review-hooks.js';
import { RunStore, type Sql } from './run-store.js';
import type { Transact } from './sql.js';
import { SignalWatchers } from './timing.js';

const ENGINE_LOG = new Logger('Engine');
/** Workflows whose current version is remembered; past this the memory starts over. */
const VERSION_CACHE_LIMIT = 10_000;
/** A run whose workflow is saved again and again while it is being created gives up after this. */
const CREATE_TRIES = 5;
/** Statuses after which a run streams nothing until a worker takes it up again. */
const STOPPED: ReadonlySet<RunStatus> = new Set<RunStatus>([
  ...TERMINAL_RUN_STATUSES,
  'waiting_review',
]);

export const DEFAULT_ENGINE_OPTIONS: Omit<EngineOptions, 'workerId'> = {
  leaseMs: 30_000,
  // Steps of one run in flight at once. A fan-out of ten prompts must run as one wave, not three
  // (issue #13 workload 3: ten 300 ms calls in ≤ 350 ms); model calls mostly wait on the network.
  nodeConcurrency: 16,
  defaultTimeoutMs: 120_000,
  defaultMaxAttempts: 3,
  retryBaseMs: 500,
  retryMaxMs: 30_000,
  soleWorker: true,
  requeueBaseMs: 2000,
};

export interface InputsCheck {
  ok: boolean;
  value: Record<string, unknown>;
  issues: Issue[];
}

export interface SubmitOptions {
  createdBy: string | null;
  trigger: RunView['trigger'];
  /** With `trigger: 'schedule'`: which schedule and fire made the run. */
  schedule?: { id: string; fireAt: Date | null };
}

export interface SubmittedRun {
  id: string;
  status: 'queued';
  workflowVersion: number;
}

/** A decision's effect on its run, applied in the decision's own transaction. */
export interface ReviewOutcome {
  runId: string;
  /** request_changes: these nodes run again with the comment as `vars.feedback`. */
  revise?: { nodeIds: string[]; feedback: string };
}

export interface EngineDeps {
  sql: Sql;
  transact: Transact;
  runtime: NodeRuntime;
  bus: EventBus;
  queue: RunQueue;
  services: NodeServices;
  validateRunInputs: (
    config: Record<string, unknown>,
    inputs: Record<string, unknown>,
  ) => InputsCheck;
  options?: Partial<EngineOptions>;
}

/**
 * The one owner of a run's life: creation, cancel, resumption after a review, reads, and (in a
 * worker) execution through the orchestrator. The HTTP services only translate. Framework-free
 * so the benchmark and tests can build one without Nest.
 */
export class EngineCore {
  readonly store: RunStore;
  readonly workflows: CompiledWorkflowCache;
  readonly orchestrator: Orchestrator;
  private readonly bus: EventBus;
  private readonly queue: RunQueue;
  /**
   * Workflow id → the current version last seen. Only a guess: the insert of a run checks it in
   * the same statement (a save in another process never reaches this map), so a stale entry
   * costs one more statement, never a run of the wrong version.
   */
  private readonly currentVersions = new Map<string, number>();
  /** Waits in this process, told a run's stored state when a pass here settles or parks it. */
  private readonly settledWaiters = new Map<string, Set<(run: RunView) => void>>();
  /** The waits' signals (the server's shutdown signal, the same for every wait): one listener each. */
  private readonly signalWatchers = new WeakMap<AbortSignal, SignalWatchers>();

  constructor(private readonly deps: EngineDeps) {
    const { bus, queue, runtime, services } = deps;
    this.bus = bus;
    this.queue = queue;
    this.store = new RunStore(deps.sql, { groupWrites: true });
    this.workflows = new CompiledWorkflowCache(async (workflowId, version) => {
      const graph = await this.store.versionGraph(workflowId, version);
      if (!graph) throw new Error(`workflow ${workflowId} has no version ${version}`);
      return compileWorkflow(workflowId, version, graph, runtime);
    });
    const reviews = new SqlReviewHooks(deps.sql, (review) =>
      bus.publishReview({
        type: 'review.created',
        reviewId: review.id,
        runId: review.runId,
        workflowId: review.workflowId,
        nodeId: review.nodeId,
        status: 'pending',
        at: new Date().toISOString(),
      }),
    );
    this.orchestrator = new Orchestrator({
      store: this.store,
      bus,
      queue,
      workflows: this.workflows,
      runtime,
      services,
      reviews,
      onError: (message) => ENGINE_LOG.error(message),
      settled: (run) => {
        for (const waiter of this.settledWaiters.get(run.id) ?? []) waiter(run);
      },
      options: {
        ...DEFAULT_ENGINE_OPTIONS,
        workerId: `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
        ...deps.options,
      },
    });
  }

  /**
   * Creates a run of the workflow's current version (inputs checked, defaults applied), announces
   * it and hands it to the queue. The one way a run comes into being.
   */
  async submit(
    workflowId: string,
    inputs: Record<string, unknown>,
    opts: SubmitOptions,
  ): Promise<SubmittedRun> {
    const created = await this.create(workflowId, inputs, opts);
    await this.enqueueStored(created.id);
    return created;
  }

  /**
   * `submit`, then the run once it ends or parks for review (`done: true`), or as it stands after
   * `timeoutMs`. The run is new, so there is nothing to read before waiting; when it is executed
   * in this process the answer is the state its pass settled it in, read from nowhere.
   */
  async submitAndWait(
    workflowId: string,
    inputs: Record<string, unknown>,
    opts: SubmitOptions,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<{ run: RunView; done: boolean }> {
    const created = await this.create(workflowId, inputs, opts);
    // Listening starts before the run is enqueued, so nothing can end it unseen.
    const wait = this.listen(created.id, timeoutMs, signal);
    try {
      await this.enqueueStored(created.id);
      const { run, done } = await wait.ended;
      return { run: run ?? (await this.getRun(created.id)), done };
    } finally {
      wait.stop();
    }
  }

  /** Stores a new run (see `submit`) and announces it; not yet queued. */
  private async create(
    workflowId: string,
    inputs: Record<string, unknown>,
    opts: SubmitOptions,
  ): Promise<SubmittedRun> {
    let version = this.currentVersions.get(workflowId) ?? null;
    let guessed = version !== null;
    if (!guessed) version = await this.store.currentVersion(workflowId);
    for (let tries = 1; ; tries++) {
      if (version === null) {
        this.currentVersions.delete(workflowId);
        throw new EngineError('not_found', 'Workflow not found');
      }
      const workflow = await this.workflows.get(workflowId, version);
      const checked = this.validateInputs(workflow, inputs);
      if (!checked.ok) {
        // Refuse only on the version that is current: the inputs may fit one saved since.
        if (guessed) {
          guessed = false;
          const current = await this.store.currentVersion(workflowId);
          if (current !== version) {
            version = current;
            continue;
          }
        }
        throw new EngineError('invalid', 'The run inputs do not fit the workflow', checked.issues);
      }
      const claimFor = await this.orchestrator.claimsOnInsert();
      const created = await this.store.createRun({
        ...(claimFor ? { claimFor } : {}),
        workflowId,
        workflowVersion: version,
        inputs: checked.value,
        trigger: opts.trigger,
        ...(opts.schedule ? { schedule: opts.schedule } : {}),
        createdBy: opts.createdBy,
        nodes: [...workflow.nodes.values()].map((n) => ({ id: n.node.id, type: n.node.type })),
      });
      if ('current' in created) {
        // Saved (or deleted) since the version was read: plan again for the one that is current.
        guessed = false;
        version = created.current;
        if (tries >= CREATE_TRIES)
          throw new EngineError('conflict', 'The workflow keeps changing; try again');
        continue;
      }
      if (created.claimed) this.orchestrator.adopt(created.claimed);
      if (this.currentVersions.size >= VERSION_CACHE_LIMIT) this.currentVersions.clear();
      this.currentVersions.set(workflowId, version);
      this.bus.publish({
        runId: created.id,
        seq: 1,
        type: 'run.queued',
        at: created.createdAt.toISOString(),
        data: { workflowId, workflowVersion: version },
      });
      // Out before the job is queued: a worker's `run.started` (seq 2) comes from another process
      // and would otherwise overtake seq 1 (scale-out; in one process delivery is synchronous).
      await this.bus.flush();
      return { id: created.id, status: 'queued', workflowVersion: version };
    }
  }

  /**
   * The run once it ends or parks for review (`done: true`), or as it stands after `timeoutMs`.
   * Listens before reading, so an end between the two is not missed.
   */
  async waitForEnd(
    runId: string,
    timeoutMs: number,
    /** Ends the wait early with the run as it stands (shutdown answers long-polls with 202). */
    signal?: AbortSignal,
  ): Promise<{ run: RunView; done: boolean }> {
    const wait = this.listen(runId, timeoutMs, signal);
    try {
      const now = await this.getRun(runId);
      if (STOPPED.has(now.status)) return { run: now, done: true };
      const { run, done } = await wait.ended;
      return { run: run ?? (await this.getRun(runId)), done };
    } finally {
      wait.stop();
    }
  }

  /**
   * Resolves when the run stops: with its stored state when a pass in this process settled it
   * (told before the stop event is published), with `run: null` when the stop was heard from
   * elsewhere (another worker, a direct cancel: the caller reads it), or `done: false` at the
   * timeout or abort.
   */
  private listen(
    runId: string,
    timeoutMs: number,
    signal?: AbortSignal,
  ): { ended: Promise<{ run: RunView | null; done: boolean }>; stop: () => void } {
    let stop = () => {};
    const ended = new Promise<{ run: RunView | null; done: boolean }>((resolve) => {
      const timer = setTimeout(() => resolve({ run: null, done: false }), timeoutMs);
      const offRun = this.bus.onRun(runId, (event) => {
        if (RUN_STOP_EVENTS.has(event.type)) resolve({ run: null, done: true });
      });
      const onSettled = (run: RunView) => resolve({ run, done: true });
      let waiters = this.settledWaiters.get(runId);
      if (!waiters) this.settledWaiters.set(runId, (waiters = new Set()));
      waiters.add(onSettled);
      const offAbort = signal ? this.watch(signal, () => resolve({ run: null, done: false })) : null;
      stop = () => {
        clearTimeout(timer);
        offRun();
        offAbort?.();
        waiters.delete(onSettled);
        if (!waiters.size) this.settledWaiters.delete(runId);
      };
    });
    return { ended, stop };
  }

  private watch(signal: AbortSignal, callback: () => void): () => void {
    let watchers = this.signalWatchers.get(signal);
    if (!watchers) this.signalWatchers.set(signal, (watchers = new SignalWatchers(signal)));
    return watchers.watch(callback);
  }

  /** Cancels a run: at once when no worker holds it, else by asking its worker to abort (≤ 5 s). */
  async cancel(runId: string): Promise<RunView> {
    const before = await this.getRun(runId);
    if (TERMINAL_RUN_STATUSES.includes(before.status)) {
      throw new EngineError('conflict', `The run already ended (${before.status})`);
    }
    const result = await this.store.requestCancel(runId);
    if (result?.direct) {
      await this.store.closeOpenReviews(runId, 'canceled');
      this.bus.publish({
        runId,
        seq: result.lastSeq,
        type: 'run.canceled',
        at: new Date().toISOString(),
        data: {},
      });
      return this.getRun(runId);
    }
    this.bus.publishCancel(runId);
    return (await this.waitForEnd(runId, 5000)).run;
  }

  /**
   * A review was decided: `decide` writes the review row in the transaction and says what it
   * means for the run; the run's rows change in the same transaction, then the run is queued.
   */
  async resumeAfterDecision<T extends ReviewOutcome>(decide: (sql: Sql) => Promise<T>): Promise<T> {
    const outcome = await this.deps.transact(async (sql) => {
      const decided = await decide(sql);
      await this.store.on(sql).reopenAfterDecision(decided.runId, decided.revise ?? null);
      return decided;
    });
    await this.enqueueStored(outcome.runId);
    return outcome;
  }

  /**
   * Hands a stored `queued` run to the queue. When the queue is away (Redis down) the run stays
   * stored and the caller still gets its answer: the workers' sweeper over Postgres enqueues every
   * queued run nobody holds, so it starts once the queue is back.
   */
  private async enqueueStored(runId: string): Promise<void> {
    try {
      await this.queue.enqueue({ runId });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      ENGINE_LOG.warn(
        `run ${runId} is stored but not queued yet (${reason}); the sweeper will queue it`,
      );
    }
  }

  /** A run with its nodes in the graph's order (the database keeps no order). */
  async getRun(runId: string): Promise<RunView> {
    const run = await this.store.getRun(runId);
    if (!run) throw new EngineError('not_found', 'Run not found');
    return this.ordered(run);
  }

  async listRuns(filter: Parameters<RunStore['listRuns']>[0]): Promise<RunView[]> {
    const runs = await this.store.listRuns(filter);
    return Promise.all(runs.map((r) => this.ordered(r)));
  }

  /** A run's compiled workflow version (reviews render prompts and plan revisions from it). */
  compiled(workflowId: string, version: number): Promise<CompiledWorkflow> {
    return this.workflows.get(workflowId, version);
  }

  /** Checks run inputs against every `input` node of the workflow (defaults applied). */
  validateInputs(workflow: CompiledWorkflow, inputs: Record<string, unknown>): InputsCheck {
    const value: Record<string, unknown> = { ...inputs };
    const issues: Issue[] = [];
    for (const exec of workflow.nodes.values()) {
      if (!exec.definition.providesRunInputs) continue;
      const checked = this.deps.validateRunInputs(exec.node.data, inputs);
      Object.assign(value, checked.value);
      issues.push(...checked.issues);
    }
    return { ok: issues.length === 0, value, issues };
  }

  /** A version that no longer compiles is an error here, not a run shown in some other order. */
  private async ordered(run: RunView): Promise<RunView> {
    const workflow = await this.workflows
      .get(run.workflowId, run.workflowVersion)
      .catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(
          `run ${run.id}: workflow version ${run.workflowVersion} does not compile (${reason})`,
        );
      });
    const rank = new Map(workflow.graph.order.map((id, i) => [id, i]));
    run.nodes.sort((a, b) => (rank.get(a.nodeId) ?? 0) - (rank.get(b.nodeId) ?? 0));
    return run;
  }
}
