/**
 * Regression guard for issue #13's "fewer statements per run": counts the SQL statements the
 * engine sends through its pg pool for one input → prompt → template run answered the way
 * `POST /runs?wait=true` answers it. A new statement on the hot path makes this fail on purpose.
 */
import type { Pool } from 'pg';
import type { WorkflowGraph } from '@flowpress/shared';
import { startMockOpenAI } from '@flowpress/nodes/testing';
import { startEngine, type EngineFixture } from './engine-fixture.js';
import { testDatabases } from './harness.js';

const graph: WorkflowGraph = {
  version: 1,
  nodes: [
    {
      id: 'brief',
      type: 'input',
      position: { x: 0, y: 0 },
      data: { fields: [{ name: 'question', type: 'text', required: true }] },
    },
    {
      id: 'answer',
      type: 'prompt',
      position: { x: 0, y: 0 },
      data: { template: 'Answer briefly: {{brief.question}}' },
    },
    {
      id: 'out',
      type: 'template',
      position: { x: 0, y: 0 },
      data: { template: '{{answer.text}}' },
    },
  ],
  edges: [
    { id: 'e1', source: 'brief', target: 'answer' },
    { id: 'e2', source: 'answer', target: 'out' },
  ],
};

const databases = await testDatabases();

describe.each(databases)('statements per run on %s', (database) => {
  let mock: Awaited<ReturnType<typeof startMockOpenAI>>;
  let fx: EngineFixture;
  let statements: string[] = [];
  let params: unknown[][] = [];
  let committed = 0;
  /** Nodes a committed statement stored as succeeded. */
  const storedSucceeded = new Set<string>();
  /** Runs before a statement's answer reaches the engine (to hold one back). */
  let beforeAnswer: ((kind: string, values: unknown[]) => Promise<void>) | null = null;
  /** Which engine statement a text is: insert, checkpoint or finish (others by their first words). */
  const kind = (text: string): string =>
    /^\s*WITH w AS/.test(text)
      ? 'insert'
      : /UPDATE runs r SET last_seq = GREATEST/.test(text)
        ? 'checkpoint'
        : /^\s*WITH r AS \(\s*UPDATE runs r SET\s+status =/.test(text)
          ? 'finish'
          : text.trim().split(/\s+/).slice(0, 3).join(' ');

  /** The node states a checkpoint or finish writes: its $2, a JSON array (run-store.ts `nodeRows`). */
  const nodesOf = (values: unknown[]): { ids: string[]; statuses: string[] } => {
    const rows = JSON.parse(values[1] as string) as { node_id: string; status: string }[];
    return { ids: rows.map((r) => r.node_id), statuses: rows.map((r) => r.status) };
  };

  beforeAll(async () => {
    mock = await startMockOpenAI({ reply: () => 'Hello there.' });
    fx = await startEngine(database, { baseURL: mock.url });
    // Every engine statement goes through the pool's `query` (sql.ts); count them there.
    const pool = (fx.db.driver as unknown as { master: Pool }).master;
    const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
    (pool as unknown as { query: (...args: unknown[]) => unknown }).query = (
      ...args: unknown[]
    ) => {
      const first = args[0];
      const text = typeof first === 'string' ? first : (first as { text: string }).text;
      const values = typeof first === 'string' ? args[1] : (first as { values?: unknown }).values;
      statements.push(text);
      params.push(Array.isArray(values) ? values : []);
      const result = query(...args) as Promise<unknown> | undefined;
      if (!result || typeof result.then !== 'function') return result;
      // Counted once the database answered: the statement committed (each is its own transaction).
      return result.then(async (rows) => {
        await beforeAnswer?.(kind(text), Array.isArray(values) ? values : []);
        committed++;
        if (Array.isArray(values) && ['checkpoint', 'finish'].includes(kind(text))) {
          const { ids, statuses } = nodesOf(values);
          ids.forEach((id, i) => statuses[i] === 'succeeded' && storedSucceeded.add(id));
        }
        return rows;
      });
    };
  });
  afterAll(async () => {
    await fx?.close();
    await mock?.close();
  });

  it('a 3-node run answered with its final state issues 2 statements once the version is cached', async () => {
    const id = await fx.addWorkflow(graph);
    const first = await fx.engine.submitAndWait(
      id,
      { question: 'hi?' },
      { trigger: 'api', createdBy: null },
      60_000,
    );
    expect(first.done).toBe(true);
    expect(first.run.status).toBe('succeeded');

    statements = [];
    params = [];
    committed = 0;
    // How many statements had committed when each node.completed went out.
    const completedAfter: Record<string, number> = {};
    const off = fx.bus.onRunEvent((e) => {
      if (e.type === 'node.completed') completedAfter[e.nodeId!] = committed;
    });
    const { run, done } = await fx.engine
      .submitAndWait(id, { question: 'hi?' }, { trigger: 'api', createdBy: null }, 60_000)
      .finally(off);
    expect(done).toBe(true);
    expect(run.status).toBe('succeeded');
    // The prompt's completion (and the template's after it) is announced only once the finish
    // that stores it committed; the input's (deferrable, re-run after a crash) goes out at once.
    expect(completedAfter).toEqual({ brief: 1, answer: 2, out: 2 });
    // The insert (checks the cached version and claims the run for this worker in the same
    // statement) and the finish, carrying the prompt's held checkpoint and the deferred
    // input/template states. No read of the version, no separate claim, no checkpoint of its
    // own for the prompt (only deferrable steps follow it), no read before or after the wait.
    expect(statements.map(kind)).toEqual(['insert', 'finish']);
    // The node states the finish writes (its $2): all three nodes, succeeded.
    expect(nodesOf(params[1]!).ids).toEqual(expect.arrayContaining(['brief', 'answer', 'out']));
    expect(nodesOf(params[1]!).statuses).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(statements.some((s) => /^\s*SELECT current_version/.test(s))).toBe(false);
    expect(statements.some((s) => /FROM runs r WHERE r\.id = \$1/.test(s))).toBe(false);
  });

  it("writes a prompt's checkpoint on its own when a non-deferrable step follows it", async () => {
    const chain: WorkflowGraph = {
      version: 1,
      nodes: [
        ...graph.nodes.slice(0, 2),
        {
          id: 'polish',
          type: 'prompt',
          position: { x: 0, y: 0 },
          data: { template: 'Polish: {{answer.text}}' },
        },
        {
          id: 'out',
          type: 'template',
          position: { x: 0, y: 0 },
          data: { template: '{{polish.text}}' },
        },
      ],
      edges: [
        { id: 'e1', source: 'brief', target: 'answer' },
        { id: 'e2', source: 'answer', target: 'polish' },
        { id: 'e3', source: 'polish', target: 'out' },
      ],
    };
    const id = await fx.addWorkflow(chain);
    await fx.engine.submitAndWait(
      id,
      { question: 'warm' },
      { trigger: 'api', createdBy: null },
      60_000,
    );
    statements = [];
    params = [];
    committed = 0;
    const completedAt: number[] = [];
    const off = fx.bus.onRunEvent((e) => {
      if (e.type === 'node.completed' && e.nodeId === 'answer') completedAt.push(committed);
    });
    try {
      const { run } = await fx.engine.submitAndWait(
        id,
        { question: 'chain?' },
        { trigger: 'api', createdBy: null },
        60_000,
      );
      expect(run.status).toBe('succeeded');
      expect(run.nodes.map((n) => n.status)).toEqual([
        'succeeded',
        'succeeded',
        'succeeded',
        'succeeded',
      ]);
    } finally {
      off();
    }
    // The first prompt's checkpoint is its own statement (the second prompt is not deferrable,
    // so the next write is not the finish); the second prompt's is held for the finish.
    expect(statements.map(kind)).toEqual(['insert', 'checkpoint', 'finish']);
    const { ids, statuses } = nodesOf(params[1]!);
    expect(ids).toEqual(expect.arrayContaining(['brief', 'answer']));
    expect(ids).not.toContain('polish');
    expect(statuses[ids.indexOf('answer')]).toBe('succeeded');
    const finished = nodesOf(params[2]!).ids;
    expect(finished).toEqual(expect.arrayContaining(['polish', 'out']));
    expect(finished).not.toContain('answer');
    // Its node.completed went out once that checkpoint committed, before the finish.
    expect(completedAt).toEqual([2]);
  });

  it('announces a prompt completing during another write only after a statement stored it', async () => {
    // The condition settles at once and its dead branch is skipped by a checkpoint; the prompt
    // beside it completes while that checkpoint is on its way. That write does not carry the
    // prompt, so its commit must not announce it (nor may the prompt be held behind it).
    const forked: WorkflowGraph = {
      version: 1,
      nodes: [
        graph.nodes[0]!,
        graph.nodes[1]!,
        {
          id: 'check',
          type: 'condition',
          position: { x: 0, y: 0 },
          data: { when: 'contains', value: 'never', input: '{{brief.question}}' },
        },
        { id: 'yes', type: 'template', position: { x: 0, y: 0 }, data: { template: 'y' } },
        { id: 'no', type: 'template', position: { x: 0, y: 0 }, data: { template: 'n' } },
      ],
      edges: [
        { id: 'e1', source: 'brief', target: 'answer' },
        { id: 'e2', source: 'brief', target: 'check' },
        { id: 'e3', source: 'check', target: 'yes', sourceHandle: 'true' },
        { id: 'e4', source: 'check', target: 'no', sourceHandle: 'false' },
      ],
    };
    const id = await fx.addWorkflow(forked);
    const before = mock.requests.length;
    storedSucceeded.clear();
    // The skip's checkpoint answers only once the model was asked, and a moment later.
    beforeAnswer = async (what, values) => {
      if (what !== 'checkpoint' || !nodesOf(values).statuses.includes('skipped')) return;
      while (mock.requests.length === before) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, 100));
    };
    const announcedStored: boolean[] = [];
    const off = fx.bus.onRunEvent((e) => {
      if (e.type === 'node.completed' && e.nodeId === 'answer')
        announcedStored.push(storedSucceeded.has('answer'));
    });
    try {
      const { run } = await fx.engine.submitAndWait(
        id,
        { question: 'fork?' },
        { trigger: 'api', createdBy: null },
        60_000,
      );
      expect(run.status).toBe('succeeded');
      const status = Object.fromEntries(run.nodes.map((n) => [n.nodeId, n.status]));
      expect(status).toEqual({
        brief: 'succeeded',
        answer: 'succeeded',
        check: 'succeeded',
        yes: 'skipped',
        no: 'succeeded',
      });
    } finally {
      off();
      beforeAnswer = null;
    }
    expect(announcedStored).toEqual([true]);
  });

  it('answers with exactly what a later read of the run returns', async () => {
    const id = await fx.addWorkflow(graph);
    const { run } = await fx.engine.submitAndWait(
      id,
      { question: 'same?' },
      { trigger: 'api', createdBy: null },
      60_000,
    );
    const stored = await fx.engine.getRun(run.id);
    expect(run).toEqual(stored);
    expect(run.nodes.map((n) => n.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(run.nodes[2]!.output).toEqual({ text: 'Hello there.' });
  });

  it('a run of a version saved after the cache was filled pins the new version', async () => {
    const id = await fx.addWorkflow(graph);
    await fx.engine.submitAndWait(
      id,
      { question: 'v1' },
      { trigger: 'api', createdBy: null },
      60_000,
    );
    // A save from anywhere (another process too): the cached guess is checked by the insert.
    const v2 = {
      ...graph,
      nodes: graph.nodes.map((n) =>
        n.id === 'out' ? { ...n, data: { template: 'v2: {{answer.text}}' } } : n,
      ),
    };
    await fx.db.query(
      `INSERT INTO workflow_versions (workflow_id, version, graph, name) VALUES ($1, 2, $2::jsonb, 'test')`,
      [id, JSON.stringify(v2)],
    );
    await fx.db.query(`UPDATE workflows SET current_version = 2 WHERE id = $1`, [id]);
    const { run } = await fx.engine.submitAndWait(
      id,
      { question: 'v2' },
      { trigger: 'api', createdBy: null },
      60_000,
    );
    expect(run.workflowVersion).toBe(2);
    expect(run.nodes.find((n) => n.nodeId === 'out')!.output).toEqual({ text: 'v2: Hello there.' });
  });

  it('a deleted workflow is not found even while its version is cached', async () => {
    const id = await fx.addWorkflow(graph);
    await fx.engine.submitAndWait(
      id,
      { question: 'x' },
      { trigger: 'api', createdBy: null },
      60_000,
    );
    await fx.db.query(`UPDATE workflows SET deleted_at = now() WHERE id = $1`, [id]);
    await expect(
      fx.engine.submit(id, { question: 'x' }, { trigger: 'api', createdBy: null }),
    ).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('a run inserted claimed and canceled before its job starts ends canceled, never executed', async () => {
    const id = await fx.addWorkflow(graph);
    const { engine } = fx;
    const version = (await engine.store.currentVersion(id))!;
    const created = await engine.store.createRun({
      workflowId: id,
      workflowVersion: version,
      inputs: { question: 'cancel me' },
      trigger: 'api',
      createdBy: null,
      nodes: graph.nodes.map((n) => ({ id: n.id, type: n.type })),
      claimFor: (await engine.orchestrator.claimsOnInsert())!,
    });
    if (!('claimed' in created) || !created.claimed) throw new Error('expected a claimed insert');
    engine.orchestrator.adopt(created.claimed);
    // The cancel finds the run `running` (inserted claimed), so it asks the worker to stop;
    // the job is handed over only once that request went out.
    const asked = new Promise<void>((resolve) => {
      const off = fx.bus.onCancel((runId) => {
        if (runId !== created.id) return;
        off();
        resolve();
      });
    });
    const canceled = engine.cancel(created.id);
    await asked;
    await fx.queue.enqueue({ runId: created.id });
    const run = await canceled;
    expect(run.status).toBe('canceled');
    expect(run.nodes.every((n) => n.attempts === 0)).toBe(true);
    expect(fx.eventsOf(created.id).some((e) => e.type === 'node.started')).toBe(false);
  });
});
