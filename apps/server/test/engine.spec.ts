import { readFileSync, writeFileSync } from 'node:fs';
import type { RunEvent, WorkflowGraph } from '@flowpress/shared';
import { startMockOpenAI } from '@flowpress/nodes/testing';
import { startEngine, type EngineFixture } from './engine-fixture.js';
import { testDatabases } from './harness.js';

type Mock = Awaited<ReturnType<typeof startMockOpenAI>>;

const input = { id: 'brief', type: 'input', position: { x: 0, y: 0 }, data: { fields: [{ name: 'topic', type: 'text', required: true }] } };
const prompt = (id: string, template: string, extra: Record<string, unknown> = {}) => ({
  id,
  type: 'prompt',
  position: { x: 0, y: 0 },
  data: { template, ...extra },
});
const edge = (source: string, target: string, sourceHandle?: string) => ({
  id: `${source}-${target}${sourceHandle ? `-${sourceHandle}` : ''}`,
  source,
  target,
  ...(sourceHandle ? { sourceHandle } : {}),
});
const graph = (nodes: WorkflowGraph['nodes'], edges: WorkflowGraph['edges']): WorkflowGraph => ({ version: 1, nodes, edges });

const databases = await testDatabases();
const RETRIED_RUN_FIXTURE = new URL('../../web/src/realtime/__fixtures__/retried-run.events.json', import.meta.url);

describe.each(databases)('engine on %s', (database) => {
  let mock: Mock;
  let fx: EngineFixture;

  beforeAll(async () => {
    // 10 ms per token and ~40 tokens a reply: slow enough to see overlap and cancel mid-stream.
    mock = await startMockOpenAI({
      tokenDelayMs: 10,
      reply: (request) => {
        const last = request.messages.at(-1);
        const text = typeof last?.content === 'string' ? last.content : 'draft';
        return Array.from({ length: 40 }, (_, i) => text.split(/\s+/)[i % 3] ?? 'word').join(' ');
      },
    });
    fx = await startEngine(database, { baseURL: mock.url });
  });
  afterAll(async () => {
    await fx?.close();
    await mock?.close();
  });
  it('streams tokens that concatenate to the output, with contiguous seq', async () => {
    const id = await fx.addWorkflow(graph([input, prompt('draft', 'Write about {{brief.topic}}')], [edge('brief', 'draft')]));
    const run = await fx.run(id, { topic: 'solar kettles' });
    expect(run.status).toBe('succeeded');
    const events = fx.eventsOf(run.id);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(run.lastSeq).toBe(events.length);
    const tokens = events.filter((e) => e.type === 'node.token' && e.nodeId === 'draft').map((e) => (e.data as { text: string }).text);
    expect(tokens.length).toBeGreaterThan(1);
    const draft = run.nodes.find((n) => n.nodeId === 'draft')!;
    expect(tokens.join('')).toBe(draft.output?.['text']);
    expect(draft.usage?.totalTokens).toBeGreaterThan(0);
    expect(run.usage.totalTokens).toBe(draft.usage?.totalTokens);
    expect(events[0]!.type).toBe('run.queued');
    expect(events.at(-1)!.type).toBe('run.succeeded');
  });

  it('runs independent branches in parallel', async () => {
    {
      const id = await fx.addWorkflow(
        graph(
          [input, prompt('a', 'Branch A about {{brief.topic}}'), prompt('b', 'Branch B about {{brief.topic}}'), { id: 'join', type: 'template', position: { x: 0, y: 0 }, data: { template: '{{a.text}}\n{{b.text}}' } }],
          [edge('brief', 'a'), edge('brief', 'b'), edge('a', 'join'), edge('b', 'join')],
        ),
      );
      const run = await fx.run(id, { topic: 'tea' });
      expect(run.status).toBe('succeeded');
      const a = run.nodes.find((n) => n.nodeId === 'a')!;
      const b = run.nodes.find((n) => n.nodeId === 'b')!;
      expect(new Date(a.startedAt!).getTime()).toBeLessThan(new Date(b.finishedAt!).getTime());
      expect(new Date(b.startedAt!).getTime()).toBeLessThan(new Date(a.finishedAt!).getTime());
      const join = run.nodes.find((n) => n.nodeId === 'join')!;
      expect(join.output?.['text']).toBe(`${a.output?.['text']}\n${b.output?.['text']}`);
    }
  });

  it('retries a 429 (honouring retry-after) and succeeds', async () => {
    const id = await fx.addWorkflow(graph([input, prompt('draft', 'Retry me {{brief.topic}}')], [edge('brief', 'draft')]));
    mock.script({ status: 429, retryAfter: 0 });
    const run = await fx.run(id, { topic: 'rate limits' });
    expect(run.status).toBe('succeeded');
    const draft = run.nodes.find((n) => n.nodeId === 'draft')!;
    expect(draft.attempts).toBe(2);
    const events = fx.eventsOf(run.id);
    const retrying = events.filter((e) => e.type === 'node.retrying');
    expect(retrying).toHaveLength(1);
    expect(retrying[0]).toMatchObject({ nodeId: 'draft', data: { attempt: 2, maxAttempts: 3 } });
    // The web run view's reducer is tested on this run's events as recorded: the recording must
    // still be what the server sends (RECORD_RUN_EVENTS=1 writes it afresh).
    const recorded = events.map((e) => ({ ...e, runId: 'r1', at: '2026-01-01T00:00:00.000Z' }));
    if (process.env['RECORD_RUN_EVENTS'] === '1') writeFileSync(RETRIED_RUN_FIXTURE, `${JSON.stringify(recorded, null, 2)}\n`);
    const fixture = JSON.parse(readFileSync(RETRIED_RUN_FIXTURE, 'utf8')) as RunEvent[];
    const shape = (list: RunEvent[]) =>
      list.filter((e) => e.type !== 'node.token').map((e) => [e.type, e.nodeId ?? null, Object.keys(e.data ?? {}).sort()]);
    expect(shape(recorded)).toEqual(shape(fixture));
  });

  it('fails clearly when a call hangs past the node timeout', async () => {
    const id = await fx.addWorkflow(
      graph(
        [input, { ...prompt('draft', 'Hang {{brief.topic}}'), settings: { timeoutMs: 400, maxAttempts: 1 } }, { id: 'after', type: 'template', position: { x: 0, y: 0 }, data: { template: '{{draft.text}}' } }],
        [edge('brief', 'draft'), edge('draft', 'after')],
      ),
    );
    mock.script({ hang: true });
    const run = await fx.run(id, { topic: 'x' });
    expect(run.status).toBe('failed');
    const draft = run.nodes.find((n) => n.nodeId === 'draft')!;
    expect(draft.status).toBe('failed');
    expect(draft.error?.message).toMatch(/timed out/i);
    expect(run.error?.message).toMatch(/draft/);
    expect(run.nodes.find((n) => n.nodeId === 'after')!.status).toBe('skipped');
    const failed = fx.eventsOf(run.id).find((e) => e.type === 'node.failed');
    expect(failed?.nodeId).toBe('draft');
  });

  it('cancel aborts a run mid-stream', async () => {
    {
      const id = await fx.addWorkflow(graph([input, prompt('draft', 'A long essay on {{brief.topic}}')], [edge('brief', 'draft')]));
      let runId = '';
      const done = fx.run(id, { topic: 'patience' }, { onStart: (r) => (runId = r) });
      await new Promise<void>((resolve) => {
        const off = fx.bus.onRunEvent((e) => {
          if (e.runId === runId && e.type === 'node.token') {
            off();
            resolve();
          }
        });
      });
      const t0 = Date.now();
      expect(fx.engine.orchestrator.cancelLocal(runId)).toBe(true);
      const run = await done;
      expect(Date.now() - t0).toBeLessThan(2000);
      expect(run.status).toBe('canceled');
      expect(run.nodes.find((n) => n.nodeId === 'draft')!.status).toBe('canceled');
      expect(fx.eventsOf(run.id).at(-1)!.type).toBe('run.canceled');
    }
  });

  it('fails with the validation message when structured output does not match', async () => {
    const schema = { type: 'object', properties: { title: { type: 'string' }, score: { type: 'number' } }, required: ['title', 'score'] };
    const id = await fx.addWorkflow(graph([input, prompt('draft', 'JSON about {{brief.topic}}', { outputSchema: schema })], [edge('brief', 'draft')]));
    mock.script({ json: { title: 'ok', score: 'not a number' } });
    const run = await fx.run(id, { topic: 'json' });
    expect(run.status).toBe('failed');
    const draft = run.nodes.find((n) => n.nodeId === 'draft')!;
    expect(draft.error?.message).toMatch(/score/);
    expect(draft.attempts).toBe(1);
  });

  it('takes a run up again after a checkpoint fails, and finishes it', async () => {
    // A second prompt after the draft: the draft's checkpoint is a statement of its own (a prompt
    // followed only by deferrable steps is held for the finish, docs/adr/0004).
    const id = await fx.addWorkflow(
      graph([input, prompt('draft', 'Checkpoint {{brief.topic}}'), prompt('polish', 'Polish {{draft.text}}')], [edge('brief', 'draft'), edge('draft', 'polish')]),
    );
    const store = fx.engine.store;
    const original = store.checkpoint.bind(store);
    let calls = 0;
    store.checkpoint = async (...args: Parameters<typeof original>) => {
      if (calls++ === 0) throw new Error('connection lost');
      return original(...args);
    };
    try {
      const run = await fx.run(id, { topic: 'resilience' });
      expect(run.status).toBe('succeeded');
      expect(calls).toBeGreaterThan(1);
      const events = fx.eventsOf(run.id);
      expect(events.filter((e) => e.type === 'run.resumed')).toHaveLength(1);
      // The second pass jumps its seq so nobody mistakes new events for ones already seen.
      const seqs = events.map((e) => e.seq);
      expect(new Set(seqs).size).toBe(seqs.length);
    } finally {
      store.checkpoint = original;
    }
  }, 20_000);

  it('skips the branch a condition does not take, and everything only it feeds', async () => {
    const id = await fx.addWorkflow(
      graph(
        [
          input,
          { id: 'check', type: 'condition', position: { x: 0, y: 0 }, data: { when: 'contains', value: 'launch', input: '{{brief.topic}}' } },
          { id: 'yes', type: 'template', position: { x: 0, y: 0 }, data: { template: 'launch!' } },
          { id: 'no', type: 'template', position: { x: 0, y: 0 }, data: { template: 'no launch' } },
          { id: 'noMore', type: 'template', position: { x: 0, y: 0 }, data: { template: '{{no.text}}' } },
        ],
        [edge('brief', 'check'), edge('check', 'yes', 'true'), edge('check', 'no', 'false'), edge('no', 'noMore')],
      ),
    );
    const run = await fx.run(id, { topic: 'product launch' });
    expect(run.status).toBe('succeeded');
    const status = Object.fromEntries(run.nodes.map((n) => [n.nodeId, n.status]));
    expect(status).toMatchObject({ check: 'succeeded', yes: 'succeeded', no: 'skipped', noMore: 'skipped' });
  });
});
