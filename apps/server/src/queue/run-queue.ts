/** A run to execute (or resume): the queue carries only ids; state lives in the database. */
export interface RunJob {
  runId: string;
  /** Take the run even under another worker's lease (recovery in the single-process mode). */
  force?: boolean;
  /** How many times this job came back (busy run, failed database): its next delay grows with it. */
  attempt?: number;
}

export type RunJobHandler = (job: RunJob) => Promise<void>;

/** What health reports about the queue. */
export interface QueueStats {
  /** Jobs waiting (or delayed) for a worker. */
  depth: number;
  /** Jobs being executed now. */
  active: number;
  /** Worker processes seen in the last 30 s. */
  workers: number;
  /** Round trip to Redis; null without Redis. */
  redisRttMs: number | null;
}

/**
 * How runs reach workers. In-process by default (bounded concurrency in this process); BullMQ on
 * Redis when scaled out, so any worker process can take any run.
 *
 * Contract: a job may be delivered more than once and to any worker; the same run is never
 * executed by two workers at once because execution needs the run's database lease, and a
 * worker whose lease was taken over cannot write checkpoints (every write names the lease
 * owner). A job for a run that is busy is re-enqueued with a delay by the consumer, never dropped.
 */
export abstract class RunQueue {
  abstract readonly kind: 'in-process' | 'bullmq';
  abstract enqueue(job: RunJob, options?: { delayMs?: number }): Promise<void>;
  /** Starts consuming; called once by the worker role. */
  abstract process(handler: RunJobHandler): void;
  abstract stats(): Promise<QueueStats>;
  /** Stops taking jobs and waits for in-flight ones to finish (graceful shutdown). */
  abstract close(): Promise<void>;
}

/**
 * Runs jobs in this process with at most `concurrency` at once. A job enqueued twice while
 * pending is kept once (the database holds the truth; a duplicate would only re-check it).
 */
export class InProcessRunQueue extends RunQueue {
  readonly kind = 'in-process' as const;
  private handler: RunJobHandler | null = null;
  private readonly pending: RunJob[] = [];
  private readonly queued = new Set<string>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  /** Jobs executed at once (public: the engine takes a new run directly only while a slot is free). */
  constructor(readonly concurrency: number) {
    super();
  }

  async enqueue(job: RunJob, options: { delayMs?: number } = {}): Promise<void> {
    if (this.closed) return;
    if (options.delayMs && options.delayMs > 0) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        void this.enqueue(job);
      }, options.delayMs);
      this.timers.add(timer);
      return;
    }
    if (this.queued.has(job.runId)) return;
    this.queued.add(job.runId);
    this.pending.push(job);
    this.drain();
  }

  process(handler: RunJobHandler): void {
    this.handler = handler;
    this.drain();
  }

  private drain(): void {
    const handler = this.handler;
    if (!handler || this.closed) return;
    while (this.inFlight.size < this.concurrency && this.pending.length) {
      const index = this.pending.findIndex((j) => !this.inFlight.has(j.runId));
      if (index < 0) return; // only jobs whose run is already executing: wait for it
      const [job] = this.pending.splice(index, 1) as [RunJob];
      this.queued.delete(job.runId);
      const done = handler(job)
        .catch(() => undefined) // the handler records failures on the run itself
        .finally(() => {
          this.inFlight.delete(job.runId);
          this.drain();
        });
      this.inFlight.set(job.runId, done);
    }
  }

  async stats(): Promise<QueueStats> {
    return {
      depth: this.pending.length,
      active: this.inFlight.size,
      workers: this.handler ? 1 : 0,
      redisRttMs: null,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.pending.length = 0;
    this.queued.clear();
    await Promise.all(this.inFlight.values());
  }
}
