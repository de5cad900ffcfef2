import { io, type Socket } from 'socket.io-client';
import type { RunEvent, RunSubscribeAck, RunView, WorkflowGraph } from '@flowpress/shared';
import { startMockOpenAI, type MockOpenAI } from '@flowpress/nodes/testing';
import { startTestApp, testDatabases, type Client, type TestApp } from './harness.js';

const pipeline: WorkflowGraph = {
  version: 1,
  nodes: [
    { id: 'brief', type: 'input', position: { x: 0, y: 0 }, data: { fields: [{ name: 'topic', type: 'text', required: true }] } },
    { id: 'draft', type: 'prompt', position: { x: 250, y: 0 }, data: { template: 'Write about {{brief.topic}}' } },
    { id: 'hero', type: 'image', position: { x: 250, y: 200 }, data: { prompt: 'Hero for {{brief.topic}}', size: '256x256' } },
    { id: 'final', type: 'template', position: { x: 500, y: 0 }, data: { template: '{{draft.text}}\n\n![hero]({{hero.images.0.url}})' } },
  ],
  edges: [
    { id: 'e1', source: 'brief', target: 'draft' },
    { id: 'e2', source: 'brief', target: 'hero' },
    { id: 'e3', source: 'draft', target: 'final' },
    { id: 'e4', source: 'hero', target: 'final' },
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

const databases = await testDatabases();

describe.each(databases)('runs over HTTP and Socket.IO on %s', (database) => {
  let t: TestApp;
  let mock: MockOpenAI;
  let editor: Client;
  let workflowId: string;

  beforeAll(async () => {
    mock = await startMockOpenAI({ tokenDelayMs: 2 });
    t = await startTestApp({ database, env: { OPENAI_BASE_URL: mock.url, OPENAI_API_KEY: 'test' } });
    editor = await t.as('editor');
    const res = await editor.post('/api/workflows').send({ name: 'Pipeline', graph: pipeline }).expect(201);
    workflowId = res.body.id;
  });
  afterAll(async () => {
    await t?.close();
    await mock?.close();
  });

  it('refuses U+0000 in a workflow name (400, nothing created) and strips it from model answers and inputs', async () => {
    const before = (await editor.get('/api/workflows').expect(200)).body as unknown[];
    const refused = await editor.post('/api/workflows').send({ name: 'Bad\u0000name', graph: pipeline }).expect(400);
    expect(JSON.stringify(refused.body)).toMatch(/NUL/);
    expect((await editor.get('/api/workflows').expect(200)).body).toHaveLength(before.length);

    const graph: WorkflowGraph = {
      version: 1,
      nodes: [pipeline.nodes[0]!, { id: 'draft', type: 'prompt', position: { x: 250, y: 0 }, data: { template: 'Nul {{brief.topic}}', maxAttempts: 3 } }],
      edges: [{ id: 'e1', source: 'brief', target: 'draft' }],
    };
    const created = await editor.post('/api/workflows').send({ name: 'Nul', graph }).expect(201);
    const calls = mock.requests.length;
    mock.script({ reply: 'nul\u0000answer' });
    const res = await editor.post(`/api/workflows/${created.body.id}/runs?wait=true&timeoutMs=30000`).send({ inputs: { topic: 'a\u0000b' } });
    expect(res.status).toBe(200);
    const run = res.body as RunView;
    expect(run.status).toBe('succeeded');
    expect(run.inputs).toEqual({ topic: 'ab' });
    expect(run.nodes.find((n) => n.nodeId === 'draft')?.output).toMatchObject({ text: 'nulanswer' });
    expect(mock.requests.slice(calls).filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('queues a run (201) pinned to the current version and finishes it', async () => {
    const res = await editor.post(`/api/workflows/${workflowId}/runs`).send({ inputs: { topic: "cold brew" } });
    if (res.status !== 201) console.log(res.status, res.body, workflowId);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), status: 'queued', workflowVersion: 1 });
    let run: RunView | undefined;
    for (let i = 0; i < 100; i++) {
      run = (await editor.get(`/api/runs/${res.body.id}`).expect(200)).body as RunView;
      if (run.status === 'succeeded' || run.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(run?.status).toBe('succeeded');
    expect(run?.nodes.map((n) => n.nodeId)).toEqual(['brief', 'draft', 'hero', 'final']);
  });

  it('answers ?wait=true with the full run, images stored as assets', async () => {
    const res = await editor.post(`/api/workflows/${workflowId}/runs?wait=true`).send({ inputs: { topic: 'oat milk' } }).expect(200);
    const run = res.body as RunView;
    expect(run.status).toBe('succeeded');
    const hero = run.nodes.find((n) => n.nodeId === 'hero')!;
    const images = hero.output?.['images'] as { assetId: string; url: string; mimeType: string }[];
    expect(images).toHaveLength(1);
    const asset = await editor.get(images[0]!.url).expect(200);
    expect(asset.headers['content-type']).toBe('image/png');
    expect((asset.body as Buffer).subarray(1, 4).toString()).toBe('PNG');
    const final = run.nodes.find((n) => n.nodeId === 'final')!;
    expect(String(final.output?.['text'])).toContain(images[0]!.url);
    expect(run.usage.totalTokens).toBeGreaterThan(0);
    expect(run.usage.images).toBe(1);
  });

  it('answers 202 with the run so far when ?wait=true times out', async () => {
    mock.script({ hang: true });
    const res = await editor.post(`/api/workflows/${workflowId}/runs?wait=true&timeoutMs=300`).send({ inputs: { topic: 'slow' } }).expect(202);
    expect(['queued', 'running']).toContain(res.body.status);
    await editor.post(`/api/runs/${res.body.id}/cancel`).expect(200);
  });

  it('refuses bad inputs with 400 and stores no run', async () => {
    const before = (await editor.get(`/api/runs?workflowId=${workflowId}&limit=200`).expect(200)).body.length;
    const res = await editor.post(`/api/workflows/${workflowId}/runs`).send({ inputs: { topic: 42 } }).expect(400);
    expect(res.body.issues[0].path).toMatch(/topic/);
    await editor.post(`/api/workflows/${workflowId}/runs`).send({ inputs: {} }).expect(400);
    await editor.post(`/api/workflows/${workflowId}/runs`).send({ inputs: 'nope' }).expect(400);
    const after = (await editor.get(`/api/runs?workflowId=${workflowId}&limit=200`).expect(200)).body.length;
    expect(after).toBe(before);
  });

  it('guards runs by role and existence', async () => {
    const viewer = await t.as('viewer');
    await viewer.post(`/api/workflows/${workflowId}/runs`).send({ inputs: { topic: 'x' } }).expect(403);
    await viewer.get(`/api/runs?workflowId=${workflowId}`).expect(200);
    await editor.post('/api/workflows/00000000-0000-4000-8000-000000000000/runs').send({ inputs: {} }).expect(404);
    await editor.get('/api/runs/00000000-0000-4000-8000-000000000000').expect(404);
    await t.request.get('/api/runs').expect(401);
  });

  it('refuses a socket with a bad token at the handshake', async () => {
    await expect(connect(t.url, 'not-a-token')).rejects.toThrow(/unauthorized/);
  });

  it('streams every event of a run to a subscriber, seq contiguous, tokens concatenating to the output', async () => {
    const token = await t.loginAs('viewer');
    const socket = await connect(t.url, token);
    try {
      const created = await editor.post(`/api/workflows/${workflowId}/runs`).send({ inputs: { topic: 'sourdough' } }).expect(201);
      const runId = created.body.id as string;
      const events: RunEvent[] = [];
      const ended = new Promise<void>((resolve) => {
        socket.on('run:event', (e: RunEvent) => {
          events.push(e);
          if (e.type === 'run.succeeded' || e.type === 'run.failed') resolve();
        });
      });
      const ack = (await socket.emitWithAck('run:subscribe', { runId })) as RunSubscribeAck;
      expect(ack.ok).toBe(true);
      await ended;
      // Whatever the subscriber missed before its ack is exactly what lastSeq says.
      const first = events[0]!.seq;
      expect(first).toBeLessThanOrEqual((ack.lastSeq ?? 0) + 1);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => first + i));
      const run = (await editor.get(`/api/runs/${runId}`).expect(200)).body as RunView;
      expect(run.lastSeq).toBe(events.at(-1)!.seq);
      const tokens = events.filter((e) => e.type === 'node.token' && e.nodeId === 'draft').map((e) => (e.data as { text: string }).text);
      expect(tokens.length).toBeGreaterThan(1);
      expect(tokens.join('')).toBe(run.nodes.find((n) => n.nodeId === 'draft')!.output?.['text']);
      const nack = (await socket.emitWithAck('run:subscribe', { runId: '00000000-0000-4000-8000-000000000000' })) as RunSubscribeAck;
      expect(nack.ok).toBe(false);
    } finally {
      socket.close();
    }
  });

  it('cancels a waiting run and refuses to cancel a finished one', async () => {
    mock.script({ hang: true });
    const created = await editor.post(`/api/workflows/${workflowId}/runs`).send({ inputs: { topic: 'cancel me' } }).expect(201);
    await new Promise((r) => setTimeout(r, 200));
    const canceled = await editor.post(`/api/runs/${created.body.id}/cancel`).expect(200);
    expect(canceled.body.status).toBe('canceled');
    await editor.post(`/api/runs/${created.body.id}/cancel`).expect(409);
  });
});

describe('the seeded demo workflow on the offline provider', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ database: 'pglite' });
  });
  afterAll(() => t?.close());

  it('runs to its review with labelled offline output grounded in the demo knowledge base', async () => {
    const editor = await t.as('editor');
    const list = (await editor.get('/api/workflows').expect(200)).body as { id: string; name: string; graph: WorkflowGraph }[];
    expect(list.length).toBeGreaterThan(0);
    const demo = list[0]!;
    const inputNode = demo.graph.nodes.find((n) => n.type === 'input')!;
    const fields = (inputNode.data['fields'] as { name: string; type: string }[]).map((f) => [f.name, `${f.name} for a coffee brand`]);
    const res = await editor.post(`/api/workflows/${demo.id}/runs?wait=true`).send({ inputs: Object.fromEntries(fields) }).expect(200);
    const run = res.body as RunView;
    expect(run.status).toBe('waiting_review');
    const facts = run.nodes.find((n) => n.type === 'retrieval')!;
    expect((facts.output?.['documents'] as unknown[]).length).toBeGreaterThan(0);
    const prompt = run.nodes.find((n) => n.type === 'prompt')!;
    expect(String(prompt.output?.['text']).length).toBeGreaterThan(100);
    expect(prompt.usage?.provider).toBe('offline');
    expect(run.nodes.find((n) => n.type === 'image')!.status).toBe('succeeded');
  });
});
