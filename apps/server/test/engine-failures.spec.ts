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
/** The draft, then a step after it: a template (deferrable) or a second prompt (not). */
const chain = (template: string, next: 'template' | 'prompt'): WorkflowGraph => ({
  version: 1,
  nodes: [
    input,
    draft(template),
    next === 'template'
      ? {
          id: 'out',
          type: 'template',
          position: { x: 0, y: 0 },
          data: { template: '{{draft.text}}' },
        }
      : {
          id: 'out',
          type: 'prompt',
          position: { x: 0, y: 0 },
          data: { template: 'Polish {{draft.text}}' },
        },
  ],
  edges: [
    { id: 'brief-draft', source: 'brief', target: 'draft' },
    { id: 'draft-out', source: 'draft', target: 'out' },
  ],
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
    // The second prompt keeps the draft's checkpoint a statement of its own.
    const id = await fx.addWorkflow(chain('Backoff {{brief.topic}}', 'prompt'));
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

  it('waits longer each time the database fails a finish carrying a held checkpoint', async () => {
    const id = await fx.addWorkflow(chain('Held backoff {{brief.topic}}', 'template'));
    const before = mock.requests.length;
    const { store } = fx.engine;
    const finish = store.finish.bind(store);
    const checkpoint = store.checkpoint.bind(store);
    let failures = 0;
    let checkpoints = 0;
    store.finish = async (...args) => {
      if (failures < 3) {
        failures++;
        throw pgError('08006', 'connection failure');
      }
      return finish(...args);
    };
    store.checkpoint = async (...args) => {
      checkpoints++;
      return checkpoint(...args);
    };
    try {
      const run = await fx.run(id, { topic: 'held patience' });
      expect(run.status).toBe('succeeded');
      expect(run.nodes.find((n) => n.nodeId === 'out')?.output).toEqual({ text: 'a short draft' });
      // A transient failure stops the pass as a failed checkpoint does; the next pass runs the
      // unacknowledged draft again (each pass calls the model once: four passes, four calls).
      expect(delayed.filter((d) => d.job.runId === run.id).map((d) => d.delayMs)).toEqual([
        20, 40, 80,
      ]);
      expect(checkpoints).toBe(0);
      expect(callsSince(before)).toBe(4);
      // Nothing held was published by the failed passes: the draft completed once, in the last.
      const completed = fx
        .eventsOf(run.id)
        .filter((e) => e.type === 'node.completed' && e.nodeId === 'draft');
      expect(completed).toHaveLength(1);
      expect(completed[0]!.seq).toBeGreaterThan(1000);
    } finally {
      store.finish = finish;
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
    // A second prompt after the draft: the draft's checkpoint is its own statement.
    const id = await fx.addWorkflow(chain('Refused {{brief.topic}}', 'prompt'));
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
      expect(run.nodes.find((n) => n.nodeId === 'out')!.status).toBe('skipped');
      expect(callsSince(before)).toBe(1);
    } finally {
      store.checkpoint = checkpoint;
    }
  });

  it('fails a held node whose output the database refuses inside the finish, as its own checkpoint would', async () => {
    // A lone UTF-16 surrogate: JSON can carry it, jsonb refuses it (22P02). The draft's
    // checkpoint is held for the finish (only the template follows), so the refusal first
    // comes from the finish, after the template already ran on that output.
    const id = await fx.addWorkflow(chain('Surrogate {{brief.topic}}', 'template'));
    const before = mock.requests.length;
    mock.script({ reply: 'half a pair: \ud800' });
    const { store } = fx.engine;
    const finish = store.finish.bind(store);
    const checkpoint = store.checkpoint.bind(store);
    const writes: { what: string; nodes: string[]; error?: string }[] = [];
    const describe = (states: { nodeId: string; status: string }[] = []) =>
      states.map((s) => `${s.nodeId}:${s.status}`).sort();
    store.finish = async (...args) => {
      const entry = { what: `finish ${args[2]}`, nodes: describe(args[4]) };
      writes.push(entry);
      return finish(...args).catch((error: unknown) => {
        Object.assign(entry, { error: (error as { code?: string }).code });
        throw error;
      });
    };
    store.checkpoint = async (...args) => {
      const entry = { what: 'checkpoint', nodes: describe(args[2]) };
      writes.push(entry);
      return checkpoint(...args).catch((error: unknown) => {
        Object.assign(entry, { error: (error as { code?: string }).code });
        throw error;
      });
    };
    try {
      const run = await fx.run(id, { topic: 'surrogates' });
      // The model was called once; the held finish was refused, the draft written alone (refused
      // again: it is the draft's own output), then failed with the reason as today's path does.
      expect(callsSince(before)).toBe(1);
      expect(writes).toEqual([
        {
          what: 'finish succeeded',
          nodes: ['brief:succeeded', 'draft:succeeded', 'out:succeeded'],
          error: '22P02',
        },
        { what: 'checkpoint', nodes: ['brief:succeeded', 'draft:succeeded'], error: '22P02' },
        { what: 'checkpoint', nodes: ['brief:succeeded', 'draft:failed', 'out:skipped'] },
        { what: 'finish failed', nodes: [] },
      ]);
      // The run as today's path leaves it (a checkpoint of the draft's own, refused).
      expect(run.status).toBe('failed');
      expect(run.error).toEqual({
        message: expect.stringMatching(/^draft: The database refused the node's output: /),
        code: 'unstorable',
      });
      const byId = Object.fromEntries(run.nodes.map((n) => [n.nodeId, n]));
      expect(byId['brief']).toMatchObject({ status: 'succeeded', attempts: 1 });
      expect(byId['draft']).toMatchObject({
        status: 'failed',
        output: null,
        attempts: 1,
        error: {
          message: expect.stringMatching(
            /database refused the node's output: invalid input syntax for type json/,
          ),
          code: 'unstorable',
          retryable: false,
        },
      });
      expect(byId['out']).toMatchObject({ status: 'skipped', output: null, attempts: 0 });
      // Downstream never completed, and the draft's completion was never announced; the events
      // rise by one with no gap or repeat (the dropped held events gave their seqs back).
      const events = fx.eventsOf(run.id);
      expect(events.filter((e) => e.type === 'node.completed').map((e) => e.nodeId)).toEqual([
        'brief',
      ]);
      expect(events.filter((e) => e.nodeId === 'out').map((e) => e.type)).toEqual(['node.skipped']);
      expect(
        events.filter((e) => e.nodeId === 'draft' && e.type !== 'node.token').map((e) => e.type),
      ).toEqual(['node.started', 'node.failed']);
      const seqs = events.map((e) => e.seq);
      expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
      expect(run.lastSeq).toBe(seqs.at(-1));
      expect(await fx.engine.getRun(run.id)).toEqual(run);
    } finally {
      store.finish = finish;
      store.checkpoint = checkpoint;
    }
  });
});
