import type { NodeServices } from '@flowpress/nodes';
import type { EventBus } from '../realtime/event-bus.js';
import type { RunQueue } from '../queue/run-queue.js';
import type { CompiledWorkflowCache } from './compiled-workflow.js';
import type { NodeRuntime } from './node-runtime.js';
import type { NodeState, RunStore } from './run-store.js';
import type { CompiledWorkflow } from './compiled-workflow.js';
import { RunExecution, type EngineOptions, type ReviewHooks } from './run-execution.js';

const RETRY_DELAY_MS = 2000;

/**
 * The worker side of runs: takes run ids from the queue, claims each under a lease, executes it
 * from its checkpoints, keeps leases alive, aborts on cancel, and on start-up picks up runs a
 * dead process left behind. Nothing waits in memory between passes.
 */
export class Orchestrator {
  private readonly active = new Map<string, RunExecution>();
  private heartbeat: NodeJS.Timeout | null = null;
  private sweeper: NodeJS.Timeout | null = null;
  private unsubscribeCancel: (() => void) | null = null;

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
      retryDelayMs?: number;
    },
  ) {}

  /** Starts consuming the queue and recovers orphaned runs. */
  async start(): Promise<void> {
    const { queue, bus, store, options } = this.deps;
    this.unsubscribeCancel = bus.onCancel((runId) => this.active.get(runId)?.abort.abort());
    queue.process((job) =>
      this.execute(job.runId, job.force).catch((error: unknown) => {
        // The database failed under us (the run's own failures are recorded on the run): the
        // run keeps its checkpoints and our lease, so try again shortly.
        const message = error instanceof Error ? error.message : String(error);
        const delayMs = this.deps.retryDelayMs ?? RETRY_DELAY_MS;
        this.deps.onError?.(`run ${job.runId}: ${message}; retrying in ${delayMs / 1000} s`);
        return queue.enqueue({ runId: job.runId, force: job.force ?? false }, { delayMs });
      }),
    );
    this.heartbeat = setInterval(() => {
      if (this.active.size) void store.renewLeases(options.workerId, options.leaseMs).catch(this.report('renewing leases'));
    }, Math.max(1000, options.leaseMs / 3));
    this.heartbeat.unref();
    // Embedded: this is the only worker, so any lease belongs to a dead process. Scaled out:
    // only lapsed leases are orphans, and a sweeper keeps looking for them.
    const single = queue.kind === 'in-process';
    await this.recover(single);
    if (!single) {
      this.sweeper = setInterval(() => void this.recover(false).catch(this.report('looking for orphaned runs')), options.leaseMs);
      this.sweeper.unref();
    }
  }

  /** Background work that failed: said, not swallowed; the next tick tries again. */
  private report(what: string): (error: unknown) => void {
    return (error) => this.deps.onError?.(`${what} failed: ${error instanceof Error ? error.message : String(error)}`);
  }

  private async recover(anyLease: boolean): Promise<void> {
    for (const runId of await this.deps.store.orphanedRuns(anyLease)) {
      await this.deps.queue.enqueue({ runId, force: anyLease });
    }
  }

  /** One pass of a run; safe to call twice (the claim lets only one through). */
  async execute(runId: string, force = false): Promise<void> {
    const { store, workflows, options } = this.deps;
    if (this.active.has(runId)) return;
    const claimed = await store.claim(runId, options.workerId, options.leaseMs, force);
    if (!claimed) return;
    let execution: RunExecution;
    try {
      const workflow = await workflows.get(claimed.workflowId, claimed.workflowVersion);
      // A run that never started has every node pending: no need to read them back.
      const fresh = claimed.previousStatus === 'queued' && !claimed.wasStarted;
      const nodes = fresh ? freshStates(workflow) : await store.loadNodes(runId);
      execution = new RunExecution(claimed, workflow, nodes, this.deps);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await store.finish(runId, 'failed', {
        error: { message: `Could not start the run: ${message}` },
        usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0, images: 0 },
        lastSeq: claimed.lastSeq + 1,
      });
      this.deps.bus.publish({
        runId,
        seq: claimed.lastSeq + 1,
        type: 'run.failed',
        at: new Date().toISOString(),
        data: { error: { message: `Could not start the run: ${message}` } },
      });
      return;
    }
    this.active.set(runId, execution);
    try {
      await execution.execute();
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

  get activeRuns(): number {
    return this.active.size;
  }

  /**
   * Graceful shutdown: give running runs `graceMs` to finish, then interrupt the rest; they keep
   * their checkpoints and the next start resumes them.
   */
  async stop(graceMs: number): Promise<void> {
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
