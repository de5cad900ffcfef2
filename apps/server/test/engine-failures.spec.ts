/**
 * The engine's failure edges: a database that fails while a run starts or checkpoints, a cancel
 * that lands during a retry's backoff, and data the database refuses (U+0000 from a model).
 */
import type { RunEvent, WorkflowGraph } from '@flowpress/shared';
import { startMockOpenAI } from '@flowpress/nodes/testing';
import type { RunJob } from '../src/queue/run-queue.js';
import { startEngine, type EngineFixture } from './engine-fixture.js';
import { testDatabases } from './harness.js';

type Mock = Awaited<ReturnType<typeof startMockOpenAI>>;

const input = {
  id: 'brief',
  type: 'input',
  position: { x: 0, y: 0 },
  data: { fields: [{ name: 'topic', type: 'text', required: true }] },
};
const draft = (template: string, extra: Record<string, unknown> = {}) => ({
  id: 'draft',
  type: 'prompt',
  position: { x: 0, y: 0 },
  data: { template, ...extra },
});
const pipeline = (template: string, extra: Record<string, unknown> = {}): WorkflowGraph => ({
  version: 1,
  nodes: [input, draft(template, extra)],
  edges: [{ id: 'brief-draft', source: 'brief', target: 'draft' }],
});
const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

const databases = await testDatabases();

describe.each(databases)('engine failure edges on %s', (database) => {
  let mock: Mock;
  let fx: EngineFixture;
  /** Jobs that came back to the queue with a delay (re-enqueues), with that delay. */
  const delayed: { job: RunJob; delayMs: number }[] = [];

  beforeAll(async () => {
    mock = await startMockOpenAI({ reply: () => 'a short draft' });
    fx = await startEngine(database, { baseURL: mock.url }, { requeueBaseMs: 20 });
    const enqueue = fx.queue.enqueue.bind(fx.queue);
    fx.queue.enqueue = (job, options = {}) => {
      if (options.delayMs) delayed.push({ job, delayMs: options.delayMs });
      return enqueue(job, options);
    };
  });
  afterAll(async () => {
    await fx?.close();
    await mock?.close();
  });
  const callsSince = (before: number) =>
    mock.requests.slice(before).filter((r) => r.method === 'POST').length;

  it('takes a run up again when the database fails while it starts, instead of failing it', async () => {
    const id = await fx.addWorkflow(pipeline('Start {{brief.topic}}'));
    const { store, workflows } = fx.engine;
    const claim = store.claim.bind(store);
    const get = workflows.get.bind(workflows);
    let armed = false;
    let thrown = 0;
    store.claim = async (...args) => {
      const claimed = await claim(...args);
      if (claimed && typeof claimed === 'object' && claimed.workflowId === id && thrown === 0)
        armed = true;
      return claimed;
    };
    // A run this process executes itself is inserted claimed (no claim statement): arm there too.
    const { orchestrator } = fx.engine;
    const adopt = orchestrator.adopt.bind(orchestrator);
    orchestrator.adopt = (run) => {
      if (run.workflowId === id && thrown === 0) armed = true;
      adopt(run);
    };
    workflows.get = async (...args) => {
      if (armed) {
        armed = false;
        thrown++;
        throw pgError('57P01', 'terminating connection due to administrator command');
      }
      return get(...args);
    };
    try {
      const run = await fx.run(id, { topic: 'restarts' });
      expect(thrown).toBe(1);
      expect(run.status).toBe('succeeded');
      expect(delayed.filter((d) => d.job.runId === run.id)).toEqual([
        { job: expect.objectContaining({ attempt: 1 }), delayMs: 20 },
      ]);
    } finally {
      store.claim = claim;
      orchestrator.adopt = adopt;
      workflows.get = get;
    }
  });

  it('waits longer each time the database fails a checkpoint again', async () => {
    const id = await fx.addWorkflow(pipeline('Backoff {{brief.topic}}'));
    const { store } = fx.engine;
    const checkpoint = store.checkpoint.bind(store);
    let failures = 0;
    store.checkpoint = async (...args) => {
      if (failures < 3) {
        failures++;
        throw pgError('08006', 'connection failure');
      }
      return checkpoint(...args);
    };
    try {
      const run = await fx.run(id, { topic: 'patience' });
      expect(run.status).toBe('succeeded');
      expect(delayed.filter((d) => d.job.runId === run.id).map((d) => d.delayMs)).toEqual([
        20, 40, 80,
      ]);
    } finally {
      store.checkpoint = checkpoint;
    }
  });

  it('ends a node canceled during a retry backoff without starting it or calling the model again', async () => {
    const id = await fx.addWorkflow(pipeline('Cancel me {{brief.topic}}'));
    const before = mock.requests.length;
    // Retry-After 30 s: the cancel lands while the engine waits.
    mock.script({ status: 429, retryAfter: 30 });
    const retrying: RunEvent[] = [];
    const off = fx.bus.onRunEvent((event) => {
      if (event.type !== 'node.retrying') return;
      retrying.push(event);
      void fx.engine.cancel(event.runId);
    });
    try {
      const run = await fx.run(id, { topic: 'impatience' });
      expect(run.status).toBe('canceled');
      expect(run.nodes.find((n) => n.nodeId === 'draft')).toMatchObject({
        status: 'canceled',
        attempts: 1,
      });
      expect(retrying).toHaveLength(1);
      expect(retrying[0]).toMatchObject({ data: { attempt: 2, maxAttempts: 3 } });
      expect((retrying[0]!.data as { delayMs: number }).delayMs).toBeGreaterThanOrEqual(30_000);
      const started = fx
        .eventsOf(run.id)
        .filter((e) => e.type === 'node.started' && e.nodeId === 'draft');
      expect(started).toHaveLength(1);
      expect(callsSince(before)).toBe(1);
    } finally {
      off();
    }
  });

  it('stores a model answer containing U+0000 without it, calling the model once', async () => {
    const id = await fx.addWorkflow(pipeline('Nul {{brief.topic}}', { maxAttempts: 3 }));
    const before = mock.requests.length;
    mock.script({ reply: 'bad\u0000byte' });
    const run = await fx.run(id, { topic: 'zero\u0000bytes' });
    expect(run.status).toBe('succeeded');
    expect(callsSince(before)).toBe(1);
    expect(run.nodes.find((n) => n.nodeId === 'draft')?.output).toMatchObject({ text: 'badbyte' });
    expect(run.inputs).toMatchObject({ topic: 'zerobytes' });
  });

  it('fails the node with the reason when the database refuses its output, without calling the model again', async () => {
    const id = await fx.addWorkflow(pipeline('Refused {{brief.topic}}'));
    const before = mock.requests.length;
    const { store } = fx.engine;
    const checkpoint = store.checkpoint.bind(store);
    let refused = 0;
    store.checkpoint = async (...args) => {
      const [, , states] = args;
      if (refused === 0 && states.some((s) => s.nodeId === 'draft' && s.status === 'succeeded')) {
        refused++;
        throw pgError('22P05', 'unsupported Unicode escape sequence');
      }
      return checkpoint(...args);
    };
    try {
      const run = await fx.run(id, { topic: 'refusal' });
      expect(run.status).toBe('failed');
      const node = run.nodes.find((n) => n.nodeId === 'draft')!;
      expect(node.status).toBe('failed');
      expect(node.error?.message).toMatch(
        /database refused the node's output: unsupported Unicode escape sequence/,
      );
      expect(callsSince(before)).toBe(1);
    } finally {
      store.checkpoint = checkpoint;
    }
  });
});
