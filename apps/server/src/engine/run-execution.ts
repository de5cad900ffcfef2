import {
  descendantsOf,
  planNext,
  type NodeError,
  type NodeOutput,
  type RunEvent,
  type RunEventInput,
  type RunStatus,
  type RunView,
  type Usage,
} from '@flowpress/shared';
import type { NodeContext, NodeResult, NodeServices, ResumeState } from '@flowpress/nodes';
import type { EventBus } from '../realtime/event-bus.js';
import type { CompiledWorkflow, ExecutableNode } from './compiled-workflow.js';
import type { NodeRuntime } from './node-runtime.js';
import {
  EMPTY_USAGE,
  nodeStateToView,
  type ClaimedRun,
  type NodeState,
  type RunStore,
} from './run-store.js';
import { backoffDelay, sleep } from '@flowpress/nodes/runtime';
import { AttemptScope, StopSwitch, TimeoutError, type AttemptBound } from './timing.js';
import { classifyDbError, jsonForDb } from './db-errors.js';
import { isoNow } from './iso-time.js';
import { nodeContext, TokenCoalescer } from './node-context.js';

export interface EngineOptions {
  workerId: string;
  leaseMs: number;
  nodeConcurrency: number;
  defaultTimeoutMs: number;
  defaultMaxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /**
   * This process is the only worker (embedded, in-process queue): at start-up every unfinished
   * run is taken over, whoever's lease it has. Scaled out: only lapsed leases are.
   */
  soleWorker: boolean;
  /** First wait before a pass the database failed is tried again (doubling, capped at a minute). */
  requeueBaseMs: number;
}

/** How the engine opens a review and learns its decision (implemented by the reviews feature). */
export interface ReviewHooks {
  open(
    run: ClaimedRun,
    nodeId: string,
    payload: Record<string, unknown>,
    round: number,
  ): Promise<string>;
  decision(runId: string, nodeId: string): Promise<ResumeState | null>;
}

export interface ExecutionDeps {
  store: RunStore;
  bus: EventBus;
  runtime: NodeRuntime;
  services: NodeServices;
  reviews: ReviewHooks;
  options: EngineOptions;
  /**
   * Told the run's state as stored, right after the statement that settled or parked it and
   * before its stop event: a `?wait=true` in this process answers with it instead of reading
   * the run back.
   */
  settled?: (run: RunView) => void;
}

/**
 * One pass of one run in this worker: from the checkpoints it loads, run every ready node
 * (concurrently, bounded), checkpoint each result, publish events, and stop when nothing is left
 * to do — finished, failed, canceled, or waiting for a review.
 */
export class RunExecution {
  private seq: number;
  private readonly states = new Map<string, NodeState>();
  private readonly outputs: Record<string, NodeOutput> = {};
  private readonly resumes = new Map<string, ResumeState>();
  private readonly inFlight = new Map<string, Promise<void>>();
  /** Settled states not yet written: they ride along with the next checkpoint or the finish. */
  private readonly dirty = new Set<NodeState>();
  /** Reviews opened in this pass, announced once the run is parked. */
  private readonly openedReviews: { nodeId: string; reviewId: string }[] = [];
  /** Thrown by a cancel or a shutdown (`interrupt`); its AbortSignal is made only if needed. */
  readonly abort = new StopSwitch();
  /** Every attempt of the pass is bounded by `abort` and its own timeout (timing.ts). */
  private readonly attempts = new AttemptScope(this.abort);
  /** Set on shutdown: stop without settling anything, so the next start resumes the run. */
  private interrupted = false;
  /** An error no node caught (the database failed a checkpoint): stop, settle nothing, rethrow. */
  private fatal: unknown = null;
  /** Tokens ready together go out as one event (node-context.ts); every other event flushes them. */
  private readonly tokens = new TokenCoalescer((event) => this.publish(event));
  /**
   * A node whose checkpoint is held for the finish (see `holdable`): while set, every write but
   * the finish is deferred and every event waits in `held` for the statement that commits it.
   */
  private hold: Hold | null = null;
  /** Events (seq assigned) not yet published: they go out once the write that carries them commits. */
  private held: RunEvent[] = [];
  /** Checkpoints sent and not yet answered (a skip's can be, while a node settles). */
  private writing = 0;

  constructor(
    private readonly run: ClaimedRun,
    private readonly workflow: CompiledWorkflow,
    nodes: NodeState[],
    private readonly deps: ExecutionDeps,
  ) {
    // A pass that ended abruptly (a dead worker, or a failed write here) may have published
    // events past its last checkpoint: jump ahead so subscribers see a gap (and refetch) rather
    // than a repeated seq. A pass released at shutdown wrote its seq and its owner is cleared.
    const recovered = run.previousStatus === 'running' && run.previousOwner !== null;
    this.seq = run.lastSeq + (recovered ? 1000 : 0);
    for (const state of nodes) {
      // A node caught mid-flight by a crash never checkpointed its output: run it again.
      if (state.status === 'running') state.status = 'pending';
      this.states.set(state.nodeId, state);
      if (state.status === 'succeeded' && state.output) this.outputs[state.nodeId] = state.output;
    }
  }

  /** Graceful shutdown: abort in-flight nodes but leave the run to be resumed. */
  interrupt(): void {
    this.interrupted = true;
    this.abort.abort();
  }

  /** Runs the pass; resolves with the status the run was left in (`running` when interrupted). */
  async execute(): Promise<RunStatus> {
    if (this.run.cancelRequested) return this.finishCanceled();
    this.emit(
      this.run.wasStarted ? { type: 'run.resumed', data: {} } : { type: 'run.started', data: {} },
    );
    await this.loadDecisions();

    for (;;) {
      await this.loop();
      try {
        return await this.finish();
      } catch (error) {
        // The finish carried a held checkpoint and the database refused its data (permanent:
        // the same on every try). Back to where the held node completed, write it alone the way
        // a node's checkpoint is always written (which fails it with the reason when its own
        // output is what was refused), and go on from there as that path does. Nothing held was
        // published, and the held node is not executed again.
        const hold = this.hold;
        if (!hold || classifyDbError(error) !== 'permanent') throw error;
        this.restore(hold);
        if (await this.checkpointOrFail(hold.state)) this.emit(hold.completed);
      }
    }
  }

  /** Runs every node that can run, until none is left or in flight (or the pass must stop). */
  private async loop(): Promise<void> {
    const limit = Math.max(1, this.deps.options.nodeConcurrency);
    for (;;) {
      if (this.abort.aborted || this.fatal) break;
      const plan = planNext(this.workflow.graph, (id) => {
        const s = this.states.get(id);
        return s && { status: s.status, outputPorts: s.output ? Object.keys(s.output) : [] };
      });
      if (plan.skip.length) {
        await this.skip(plan.skip);
        continue;
      }
      for (const id of plan.run) {
        if (this.inFlight.size >= limit) break;
        const done = this.runNode(id)
          .catch((error: unknown) => {
            this.fatal ??= error;
          })
          .finally(() => this.inFlight.delete(id));
        this.inFlight.set(id, done);
      }
      if (this.inFlight.size === 0) break;
      await Promise.race(this.inFlight.values());
    }
    await Promise.allSettled(this.inFlight.values());
    this.tokens.flush(); // before the end's seq arithmetic (lastSeq = seq + 1)
    // The checkpoints written so far stand; the orchestrator tries the run again shortly.
    if (this.fatal) throw this.fatal;
  }

  /** Reviews decided while the run was parked: their nodes run their second pass now. */
  private async loadDecisions(): Promise<void> {
    for (const state of this.states.values()) {
      if (state.status !== 'waiting_review') continue;
      const decision = await this.deps.reviews.decision(this.run.id, state.nodeId);
      if (!decision) continue;
      this.resumes.set(state.nodeId, decision);
      state.status = 'pending';
    }
  }

  /** One node to its end: attempt → outcome → (retry after a backoff | settle). */
  private async runNode(id: string): Promise<void> {
    const exec = this.workflow.nodes.get(id)!;
    const state = this.states.get(id)!;
    const maxAttempts = exec.settings.maxAttempts ?? this.deps.options.defaultMaxAttempts;
    const timeoutMs = exec.settings.timeoutMs ?? this.deps.options.defaultTimeoutMs;
    const usage: NodeUsage = { total: { ...EMPTY_USAGE }, reported: false };
    state.status = 'running';
    state.startedAt = new Date();
    state.finishedAt = null;
    state.error = null;
    for (let attempt = 1; ; attempt++) {
      const outcome = this.outcome(
        await this.attempt(exec, state, timeoutMs, usage),
        attempt,
        maxAttempts,
        timeoutMs,
      );
      if (outcome.kind !== 'retry') return this.settle(exec, state, outcome, usage);
      this.emit({
        type: 'node.retrying',
        nodeId: id,
        data: { attempt: attempt + 1, maxAttempts, delayMs: outcome.delayMs, error: outcome.error },
      });
      try {
        await sleep(outcome.delayMs, this.abort.signal);
      } catch {
        // Canceled (or shut down) while waiting: end here, without starting another attempt.
        return this.settle(
          exec,
          state,
          { kind: this.interrupted ? 'interrupted' : 'canceled' },
          usage,
        );
      }
    }
  }

  /** One call of the executor, bounded by the node's timeout and the run's abort signal. */
  private async attempt(
    exec: ExecutableNode,
    state: NodeState,
    timeoutMs: number,
    usage: NodeUsage,
  ): Promise<Attempt> {
    state.attempts += 1;
    this.emit({ type: 'node.started', nodeId: exec.node.id, data: { attempt: state.attempts } });
    const bound = this.attempts.begin(timeoutMs);
    try {
      const ctx = this.context(exec, state, bound, (u) => {
        usage.reported = true;
        addUsage(usage.total, u);
      });
      const result = await bound.race(exec.executor.execute(ctx), () =>
        bound.timedOut ? new TimeoutError(timeoutMs) : new Error('Canceled'),
      );
      return { ok: true, result };
    } catch (error) {
      return { ok: false, error, timedOut: bound.timedOut };
    } finally {
      bound.dispose();
    }
  }

  /** What an attempt means: done, suspended, to be retried (and when), failed, or stopped. */
  private outcome(attempt: Attempt, n: number, maxAttempts: number, timeoutMs: number): Outcome {
    if (attempt.ok) {
      return 'suspend' in attempt.result
        ? { kind: 'suspended', payload: attempt.result.suspend.payload }
        : { kind: 'succeeded', output: attempt.result.output };
    }
    if (this.interrupted) return { kind: 'interrupted' };
    if (this.abort.aborted) return { kind: 'canceled' };
    const info = attempt.timedOut
      ? {
          message: `Timed out after ${Math.round(timeoutMs / 100) / 10} s`,
          code: 'timeout',
          retryable: true,
        }
      : this.deps.runtime.classifyError(attempt.error);
    if (info.retryable && n < maxAttempts) {
      // Exponential with jitter; a provider's Retry-After wins when it asks for longer.
      const { retryBaseMs, retryMaxMs } = this.deps.options;
      const backoff = backoffDelay(n, { minDelayMs: retryBaseMs, maxDelayMs: retryMaxMs });
      const retryAfter = 'retryAfterMs' in info ? (info.retryAfterMs ?? 0) : 0;
      return { kind: 'retry', delayMs: Math.max(backoff, retryAfter), error: info.message };
    }
    return {
      kind: 'failed',
      error: {
        message: info.message,
        ...(info.code ? { code: info.code } : {}),
        retryable: info.retryable,
      },
    };
  }

  /** Writes where the node ended up and says so. A failed write is the database's failure, not the node's. */
  private async settle(
    exec: ExecutableNode,
    state: NodeState,
    outcome: Exclude<Outcome, { kind: 'retry' }>,
    usage: NodeUsage,
  ): Promise<void> {
    const id = exec.node.id;
    switch (outcome.kind) {
      case 'interrupted':
        state.status = 'pending';
        return;
      case 'canceled':
        state.status = 'canceled';
        state.finishedAt = new Date();
        state.error = { message: 'Canceled', code: 'canceled' };
        return this.checkpoint([state]);
      case 'failed':
        return this.fail(state, outcome.error);
      case 'suspended': {
        state.finishedAt = new Date();
        state.status = 'waiting_review';
        state.usage = usage.reported ? usage.total : state.usage;
        const reviewId = await this.deps.reviews.open(
          this.run,
          id,
          outcome.payload,
          state.round + 1,
        );
        state.round += 1;
        await this.checkpoint([state]);
        this.openedReviews.push({ nodeId: id, reviewId });
        return;
      }
      case 'succeeded': {
        state.finishedAt = new Date();
        state.status = 'succeeded';
        state.output = outcome.output;
        state.usage = usage.reported ? usage.total : null;
        this.outputs[id] = outcome.output;
        const completed: RunEventInput = {
          type: 'node.completed',
          nodeId: id,
          data: {
            output: outcome.output,
            usage: state.usage,
            durationMs: state.finishedAt.getTime() - state.startedAt!.getTime(),
          },
        };
        if (exec.deferCheckpoint) {
          this.dirty.add(state);
        } else if (this.holdable(state)) {
          this.startHold(state, completed);
        } else if (!(await this.checkpointOrFail(state))) {
          return;
        }
        this.emit(completed);
        return;
      }
    }
  }

  /**
   * Whether the checkpoint of `state` (just succeeded, not deferrable) can wait for the finish:
   * nothing else is in flight and every node still to run is deferrable, so the next write is
   * the finish anyway (docs/adr/0004). Holding saves the statement; nothing is acknowledged
   * before the finish commits, so the durability promise holds.
   */
  private holdable(state: NodeState): boolean {
    // A write already on its way does not carry this state, and its commit must not release
    // what is held: hold only when the finish will be the next statement sent.
    if (this.hold || this.writing || this.inFlight.size > 1 || this.abort.aborted) {
      return false;
    }
    for (const s of this.states.values()) {
      if (s === state) continue;
      if (s.status === 'running') return false;
      if (s.status === 'pending' && !this.workflow.nodes.get(s.nodeId)!.deferCheckpoint)
        return false;
    }
    return true;
  }

  /** Remembers the pass as it stands when `state` completed, for `restore`, and holds from here. */
  private startHold(state: NodeState, completed: RunEventInput): void {
    // Tokens streamed so far go out live; only what follows the completion waits.
    this.tokens.flush();
    this.hold = {
      state,
      completed,
      seq: this.seq,
      states: [...this.states.values()].map((s) => [s, { ...s }]),
      outputs: { ...this.outputs },
      dirty: [...this.dirty],
    };
    this.dirty.add(state);
  }

  /**
   * The pass back to the moment the held node completed, before its checkpoint: the nodes that
   * ran since (on its output or not) pending again, their events dropped unpublished, the seq
   * where it was. The held node keeps its result (it is not executed again).
   */
  private restore(hold: Hold): void {
    this.hold = null;
    this.held = [];
    this.seq = hold.seq;
    for (const [state, saved] of hold.states) Object.assign(state, saved);
    for (const id of Object.keys(this.outputs)) delete this.outputs[id];
    Object.assign(this.outputs, hold.outputs);
    this.dirty.clear();
    for (const s of hold.dirty) this.dirty.add(s);
  }

  /** The write carrying the held checkpoint committed: its events go out, in seq order. */
  private committed(): void {
    if (!this.hold && !this.held.length) return;
    this.hold = null;
    const events = this.held;
    this.held = [];
    for (const event of events) this.deps.bus.publish(event);
  }

  /**
   * Checkpoints a node's result; when the database refuses the data itself (a permanent error,
   * the same on every try) the node fails with that reason instead of the run looping on it.
   */
  private async checkpointOrFail(state: NodeState): Promise<boolean> {
    try {
      await this.checkpoint([state]);
      return true;
    } catch (error) {
      if (classifyDbError(error) !== 'permanent') throw error;
      const reason = error instanceof Error ? error.message : String(error);
      delete this.outputs[state.nodeId];
      state.output = null;
      await this.fail(state, {
        message: `The database refused the node's output: ${reason}`,
        code: 'unstorable',
        retryable: false,
      });
      return false;
    }
  }

  private context(
    exec: ExecutableNode,
    state: NodeState,
    bound: AttemptBound,
    reportUsage: (u: Partial<Usage>) => void,
  ): NodeContext {
    const resume = this.resumes.get(exec.node.id);
    return nodeContext({
      run: this.run,
      workflow: this.workflow,
      outputs: this.outputs,
      exec,
      attempt: state.attempts,
      bound,
      reportUsage,
      services: this.deps.services,
      emit: (event) => this.emit(event),
      tokens: this.tokens,
      ...(resume ? { resume } : {}),
    });
  }

  /** A failed node takes everything downstream of it out of the run. */
  private async fail(state: NodeState, error: NodeError): Promise<void> {
    state.status = 'failed';
    state.error = error;
    state.finishedAt = new Date();
    const skipped: NodeState[] = [];
    for (const id of descendantsOf(state.nodeId, this.workflow.graph.edges)) {
      const s = this.states.get(id);
      if (s && s.status === 'pending') {
        s.status = 'skipped';
        skipped.push(s);
      }
    }
    await this.checkpoint([state, ...skipped]);
    this.emit({ type: 'node.failed', nodeId: state.nodeId, data: { error } });
    for (const s of skipped) this.emit({ type: 'node.skipped', nodeId: s.nodeId, data: {} });
  }

  private async skip(ids: string[]): Promise<void> {
    const skipped = ids.map((id) => {
      const s = this.states.get(id)!;
      s.status = 'skipped';
      return s;
    });
    await this.checkpoint(skipped);
    for (const s of skipped) this.emit({ type: 'node.skipped', nodeId: s.nodeId, data: {} });
  }

  private async finish(): Promise<RunStatus> {
    if (this.interrupted) {
      if (this.dirty.size) await this.write([]);
      await this.deps.store.release(this.run.id, this.deps.options.workerId, this.seq);
      return 'running';
    }
    if (this.abort.aborted) return this.finishCanceled();
    const usage = this.totalUsage();
    if ([...this.states.values()].some((s) => s.status === 'waiting_review')) {
      const fields = { error: null, usage, lastSeq: this.seq + this.openedReviews.length };
      return this.close('waiting_review', fields, () => {
        for (const { nodeId, reviewId } of this.openedReviews) {
          this.emit({ type: 'run.waiting_review', nodeId, data: { reviewId } });
        }
      });
    }
    const failed = this.workflow.graph.order
      .map((id) => this.states.get(id)!)
      .find((s) => s.status === 'failed');
    if (failed) {
      const error: NodeError = {
        message: `${failed.nodeId}: ${failed.error?.message ?? 'failed'}`,
        ...(failed.error?.code ? { code: failed.error.code } : {}),
      };
      return this.close('failed', { error, usage, lastSeq: this.seq + 1 }, () =>
        this.emit({ type: 'run.failed', data: { error } }),
      );
    }
    return this.close('succeeded', { error: null, usage, lastSeq: this.seq + 1 }, () =>
      this.emit({ type: 'run.succeeded', data: { usage } }),
    );
  }

  private finishCanceled(): Promise<RunStatus> {
    const error = { message: 'Canceled', code: 'canceled' };
    return this.close('canceled', { error, usage: this.totalUsage(), lastSeq: this.seq + 1 }, () =>
      this.emit({ type: 'run.canceled', data: {} }),
    );
  }

  /**
   * Ends the pass in `target`: one statement with the run's last checkpoints, then the held
   * events, the waits told, and `announce` (the run's closing events). One place for every end,
   * so the pass's largest function holds one copy of it (V8 compiles each call site's copy).
   */
  private async close(
    target: Extract<RunStatus, 'succeeded' | 'failed' | 'canceled' | 'waiting_review'>,
    fields: { error: NodeError | null; usage: Usage; lastSeq: number },
    announce: () => void,
  ): Promise<RunStatus> {
    const { status, finishedAt } = await this.deps.store.finish(
      this.run.id,
      this.deps.options.workerId,
      target,
      fields,
      this.takeDirty(),
    );
    this.committed();
    // Decided while this pass parked the run: it is queued again, not waiting.
    if (target === 'waiting_review' && status !== 'waiting_review') return status;
    this.settled(status, fields, finishedAt);
    announce();
    return status;
  }

  /**
   * The run as the settling statement left it, built from this pass's own states: every node
   * row was written by this pass or loaded by its claim, and the run's fields come back from the
   * claim and the finish. Values go through the same JSON encoding as the write (NUL stripped,
   * `undefined` dropped), so the answer equals a read of the run.
   */
  private settled(
    status: RunStatus,
    fields: { error: NodeError | null; usage: Usage; lastSeq: number },
    finishedAt: Date | null,
  ): void {
    const notify = this.deps.settled;
    if (!notify) return;
    const { stored } = this.run;
    const nodes = this.workflow.graph.order.flatMap((id) => {
      const state = this.states.get(id);
      return state ? [asStored(nodeStateToView(state))] : [];
    });
    notify({
      id: this.run.id,
      workflowId: this.run.workflowId,
      workflowVersion: this.run.workflowVersion,
      status,
      inputs: this.run.inputs,
      error: asStored(fields.error),
      usage: asStored(fields.usage),
      createdAt: stored.createdAt,
      startedAt: stored.startedAt,
      finishedAt: finishedAt ? finishedAt.toISOString() : null,
      createdBy: stored.createdBy,
      trigger: stored.trigger,
      scheduleId: stored.scheduleId,
      fireAt: stored.fireAt,
      lastSeq: fields.lastSeq,
      nodes,
    });
  }

  private totalUsage(): Usage {
    const total: Usage = { ...EMPTY_USAGE };
    for (const s of this.states.values()) if (s.usage) addUsage(total, s.usage);
    return total;
  }

  /** Writes `states` (and the deferred ones) — or, while a checkpoint is held, defers them too. */
  private async checkpoint(states: NodeState[]): Promise<void> {
    if (this.hold) {
      // Only deferrable nodes run while holding: their skips and failures ride with the finish.
      for (const s of states) this.dirty.add(s);
      return;
    }
    return this.write(states);
  }

  private async write(states: NodeState[]): Promise<void> {
    const all = this.takeDirty(states);
    const { workerId, leaseMs } = this.deps.options;
    this.writing++;
    try {
      await this.deps.store.checkpoint(this.run.id, workerId, all, this.seq, leaseMs);
    } catch (error) {
      // Deferred states not written stay deferred.
      for (const s of all) if (!states.includes(s)) this.dirty.add(s);
      throw error;
    } finally {
      this.writing--;
    }
    this.committed();
  }

  /** `states` plus whatever was deferred, each once. */
  private takeDirty(states: NodeState[] = []): NodeState[] {
    if (!this.dirty.size) return states;
    const all = [...new Set([...this.dirty, ...states])];
    this.dirty.clear();
    return all;
  }

  private emit(event: RunEventInput): void {
    this.tokens.flush();
    this.publish(event);
  }

  private publish(event: RunEventInput): void {
    // Built key by key, in the contract's order: a spread of events of a dozen shapes takes V8's
    // slow path, and with a fresh toISOString that was ≈ 2.2 µs an event in a micro-benchmark,
    // against ≈ 0.05 µs this way.
    const built: Record<string, unknown> = {
      runId: this.run.id,
      seq: ++this.seq,
      type: event.type,
    };
    if (event.nodeId !== undefined) built['nodeId'] = event.nodeId;
    built['at'] = isoNow();
    if (event.data !== undefined) built['data'] = event.data;
    const full = built as unknown as RunEvent;
    // Nothing is acknowledged before the statement that stores it commits.
    if (this.hold) this.held.push(full);
    else this.deps.bus.publish(full);
  }
}

/** A held checkpoint and the pass as it stood when its node completed. */
interface Hold {
  state: NodeState;
  completed: RunEventInput;
  seq: number;
  states: [NodeState, NodeState][];
  outputs: Record<string, NodeOutput>;
  dirty: NodeState[];
}

interface NodeUsage {
  total: Usage;
  reported: boolean;
}

type Attempt = { ok: true; result: NodeResult } | { ok: false; error: unknown; timedOut: boolean };

type Outcome =
  | { kind: 'succeeded'; output: NodeOutput }
  | { kind: 'suspended'; payload: Record<string, unknown> }
  | { kind: 'retry'; delayMs: number; error: string }
  | { kind: 'failed'; error: NodeError }
  | { kind: 'canceled' }
  | { kind: 'interrupted' };

/** A value as jsonb gives it back (the write's encoding, parsed); null stays null. */
function asStored<T>(value: T): T {
  return value === null || value === undefined ? value : (JSON.parse(jsonForDb(value)) as T);
}

function addUsage(total: Usage, add: Partial<Usage>): void {
  total.inputTokens += add.inputTokens ?? 0;
  total.outputTokens += add.outputTokens ?? 0;
  total.totalTokens += add.totalTokens ?? (add.inputTokens ?? 0) + (add.outputTokens ?? 0);
  total.images += add.images ?? 0;
  if (add.model) total.model = add.model;
  if (add.provider) total.provider = add.provider;
}
