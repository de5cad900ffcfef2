import type { NodeServices } from '@flowpress/nodes';
import type { RunView } from '@flowpress/shared';
import type { EventBus } from '../realtime/event-bus.js';
import { InProcessRunQueue, type RunQueue } from '../queue/run-queue.js';
import type { CompiledWorkflowCache } from './compiled-workflow.js';
import type { NodeRuntime } from './node-runtime.js';
import type { ClaimedRun, NodeState, RunStore } from './run-store.js';
import type { CompiledWorkflow } from './compiled-workflow.js';
import { RunExecution, type EngineOptions, type ReviewHooks } from './run-execution.js';

import { classifyDbError } from './db-errors.js';
import type { RunJob } from '../queue/run-queue.js';

/** The longest a pass the database failed waits before it is tried again. */
const RETRY_DELAY_CAP_MS = 60_000;
/** A job for a run executing here waits this long and comes back (never dropped). */
const BUSY_DELAY_MS = 250;

/** Capped exponential backoff: `base`, 2×, 4×… up to `cap`. */
export function requeueDelay(attempt: number, baseMs: number, capMs = RETRY_DELAY_CAP_MS): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 20)));
}

/**
 * The worker side of runs: takes run ids from the queue, claims each under a lease, executes it
 * from its checkpoints, keeps leases alive, aborts on cancel, and on start-up picks up runs a
 * dead process left behind. Nothing waits in memory between passes.
 */
export class Orchestrator {
  private readonly active = new Map<string, RunExecution>();
  /**
   * Runs with a pass in this process, from before its claim to its end. The claim lets this
   * worker take again what it holds (its own lease), so two jobs for one run arriving together
   * (a stalled job coming back while the sweeper enqueues the same orphan) would both pass a
   * check of `active` made before the claim's await, and execute the run twice at once.
   */
  private readonly here = new Set<string>();
  private passes = 0;
  private heartbeat: NodeJS.Timeout | null = null;
  private sweeper: NodeJS.Timeout | null = null;
  private unsubscribeCancel: (() => void) | null = null;
  private started = false;
  /**
   * Runs inserted already claimed by this worker (`adopt`), waiting for their job: the job's pass
   * uses this claim instead of claiming again. A cancel meanwhile is noted here, as the claim
   * statement would have read it.
   */
  private readonly preclaimed = new Map<string, ClaimedRun>();

  constructor(
    private readonly deps: {
      store: RunStore;
      bus: EventBus;
      queue: RunQueue;
      workflows: CompiledWorkflowCache;
      runtime: NodeRuntime;
      services: NodeServices;
      reviews: ReviewHooks;
      options: EngineOptions;
      onError?: (message: string) => void;
      /** See `ExecutionDeps.settled`. */
      settled?: (run: RunView) => void;
    },
  ) {}

  /** Starts consuming the queue and recovers orphaned runs. */
  async start(): Promise<void> {
    const { queue, bus, store, options } = this.deps;
    this.unsubscribeCancel = bus.onCancel((runId) => {
      this.active.get(runId)?.abort.abort();
      const waiting = this.preclaimed.get(runId);
      if (waiting) waiting.cancelRequested = true;
    });
    this.started = true;
    queue.process((job) =>
      this.execute(job.runId, job.force).then(
        (outcome) => {
          if (outcome === 'busy') return this.later(job, BUSY_DELAY_MS);
          if (outcome === 'requeue') return queue.enqueue({ runId: job.runId });
        },
        (error: unknown) => {
          // The database failed under us (the run's own failures are recorded on the run): the
          // run keeps its checkpoints, so try again — later each time, up to a cap.
          const attempt = (job.attempt ?? 0) + 1;
          const delayMs = requeueDelay(attempt, this.deps.options.requeueBaseMs);
          const message = error instanceof Error ? error.message : String(error);
          this.deps.onError?.(
            `run ${job.runId}: ${message}; retrying in ${delayMs / 1000} s (attempt ${attempt})`,
          );
          return queue.enqueue(
            { runId: job.runId, force: job.force ?? false, attempt },
            { delayMs },
          );
        },
      ),
    );
    this.heartbeat = setInterval(
      () => {
        if (this.active.size)
          void store
            .renewLeases(options.workerId, options.leaseMs)
            .catch(this.report('renewing leases'));
      },
      Math.max(1000, options.leaseMs / 3),
    );
    this.heartbeat.unref();
    // The only worker (embedded): any lease belongs to a dead process. Scaled out: only lapsed
    // leases are orphans, and a sweeper keeps looking for them.
    const single = options.soleWorker;
    await this.recover(single);
    if (!single) {
      this.sweeper = setInterval(
        () => void this.recover(false).catch(this.report('looking for orphaned runs')),
        options.leaseMs,
      );
      this.sweeper.unref();
    }
  }

  /**
   * Whether a new run should be inserted already claimed by this worker: only when this process
   * is the only worker, its queue is in-process and has a free slot now, so the run's job starts
   * at once and the separate claim statement would find the run exactly as inserted. Anything
   * else (API role, Redis queue, a full queue) inserts the run `queued` as before.
   */
  async claimsOnInsert(): Promise<{ owner: string; leaseMs: number } | null> {
    const { queue, options } = this.deps;
    if (!this.started || !options.soleWorker || !(queue instanceof InProcessRunQueue)) return null;
    const { depth, active } = await queue.stats();
    if (depth > 0 || active + this.preclaimed.size >= queue.concurrency) return null;
    return { owner: options.workerId, leaseMs: options.leaseMs };
  }

  /** A run inserted claimed for this worker (see `claimsOnInsert`); its job is enqueued next. */
  adopt(run: ClaimedRun): void {
    this.preclaimed.set(run.id, run);
  }

  /** Background work that failed: said, not swallowed; the next tick tries again. */
  private report(what: string): (error: unknown) => void {
    return (error) =>
      this.deps.onError?.(
        `${what} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
  }

  private async recover(anyLease: boolean): Promise<void> {
    for (const runId of await this.deps.store.orphanedRuns(anyLease)) {
      await this.deps.queue.enqueue({ runId, force: anyLease });
    }
  }

  /** Re-enqueues a job with a growing delay (its attempt counts up to the cap). */
  private later(job: RunJob, baseMs: number): Promise<void> {
    const attempt = (job.attempt ?? 0) + 1;
    return this.deps.queue.enqueue(
      { runId: job.runId, force: job.force ?? false, attempt },
      { delayMs: requeueDelay(attempt, baseMs, this.deps.options.leaseMs) },
    );
  }

  /**
   * One pass of a run; safe to call twice (the claim lets only one through). `busy`: the run is
   * executing (here or under another live lease), try the job later; `requeue`: a decision came
   * in while the pass parked the run, take it up again now.
   */
  async execute(runId: string, force = false): Promise<'done' | 'busy' | 'requeue'> {
    if (this.here.has(runId)) return 'busy';
    this.here.add(runId);
    try {
      return await this.pass(runId, force);
    } finally {
      this.here.delete(runId);
    }
  }

  private async pass(runId: string, force: boolean): Promise<'done' | 'busy' | 'requeue'> {
    const { store, workflows, options } = this.deps;
    const adopted = this.preclaimed.get(runId);
    this.preclaimed.delete(runId);
    const claimed = adopted ?? (await store.claim(runId, options.workerId, options.leaseMs, force));
    if (claimed === 'busy') return 'busy';
    if (!claimed) return 'done';
    let execution: RunExecution;
    try {
      const workflow = await workflows.get(claimed.workflowId, claimed.workflowVersion);
      // A run that never started has every node pending: no need to read them back.
      const fresh = claimed.previousStatus === 'queued' && !claimed.wasStarted;
      const nodes = fresh ? freshStates(workflow) : await store.loadNodes(runId);
      execution = new RunExecution(claimed, workflow, nodes, this.deps);
    } catch (error) {
      // A database that failed to answer is no reason to fail the run: the caller retries.
      if (classifyDbError(error) === 'transient') throw error;
      const message = error instanceof Error ? error.message : String(error);
      await store.failUnstarted(
        runId,
        options.workerId,
        { message: `Could not start the run: ${message}` },
        claimed.lastSeq + 1,
      );
      this.deps.bus.publish({
        runId,
        seq: claimed.lastSeq + 1,
        type: 'run.failed',
        at: new Date().toISOString(),
        data: { error: { message: `Could not start the run: ${message}` } },
      });
      return 'done';
    }
    this.active.set(runId, execution);
    this.passes++;
    try {
      return (await execution.execute()) === 'queued' ? 'requeue' : 'done';
    } finally {
      this.active.delete(runId);
    }
  }

  /** Aborts a run executing in this process; false when it is not here. */
  cancelLocal(runId: string): boolean {
    const execution = this.active.get(runId);
    if (!execution) return false;
    execution.abort.abort();
    return true;
  }

  /** Runs executing in this process now, and passes it has executed since it started (health). */
  get work(): { executing: number; passes: number } {
    return { executing: this.active.size, passes: this.passes };
  }

  /**
   * Graceful shutdown: give running runs `graceMs` to finish, then interrupt the rest; they keep
   * their checkpoints and the next start resumes them.
   */
  async stop(graceMs: number): Promise<void> {
    // Runs adopted but not started stay `running` under this lease: the next start takes them.
    this.started = false;
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.sweeper) clearInterval(this.sweeper);
    this.unsubscribeCancel?.();
    const deadline = Date.now() + graceMs;
    while (this.active.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    for (const execution of this.active.values()) execution.interrupt();
    while (this.active.size) await new Promise((r) => setTimeout(r, 10));
  }
}

function freshStates(workflow: CompiledWorkflow): NodeState[] {
  return [...workflow.nodes.values()].map(({ node }) => ({
    nodeId: node.id,
    type: node.type,
    status: 'pending',
    output: null,
    error: null,
    attempts: 0,
    usage: null,
    round: 0,
    startedAt: null,
    finishedAt: null,
  }));
}
