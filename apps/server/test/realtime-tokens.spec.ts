/**
 * Tokens through the bus and sockets (issue 13): a subscriber gets every event of the run with a
 * gapless seq and tokens that concatenate to the node's output; the server encodes run and review
 * events only for rooms that have a member in this process.
 *
 * PGlite only: what is tested is the event path above the database, the same on both.
 */
import { io, type Socket } from 'socket.io-client';
import { RUN_STOP_EVENTS, type RunEvent, type RunSubscribeAck, type WorkflowGraph } from '@flowpress/shared';
import { startMockOpenAI, type MockOpenAI } from '@flowpress/nodes/testing';
import { RunsGateway } from '../src/realtime/runs.gateway.js';
import { startTestApp, type Client, type TestApp } from './harness.js';

const ANSWER = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');

/** A short draft, a review that parks the run (time to subscribe), then the streamed answer. */
const graph: WorkflowGraph = {
  version: 1,
  nodes: [
    { id: 'brief', type: 'input', position: { x: 0, y: 0 }, data: { fields: [{ name: 'topic', type: 'text', required: true }] } },
    { id: 'draft', type: 'prompt', position: { x: 200, y: 0 }, data: { template: 'Draft about {{brief.topic}}' } },
    { id: 'check', type: 'review', position: { x: 400, y: 0 }, data: { instructions: 'Check it' } },
    { id: 'answer', type: 'prompt', position: { x: 600, y: 0 }, data: { template: 'Expand: {{check.text}}' } },
  ],
  edges: [
    { id: 'e1', source: 'brief', target: 'draft' },
    { id: 'e2', source: 'draft', target: 'check' },
    { id: 'e3', source: 'check', target: 'answer' },
  ],
};

function connect(url: string, token: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

/** The run id of a packet the server encoded for a `run:event` or a review event, if it is one. */
/**
 * Records every packet the server's real Socket.IO encoder encodes (each broadcast encodes once,
 * whatever the number of sockets; the adapter holds this same encoder object).
 */
function recordEncodes(gateway: RunsGateway): { seen: () => { kind: string; runId: string }[]; restore: () => void } {
  const encoder = gateway.server.encoder;
  const own = Object.prototype.hasOwnProperty.call(encoder, 'encode');
  const original = encoder.encode;
  const packets: Parameters<typeof original>[0][] = [];
  encoder.encode = function (this: typeof encoder, packet) {
    packets.push(packet);
    return original.call(this, packet);
  };
  return {
    seen: () => packets.map((p) => runIdOf(p)).filter((p) => p !== null),
    restore: () => {
      if (own) encoder.encode = original;
      else delete (encoder as Partial<typeof encoder>).encode;
    },
  };
}

function runIdOf(packet: { data?: unknown }): { kind: string; runId: string } | null {
  const data = packet.data as unknown[] | undefined;
  if (!Array.isArray(data) || typeof data[0] !== 'string') return null;
  const body = data[1] as { runId?: unknown } | undefined;
  return typeof body?.runId === 'string' ? { kind: data[0], runId: body.runId } : null;
}

describe('tokens through the event bus and sockets', () => {
  let t: TestApp;
  let mock: MockOpenAI;
  let editor: Client;
  let reviewer: Client;
  let workflowId: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    // 10 ms between tokens: each arrives in a read of its own, several events per answer.
    mock = await startMockOpenAI({
      tokenDelayMs: 10,
      reply: (request) => {
        const last = request.messages.at(-1);
        return typeof last?.content === 'string' && last.content.startsWith('Expand') ? ANSWER : 'a short draft';
      },
    });
    t = await startTestApp({ env: { OPENAI_BASE_URL: mock.url, OPENAI_API_KEY: 'test' } });
    editor = await t.as('editor');
    reviewer = await t.as('reviewer');
    workflowId = (await editor.post('/api/workflows').send({ name: 'Streamed', graph }).expect(201)).body.id;
  }, 120_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t?.close();
    await mock?.close();
  });

  /** Starts a run and waits until it is parked at the review; returns the run and review ids. */
  async function parked(topic: string): Promise<{ runId: string; reviewId: string }> {
    const run = (await editor.post(`/api/workflows/${workflowId}/runs?wait=true`).send({ inputs: { topic } }).expect(200)).body as {
      id: string;
      status: string;
    };
    expect(run.status).toBe('waiting_review');
    const reviews = (await reviewer.get(`/api/reviews?status=pending&runId=${run.id}`).expect(200)).body as { id: string }[];
    expect(reviews).toHaveLength(1);
    return { runId: run.id, reviewId: reviews[0]!.id };
  }

  async function settled(runId: string): Promise<string> {
    for (;;) {
      const run = (await editor.get(`/api/runs/${runId}`).expect(200)).body as { status: string };
      if (!['queued', 'running'].includes(run.status)) return run.status;
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  it('a subscriber gets every later event in seq order, and the tokens make up the output', async () => {
    const socket = await connect(t.url, await t.loginAs('viewer'));
    sockets.push(socket);
    const { runId, reviewId } = await parked('kettles');
    const events: RunEvent[] = [];
    const ended = new Promise<void>((resolve) =>
      socket.on('run:event', (e: RunEvent) => {
        if (e.runId !== runId) return;
        events.push(e);
        if (RUN_STOP_EVENTS.has(e.type)) resolve();
      }),
    );
    const ack = (await socket.emitWithAck('run:subscribe', { runId })) as RunSubscribeAck;
    expect(ack).toMatchObject({ ok: true, status: 'waiting_review' });
    const lastSeq = ack.lastSeq!;

    await reviewer.post(`/api/reviews/${reviewId}/decision`).send({ action: 'approve' }).expect(200);
    await ended;

    // Nothing missed since the ack, nothing repeated, no gap (CONTRACT §3).
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => lastSeq + 1 + i));
    expect(events.at(-1)!.type).toBe('run.succeeded');
    const tokens = events.filter((e) => e.type === 'node.token' && e.nodeId === 'answer');
    const completed = events.find((e) => e.type === 'node.completed' && e.nodeId === 'answer')!;
    // Every token precedes its node's completion, and together they are its output.
    expect(tokens.every((e) => e.seq < completed.seq)).toBe(true);
    expect(tokens.every((e) => (e.data as { text: string }).text.length > 0)).toBe(true);
    const text = tokens.map((e) => (e.data as { text: string }).text).join('');
    expect(text).toBe((completed.data as { output: { text: string } }).output.text);
    expect(text).toBe(ANSWER);
    // Coalescing merges tokens that are ready together; it never invents or splits any.
    expect(tokens.length).toBeGreaterThan(1);
    expect(tokens.length).toBeLessThanOrEqual(ANSWER.split(' ').length);
    // The stored run agrees with what streamed.
    const stored = (await editor.get(`/api/runs/${runId}`).expect(200)).body as { lastSeq: number };
    expect(stored.lastSeq).toBe(events.at(-1)!.seq);
  });

  it('encodes nothing for a run nobody watches, and the events of a watched run once each', async () => {
    const gateway = t.app.get(RunsGateway);
    const encodes = recordEncodes(gateway);
    try {
      // Watched: a socket in the run's room, subscribed while the run is parked.
      const watcher = await connect(t.url, await t.loginAs('viewer'));
      sockets.push(watcher);
      const watched = await parked('watched');
      const received: RunEvent[] = [];
      const watchedEnded = new Promise<void>((resolve) =>
        watcher.on('run:event', (e: RunEvent) => {
          received.push(e);
          if (e.runId === watched.runId && RUN_STOP_EVENTS.has(e.type)) resolve();
        }),
      );
      await expect(watcher.emitWithAck('run:subscribe', { runId: watched.runId })).resolves.toMatchObject({ ok: true });

      // Unwatched: started, parked, reviewed and finished with no socket in its room, no
      // reviewer in the reviews room.
      const unwatched = await parked('unwatched');
      await reviewer.post(`/api/reviews/${unwatched.reviewId}/decision`).send({ action: 'approve' }).expect(200);

      await reviewer.post(`/api/reviews/${watched.reviewId}/decision`).send({ action: 'approve' }).expect(200);
      await watchedEnded;
      expect(await settled(unwatched.runId)).toBe('succeeded');

      const encoded = encodes.seen();
      expect(encoded.filter((p) => p.runId === unwatched.runId)).toEqual([]);
      // Review events had no reviewer socket to go to: none encoded either.
      expect(encoded.filter((p) => p.kind.startsWith('review.'))).toEqual([]);
      // The spy does see broadcasts: every event the watcher got was encoded once.
      const forWatched = encoded.filter((p) => p.runId === watched.runId);
      expect(forWatched.length).toBe(received.filter((e) => e.runId === watched.runId).length);
      expect(forWatched.length).toBeGreaterThan(3);
    } finally {
      encodes.restore();
    }
  });

  it('review events are encoded once a reviewer has joined the reviews room', async () => {
    const gateway = t.app.get(RunsGateway);
    const encodes = recordEncodes(gateway);
    try {
      const socket = await connect(t.url, await t.loginAs('reviewer'));
      sockets.push(socket);
      await expect(socket.emitWithAck('reviews:subscribe')).resolves.toMatchObject({ ok: true });
      const created = new Promise<{ runId: string }>((resolve) => socket.once('review.created', resolve));
      const { runId } = await parked('reviewed');
      expect((await created).runId).toBe(runId);
      const encoded = encodes.seen();
      expect(encoded).toContainEqual({ kind: 'review.created', runId });
    } finally {
      encodes.restore();
    }
  });
});
