import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { ReviewEvent, RunEvent } from '@flowpress/shared';
import { LocalEventBus } from './event-bus.js';

const RUN_CHANNEL = 'flowpress:run-events';
const REVIEW_CHANNEL = 'flowpress:review-events';
const CANCEL_CHANNEL = 'flowpress:run-cancel';

/**
 * The event bus of scale-out mode: every event goes through Redis pub/sub and every process
 * (API or worker) delivers what it receives to its own listeners — its sockets, its `?wait=true`
 * callers, its running executions (cancel). One publisher connection keeps a run's events in
 * order. While Redis is away an event is delivered in this process only; subscribers elsewhere
 * see a seq gap and refetch the run, which the database has.
 *
 * Each API instance delivering its own sockets from this bus is what the Socket.IO Redis adapter
 * would otherwise do; using both would deliver every event twice.
 */
export class RedisEventBus extends LocalEventBus {
  private readonly logger = new Logger('EventBus');
  private readonly pub: Redis;
  private readonly sub: Redis;
  private lastError = '';

  constructor(redisUrl: string) {
    super();
    this.pub = new Redis(redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 1000,
    });
    this.sub = new Redis(redisUrl, { maxRetriesPerRequest: null });
    for (const connection of [this.pub, this.sub])
      connection.on('error', (error: Error) => this.say(error.message));
    this.sub.on('message', (channel: string, message: string) => this.receive(channel, message));
    void this.sub
      .subscribe(RUN_CHANNEL, REVIEW_CHANNEL, CANCEL_CHANNEL)
      .catch((error: Error) => this.say(error.message));
  }

  /** Resolves once the subscription is live (tests and start-up wait for it). */
  async ready(): Promise<void> {
    const live = (connection: Redis) =>
      connection.status === 'ready'
        ? Promise.resolve()
        : new Promise<void>((resolve) => connection.once('ready', () => resolve()));
    await Promise.all([live(this.pub), live(this.sub)]);
  }

  private say(message: string): void {
    if (message === this.lastError) return;
    this.lastError = message;
    this.logger.warn(`Redis: ${message}`);
  }

  private receive(channel: string, message: string): void {
    try {
      if (channel === RUN_CHANNEL) this.deliver(JSON.parse(message) as RunEvent);
      else if (channel === REVIEW_CHANNEL) this.deliverReview(JSON.parse(message) as ReviewEvent);
      else if (channel === CANCEL_CHANNEL) this.deliverCancel(message);
    } catch (error) {
      this.say(
        `an unreadable message on ${channel}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  override publish(event: RunEvent): void {
    this.pub.publish(RUN_CHANNEL, JSON.stringify(event)).catch(() => this.deliver(event));
  }

  override publishReview(event: ReviewEvent): void {
    this.pub.publish(REVIEW_CHANNEL, JSON.stringify(event)).catch(() => this.deliverReview(event));
  }

  override publishCancel(runId: string): void {
    this.pub.publish(CANCEL_CHANNEL, runId).catch(() => this.deliverCancel(runId));
  }

  override async close(): Promise<void> {
    await super.close();
    this.sub.disconnect();
    this.pub.disconnect();
  }
}
