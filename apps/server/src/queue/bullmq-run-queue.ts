import { Logger } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { RunQueue, type QueueStats, type RunJob, type RunJobHandler } from './run-queue.js';

const QUEUE_NAME = 'flowpress-runs';
const WORKERS_KEY = 'flowpress:workers';
/** A worker counts as alive when it said so within this window. */
const WORKER_WINDOW_MS = 30_000;
/** An add that Redis does not confirm by then is left to the Postgres sweeper (see README). */
const ENQUEUE_TIMEOUT_MS = 1500;

export interface BullMQRunQueueOptions {
  redisUrl: string;
  /** Jobs this process runs at once when it consumes. */
  concurrency: number;
  /** How long a job's lock lasts without renewal (stalled detection); the run's lease length. */
  lockMs: number;
  /** Named in the workers list (health). */
  workerName: string;
}

/**
 * The queue of scale-out mode, on BullMQ: jobs carry run ids only (the run lives in Postgres).
 * Producing fails fast when Redis is away (`enableOfflineQueue: false`): the run is already
 * stored as `queued`, and the workers' sweeper over Postgres enqueues it once Redis is back.
 * Consuming waits out outages (`maxRetriesPerRequest: null`, as BullMQ requires for workers).
 */
export class BullMQRunQueue extends RunQueue {
  readonly kind = 'bullmq' as const;
  private readonly logger = new Logger('Queue');
  private readonly producer: Redis;
  private readonly queue: Queue;
  private worker: Worker | null = null;
  /** BullMQ does not close connections it was given: this process closes them. */
  private workerConnection: Redis | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private lastError = '';

  constructor(private readonly options: BullMQRunQueueOptions) {
    super();
    this.producer = new Redis(options.redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 1000,
    });
    this.producer.on('error', (error: Error) => this.say(`Redis (queue): ${error.message}`));
    this.queue = new Queue(QUEUE_NAME, { connection: this.producer });
    this.queue.on('error', (error: Error) => this.say(`queue: ${error.message}`));
  }

  /** Redis errors repeat every reconnect attempt: log each new one once. */
  private say(message: string): void {
    if (message === this.lastError) return;
    this.lastError = message;
    this.logger.warn(message);
  }

  async enqueue(job: RunJob, options: { delayMs?: number } = {}): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error('Redis did not confirm the job in time')),
        ENQUEUE_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([
        this.queue.add('run', job, {
          ...(options.delayMs ? { delay: Math.round(options.delayMs) } : {}),
          removeOnComplete: true,
          removeOnFail: { count: 1000 },
        }),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  process(handler: RunJobHandler): void {
    const connection = new Redis(this.options.redisUrl, { maxRetriesPerRequest: null });
    this.workerConnection = connection;
    connection.on('error', (error: Error) => this.say(`Redis (worker): ${error.message}`));
    this.worker = new Worker<RunJob>(QUEUE_NAME, (job) => handler(job.data), {
      connection,
      concurrency: this.options.concurrency,
      // A killed worker's jobs come back once their lock lapses; the run's lease decides who may run it.
      lockDuration: this.options.lockMs,
      stalledInterval: Math.max(1000, Math.floor(this.options.lockMs / 2)),
      maxStalledCount: 100,
    });
    this.worker.on('error', (error: Error) => this.say(`worker: ${error.message}`));
    const beat = () =>
      void this.producer
        .zadd(WORKERS_KEY, Date.now(), this.options.workerName)
        .catch((error: Error) => this.say(`worker heartbeat: ${error.message}`));
    beat();
    this.heartbeat = setInterval(beat, 5000);
    this.heartbeat.unref();
  }

  async stats(): Promise<QueueStats> {
    const started = performance.now();
    await this.producer.ping();
    const rttMs = Math.round((performance.now() - started) * 10) / 10;
    const counts = await this.queue.getJobCounts('waiting', 'delayed', 'prioritized', 'active');
    const since = Date.now() - WORKER_WINDOW_MS;
    await this.producer.zremrangebyscore(WORKERS_KEY, 0, since - 1);
    const workers = await this.producer.zcount(WORKERS_KEY, since, '+inf');
    return {
      depth: (counts['waiting'] ?? 0) + (counts['delayed'] ?? 0) + (counts['prioritized'] ?? 0),
      active: counts['active'] ?? 0,
      workers,
      redisRttMs: rttMs,
    };
  }

  /** Stops taking jobs and waits for the ones running here (the orchestrator bounds them). */
  async close(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.worker) {
      await this.worker.close();
      // Best effort: the registry is scored by last heartbeat and health counts only workers
      // seen in the last 30 s, so an entry left behind (Redis away at shutdown) ages out.
      await this.producer.zrem(WORKERS_KEY, this.options.workerName).catch(() => undefined);
    }
    await this.queue.close();
    this.workerConnection?.disconnect();
    this.producer.disconnect();
  }
}
