/**
 * Sockets end with the access that opened them (issue 9, item 5): a revoked API key's socket is
 * told why, disconnected and gets nothing more while the run goes on; it cannot come back.
 * Run rooms are case-normalised; the handshake checks Origin.
 */
import { io, type Socket } from 'socket.io-client';
import {
  RUN_STOP_EVENTS,
  type RunEvent,
  type RunSubscribeAck,
  type WorkflowGraph,
} from '@flowpress/shared';
import { startMockOpenAI, type MockOpenAI } from '@flowpress/nodes/testing';
import { startTestApp, testDatabases, type Client, type TestApp } from './harness.js';

const graph: WorkflowGraph = {
  version: 1,
  nodes: [
    {
      id: 'brief',
      type: 'input',
      position: { x: 0, y: 0 },
      data: { fields: [{ name: 'topic', type: 'text', required: true }] },
    },
    {
      id: 'draft',
      type: 'prompt',
      position: { x: 250, y: 0 },
      data: { template: 'Write about {{brief.topic}}' },
    },
  ],
  edges: [{ id: 'e1', source: 'brief', target: 'draft' }],
};

function connect(
  url: string,
  token: string,
  headers: Record<string, string> = {},
): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(url, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: headers,
    });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

function nextEvent<T>(socket: Socket, name: string): Promise<T> {
  return new Promise((resolve) => socket.once(name, (value: T) => resolve(value)));
}

const databases = await testDatabases();
/** Starting PGlite takes seconds, far more on a loaded machine. */
const START_TIMEOUT_MS = 120_000;

describe.each(databases)('socket access on %s', (database) => {
  let t: TestApp;
  let mock: MockOpenAI;
  let editor: Client;
  let workflowId: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    // A long streamed answer: the run keeps emitting events for a few seconds.
    mock = await startMockOpenAI({ reply: () => 'word '.repeat(120).trim(), tokenDelayMs: 25 });
    t = await startTestApp({
      database,
      env: { OPENAI_BASE_URL: mock.url, OPENAI_API_KEY: 'test' },
    });
    editor = await t.as('editor');
    workflowId = (await editor.post('/api/workflows').send({ name: 'Live', graph }).expect(201))
      .body.id;
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t?.close();
    await mock?.close();
  });

  it('a revoked key’s socket is told, disconnected, gets no further events and cannot reconnect', async () => {
    const key = (await editor.post('/api/api-keys').send({ name: 'live' }).expect(201)).body as {
      id: string;
      key: string;
    };
    const keySocket = await connect(t.url, key.key);
    const watcher = await connect(t.url, await t.loginAs('editor'));
    sockets.push(keySocket, watcher);

    const run = (
      await editor
        .post(`/api/workflows/${workflowId}/runs`)
        .send({ inputs: { topic: 'tea' } })
        .expect(201)
    ).body as { id: string };
    const watched: RunEvent[] = [];
    watcher.on('run:event', (e: RunEvent) => watched.push(e));
    const watcherDone = new Promise<void>((resolve) =>
      watcher.on('run:event', (e: RunEvent) => RUN_STOP_EVENTS.has(e.type) && resolve()),
    );
    const keyEvents: RunEvent[] = [];
    keySocket.on('run:event', (e: RunEvent) => keyEvents.push(e));
    const firstKeyEvent = nextEvent<RunEvent>(keySocket, 'run:event');

    // Upper-case run id: the room is normalised, so events still arrive.
    const ack = (await keySocket.emitWithAck('run:subscribe', {
      runId: run.id.toUpperCase(),
    })) as RunSubscribeAck;
    expect(ack).toMatchObject({ ok: true });
    await expect(watcher.emitWithAck('run:subscribe', { runId: run.id })).resolves.toMatchObject({
      ok: true,
    });
    await firstKeyEvent;

    const ended = nextEvent<{ reason: string }>(keySocket, 'session:ended');
    const disconnected = nextEvent<string>(keySocket, 'disconnect');
    await editor.delete(`/api/api-keys/${key.id}`).expect(204);
    expect((await ended).reason).toMatch(/access ended/);
    expect(await disconnected).toBe('io server disconnect');
    const receivedBefore = keyEvents.length;
    const watchedAtRevocation = watched.length;

    await watcherDone;
    // The run went on emitting after the revocation; the revoked socket got none of it.
    expect(watched.length).toBeGreaterThan(watchedAtRevocation);
    expect(keyEvents).toHaveLength(receivedBefore);
    await expect(connect(t.url, key.key)).rejects.toThrow(/unauthorized/);
  });

  it('refuses subscriptions after logout and ends the logged-out socket', async () => {
    const login = await t.request
      .post('/api/auth/login')
      .send({ email: t.admin.email, password: t.admin.password })
      .expect(200);
    const socket = await connect(t.url, login.body.token as string);
    sockets.push(socket);
    const run = (
      await editor
        .post(`/api/workflows/${workflowId}/runs`)
        .send({ inputs: { topic: 'milk' } })
        .expect(201)
    ).body as { id: string };
    await expect(socket.emitWithAck('run:subscribe', { runId: run.id })).resolves.toMatchObject({
      ok: true,
    });
    const disconnected = nextEvent<string>(socket, 'disconnect');
    await t
      .withToken(login.body.token as string)
      .post('/api/auth/logout')
      .expect(200);
    expect(await disconnected).toBe('io server disconnect');
    await expect(connect(t.url, login.body.token as string)).rejects.toThrow(/unauthorized/);
  });

  it('refuses a handshake from another origin; accepts its own', async () => {
    const token = await t.loginAs('editor');
    await expect(connect(t.url, token, { Origin: 'https://evil.example.test' })).rejects.toThrow(
      /origin/,
    );
    const same = await connect(t.url, token, { Origin: t.url });
    sockets.push(same);
    expect(same.connected).toBe(true);
  });
});
