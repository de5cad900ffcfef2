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
 *
 * Run events published in one turn of the event loop travel as one message, a JSON array (one
 * PUBLISH, one parse per subscriber, instead of one per event: a busy worker streams tokens of
 * many runs at once). Sent on the next turn (setImmediate), never on a timer, so a lone event is
 * not held back. A message that is a single event object is still understood (a process of the
 * previous version during a rolling upgrade).
 */
export class RedisEventBus extends LocalEventBus {
  private readonly logger = new Logger('EventBus');
  private readonly pub: Redis;
  private readonly sub: Redis;
  private lastError = '';
  /** Run events of this turn of the event loop, in publish order, sent as one message. */
  private batch: RunEvent[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  /** The newest PUBLISH of run events, settled when Redis answered it (or it was delivered here). */
  private sending: Promise<void> = Promise.resolve();

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
      if (channel === RUN_CHANNEL) {
        const parsed = JSON.parse(message) as RunEvent | RunEvent[];
        if (Array.isArray(parsed)) for (const event of parsed) this.deliver(event);
        else this.deliver(parsed);
      }
      else if (channel === REVIEW_CHANNEL) this.deliverReview(JSON.parse(message) as ReviewEvent);
      else if (channel === CANCEL_CHANNEL) this.deliverCancel(message);
    } catch (error) {
      this.say(
        `an unreadable message on ${channel}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  override publish(event: RunEvent): void {
    this.batch.push(event);
    this.scheduled ??= setImmediate(() => void this.sendBatch());
  }

  private sendBatch(): Promise<void> {
    this.scheduled = undefined;
    const events = this.batch;
    this.batch = [];
    if (!events.length) return this.sending;
    // One connection, one message per turn: the order of a run's events is the order published.
    this.sending = this.pub.publish(RUN_CHANNEL, JSON.stringify(events)).then(
      () => undefined,
      () => {
        for (const event of events) this.deliver(event);
      },
    );
    return this.sending;
  }

  /**
   * Sends this turn's events now and resolves when Redis has answered: by then it has handed them
   * to every subscriber, so whatever another process publishes afterwards arrives after them.
   * (One connection answers in order: the newest PUBLISH answered means every earlier one was.)
   */
  override flush(): Promise<void> {
    if (!this.scheduled) return this.sending;
    clearImmediate(this.scheduled);
    return this.sendBatch();
  }

  override publishReview(event: ReviewEvent): void {
    this.pub.publish(REVIEW_CHANNEL, JSON.stringify(event)).catch(() => this.deliverReview(event));
  }

  override publishCancel(runId: string): void {
    this.pub.publish(CANCEL_CHANNEL, runId).catch(() => this.deliverCancel(runId));
  }

  override async close(): Promise<void> {
    // Events published just before close (a run's last ones at shutdown) still go out.
    await this.flush();
    await super.close();
    this.sub.disconnect();
    this.pub.disconnect();
  }
}
