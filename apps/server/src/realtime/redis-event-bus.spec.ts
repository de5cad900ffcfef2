/**
 * The Redis bus against the machine's Redis: events published in one turn travel as one message.
 * Pub/sub channels are shared by every database number on a server (other suites may publish on
 * them at the same time), so everything here is filtered by this test's own run ids.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { RunEvent } from '@flowpress/shared';
import { RedisEventBus } from './redis-event-bus.js';

const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379/12';
const RUN_CHANNEL = 'flowpress:run-events';

const event = (runId: string, seq: number, text: string): RunEvent =>
  ({ runId, seq, type: 'node.token', nodeId: 'draft', at: new Date().toISOString(), data: { text } }) as RunEvent;

describe('RedisEventBus', () => {
  let producer: RedisEventBus;
  let consumer: RedisEventBus;
  let raw: Redis;
  const messages: unknown[] = [];

  beforeAll(async () => {
    producer = new RedisEventBus(REDIS_URL);
    consumer = new RedisEventBus(REDIS_URL);
    raw = new Redis(REDIS_URL);
    raw.on('message', (_channel: string, message: string) => messages.push(JSON.parse(message)));
    await raw.subscribe(RUN_CHANNEL);
    await Promise.all([producer.ready(), consumer.ready()]);
  });
  afterAll(async () => {
    await producer?.close();
    await consumer?.close();
    raw?.disconnect();
  });

  /** Resolves with the events of `runId` another process delivers, once `count` have come. */
  function collect(bus: RedisEventBus, runId: string, count: number): Promise<RunEvent[]> {
    return new Promise((resolve) => {
      const got: RunEvent[] = [];
      const off = bus.onRun(runId, (e) => {
        got.push(e);
        if (got.length === count) {
          off();
          resolve(got);
        }
      });
    });
  }
  /**
   * The raw subscriber's messages carrying these runs' events, once a marker published after them
   * has arrived there too (Redis delivers a connection's messages in publish order).
   */
  async function sentFor(runIds: string[]): Promise<unknown[]> {
    const marker = randomUUID();
    await new Promise((resolve) => setImmediate(resolve));
    producer.publish(event(marker, 1, 'marker'));
    while (!messages.some((m) => Array.isArray(m) && (m as RunEvent[]).some((e) => e.runId === marker)))
      await new Promise((resolve) => setTimeout(resolve, 5));
    return mine(runIds);
  }
  const mine = (runIds: string[]) =>
    messages.filter((m) =>
      (Array.isArray(m) ? (m as RunEvent[]) : [m as RunEvent]).some((e) => runIds.includes(e.runId)),
    );

  it('sends the events of one turn (of several runs) as one PUBLISH, delivered in order', async () => {
    const a = randomUUID();
    const b = randomUUID();
    const gotA = collect(consumer, a, 3);
    const gotB = collect(consumer, b, 1);
    producer.publish(event(a, 1, 'one'));
    producer.publish(event(b, 1, 'other run'));
    producer.publish(event(a, 2, ' two'));
    producer.publish(event(a, 3, ' three'));
    expect((await gotA).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect((await gotA).map((e) => (e.data as { text: string }).text).join('')).toBe('one two three');
    expect((await gotB).map((e) => e.runId)).toEqual([b]);
    const sent = await sentFor([a, b]);
    expect(sent).toHaveLength(1);
    expect((sent[0] as RunEvent[]).map((e) => [e.runId, e.seq])).toEqual([
      [a, 1],
      [b, 1],
      [a, 2],
      [a, 3],
    ]);
  });

  it('a later turn is a message of its own', async () => {
    const a = randomUUID();
    const got = collect(consumer, a, 2);
    producer.publish(event(a, 1, 'first'));
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    producer.publish(event(a, 2, 'second'));
    expect((await got).map((e) => e.seq)).toEqual([1, 2]);
    expect(await sentFor([a])).toHaveLength(2);
  });

  it('still reads a message that is one event object (a process of the previous version)', async () => {
    const a = randomUUID();
    const got = collect(consumer, a, 1);
    const old = raw.duplicate();
    try {
      await old.publish(RUN_CHANNEL, JSON.stringify(event(a, 1, 'old format')));
    } finally {
      old.disconnect();
    }
    expect((await got).map((e) => (e.data as { text: string }).text)).toEqual(['old format']);
  });

  it('flush: what another process publishes after it arrives after the flushed events', async () => {
    // The API announces run.queued (seq 1) and flushes before queueing the job; the worker that
    // takes the job publishes seq 2 on a connection of its own. A third process sees 1, 2.
    // The "worker" writes at once on its own connection (the bus would wait for the next turn),
    // so without the flush its event is the first to reach Redis.
    const a = randomUUID();
    const worker = raw.duplicate();
    try {
      for (let round = 0; round < 20; round++) {
        const runId = `${a}-${round}`;
        const got = collect(consumer, runId, 2);
        producer.publish(event(runId, 1, 'queued'));
        await producer.flush();
        await worker.publish(RUN_CHANNEL, JSON.stringify([event(runId, 2, 'started')]));
        expect((await got).map((e) => e.seq)).toEqual([1, 2]);
      }
      // Nothing pending: resolves at once.
      await expect(producer.flush()).resolves.toBeUndefined();
    } finally {
      worker.disconnect();
    }
  });

  it('flush while Redis is away: the events are delivered in this process and it resolves', async () => {
    const lonely = new RedisEventBus('redis://127.0.0.1:1');
    try {
      const runId = randomUUID();
      const got = collect(lonely, runId, 1);
      lonely.publish(event(runId, 1, 'queued'));
      await lonely.flush();
      expect((await got).map((e) => e.seq)).toEqual([1]);
    } finally {
      await lonely.close();
    }
  });
});
