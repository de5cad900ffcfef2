/**
 * The run store's fenced writes at the SQL level, on one connection: a worker whose lease was
 * taken over writes neither the run row nor any node row (the run row's own UPDATE is the fence),
 * and the hot statements are planned once per connection (their prepared statements settle on a
 * generic plan instead of being planned again on every run).
 */
import type { Pool, PoolClient } from 'pg';
import type { WorkflowGraph } from '@flowpress/shared';
import { LeaseLostError } from '../src/engine/db-errors.js';
import { newRunId, RunStore, type NodeState, type Sql } from '../src/engine/run-store.js';
import { CREATE_GROUP_SQL, FINISH_GROUP_SQL } from '../src/engine/group-statements.js';
import { startEngine, type EngineFixture } from './engine-fixture.js';
import { testDatabases } from './harness.js';

const graph: WorkflowGraph = {
  version: 1,
  nodes: [
    { id: 'brief', type: 'input', position: { x: 0, y: 0 }, data: { fields: [] } },
    { id: 'answer', type: 'prompt', position: { x: 0, y: 0 }, data: { template: 'hi' } },
    { id: 'out', type: 'template', position: { x: 0, y: 0 }, data: { template: 'x' } },
  ],
  edges: [
    { id: 'e1', source: 'brief', target: 'answer' },
    { id: 'e2', source: 'answer', target: 'out' },
  ],
};
const nodes = graph.nodes.map((n) => ({ id: n.id, type: n.type }));

const state = (nodeId: string, type: string, text: string): NodeState => ({
  nodeId,
  type,
  status: 'succeeded',
  output: { text },
  error: null,
  attempts: 1,
  usage: type === 'prompt' ? { inputTokens: 3, outputTokens: 2, totalTokens: 5, images: 0 } : null,
  round: 0,
  startedAt: new Date('2026-01-02T03:04:05.678Z'),
  finishedAt: new Date('2026-01-02T03:04:06.789Z'),
});

describe('newRunId', () => {
  it('is a version 7 UUID whose order follows the time it was made', () => {
    const ids = [
      newRunId(1_700_000_000_000),
      newRunId(1_700_000_000_001),
      newRunId(1_800_000_000_000),
    ];
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    // The first 48 bits are the milliseconds; the rest is random.
    expect(ids[0]!.replace(/-/g, '').slice(0, 12)).toBe(
      (1_700_000_000_000).toString(16).padStart(12, '0'),
    );
    expect(new Set(Array.from({ length: 1000 }, () => newRunId(5))).size).toBe(1000);
  });
});

const databases = await testDatabases();

/** The store's statements on one connection (prepared statements stay on it). */
const sqlOn = (client: PoolClient): Sql => ({
  query: async (text, params, name) =>
    (
      await client.query(
        name ? { name, text, values: params ?? [] } : { text, values: params ?? [] },
      )
    ).rows,
});

describe.each(databases)('run store fencing on %s', (database) => {
  let fx: EngineFixture;
  let client: PoolClient;
  let store: RunStore;
  let workflowId: string;

  beforeAll(async () => {
    // No provider is called: these tests drive the store, not the engine.
    fx = await startEngine(database, {});
    workflowId = await fx.addWorkflow(graph);
    client = await (fx.db.driver as unknown as { master: Pool }).master.connect();
    store = new RunStore(sqlOn(client));
  });
  afterAll(async () => {
    client?.release();
    await fx?.close();
  });

  const createClaimed = async (owner: string): Promise<string> => {
    const created = await store.createRun({
      workflowId,
      workflowVersion: 1,
      inputs: { q: 'x' },
      trigger: 'api',
      createdBy: null,
      nodes,
      claimFor: { owner, leaseMs: 60_000 },
    });
    if (!('id' in created)) throw new Error('not created');
    return created.id;
  };
  const nodeRows = async (runId: string) =>
    (
      await client.query<{ node_id: string; status: string; output: unknown; attempts: number }>(
        `SELECT node_id, status, output, attempts FROM run_nodes WHERE run_id = $1 ORDER BY node_id`,
        [runId],
      )
    ).rows;

  it('writes the node states and the run in one fenced statement', async () => {
    const runId = await createClaimed('worker-a');
    await store.checkpoint(runId, 'worker-a', [state('brief', 'input', 'q')], 3, 60_000);
    const done = await store.finish(
      runId,
      'worker-a',
      'succeeded',
      {
        error: null,
        usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5, images: 0 },
        lastSeq: 7,
      },
      [state('answer', 'prompt', 'hello'), state('out', 'template', 'hello\u0000!')],
    );
    expect(done.status).toBe('succeeded');
    expect(done.finishedAt).toBeInstanceOf(Date);
    // The id the store made (time-ordered), not the column's random default.
    expect(runId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    const view = await store.getRun(runId);
    expect(view).toMatchObject({ status: 'succeeded', lastSeq: 7 });
    expect(view!.nodes.find((n) => n.nodeId === 'brief')).toMatchObject({
      status: 'succeeded',
      output: { text: 'q' },
      attempts: 1,
      usage: null,
      startedAt: '2026-01-02T03:04:05.678Z',
      finishedAt: '2026-01-02T03:04:06.789Z',
    });
    expect(view!.nodes.find((n) => n.nodeId === 'answer')).toMatchObject({
      output: { text: 'hello' },
      usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5, images: 0 },
      error: null,
    });
    // A NUL (which jsonb cannot hold) is stripped, not a failed write.
    expect(view!.nodes.find((n) => n.nodeId === 'out')!.output).toEqual({ text: 'hello!' });
  });

  it('a worker whose lease was taken over writes nothing: no node row, no run field', async () => {
    const runId = await createClaimed('worker-a');
    // Another worker takes the run over (its lease check passes with force, as after a crash).
    expect(await store.claim(runId, 'worker-b', 60_000, true)).toMatchObject({ id: runId });
    const before = await nodeRows(runId);
    const runBefore = (await client.query(`SELECT * FROM runs WHERE id = $1`, [runId])).rows[0];

    await expect(
      store.checkpoint(runId, 'worker-a', [state('brief', 'input', 'stale')], 5, 60_000),
    ).rejects.toBeInstanceOf(LeaseLostError);
    await expect(
      store.finish(
        runId,
        'worker-a',
        'succeeded',
        {
          error: null,
          usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0, images: 0 },
          lastSeq: 9,
        },
        [state('answer', 'prompt', 'stale'), state('out', 'template', 'stale')],
      ),
    ).rejects.toBeInstanceOf(LeaseLostError);

    expect(await nodeRows(runId)).toEqual(before);
    expect(before.every((n) => n.status === 'pending')).toBe(true);
    const runAfter = (await client.query(`SELECT * FROM runs WHERE id = $1`, [runId])).rows[0];
    expect(runAfter).toEqual(runBefore);
    expect(runAfter.lease_owner).toBe('worker-b');

    // The worker holding the lease still writes.
    await store.finish(
      runId,
      'worker-b',
      'succeeded',
      {
        error: null,
        usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0, images: 0 },
        lastSeq: 4,
      },
      [state('answer', 'prompt', 'fresh')],
    );
    expect((await nodeRows(runId)).find((n) => n.node_id === 'answer')).toMatchObject({
      status: 'succeeded',
      output: { text: 'fresh' },
    });
  });

  it('plans the hot statements once per connection (generic plans, not one plan per run)', async () => {
    // A table of some size that has not been analyzed yet (a young deployment, or one between
    // autovacuum's analyses): with the former unnest() arrays, the custom plans then always
    // looked cheaper than the generic one, and the finish was planned again on every run.
    await client.query(
      `WITH r AS (
         INSERT INTO runs (workflow_id, workflow_version, status, trigger, last_seq, finished_at)
         SELECT $1, 1, 'succeeded', 'api', 1, now() FROM generate_series(1, 3000)
         RETURNING id
       )
       INSERT INTO run_nodes (run_id, node_id, type, status)
       SELECT r.id, n.id, n.type, 'succeeded' FROM r, unnest($2::text[], $3::text[]) AS n(id, type)`,
      [workflowId, nodes.map((n) => n.id), nodes.map((n) => n.type)],
    );
    const oneRun = async () => {
      const runId = await createClaimed('worker-p');
      await store.checkpoint(runId, 'worker-p', [state('brief', 'input', 'q')], 2, 60_000);
      await store.finish(
        runId,
        'worker-p',
        'succeeded',
        {
          error: null,
          usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0, images: 0 },
          lastSeq: 5,
        },
        [state('answer', 'prompt', 'a'), state('out', 'template', 'b')],
      );
    };
    const plans = async () =>
      (
        await client.query<{ name: string; generic_plans: string; custom_plans: string }>(
          `SELECT name, generic_plans, custom_plans FROM pg_prepared_statements
            WHERE name IN ('fp_create_run', 'fp_checkpoint', 'fp_finish') ORDER BY name`,
        )
      ).rows.map((p) => ({
        name: p.name,
        generic: Number(p.generic_plans),
        custom: Number(p.custom_plans),
      }));
    // Postgres plans a prepared statement's first five executions for their parameters; after
    // that it reuses the generic plan unless that one looks costlier than the custom ones.
    for (let i = 0; i < 6; i++) await oneRun();
    const before = await plans();
    for (let i = 0; i < 4; i++) await oneRun();
    const after = await plans();
    expect(after.map((p) => p.name)).toEqual(['fp_checkpoint', 'fp_create_run', 'fp_finish']);
    // Every one of the last runs' statements reused the generic plan: none was planned again.
    expect(
      after.map((p, i) => ({
        name: p.name,
        custom: p.custom - before[i]!.custom,
        generic: p.generic - before[i]!.generic,
      })),
    ).toEqual(after.map((p) => ({ name: p.name, custom: 0, generic: 4 })));
  });
});

describe.each(databases)('finishes written together on %s', (database) => {
  let fx: EngineFixture;
  let pool: Pool;
  let client: PoolClient;
  let sql: Sql;
  let workflowId: string;

  beforeAll(async () => {
    fx = await startEngine(database, {});
    workflowId = await fx.addWorkflow(graph);
    pool = (fx.db.driver as unknown as { master: Pool }).master;
    client = await pool.connect();
    sql = sqlOn(client);
  });
  afterAll(async () => {
    client?.release();
    await fx?.close();
  });

  const claimed = async (store: RunStore, owner: string): Promise<string> => {
    const created = await store.createRun({
      workflowId,
      workflowVersion: 1,
      inputs: {},
      trigger: 'api',
      createdBy: null,
      nodes,
      claimFor: { owner, leaseMs: 60_000 },
    });
    if (!('id' in created)) throw new Error('not created');
    return created.id;
  };
  const usage = { inputTokens: 1, outputTokens: 1, totalTokens: 2, images: 0 };

  it('writes what finishes meanwhile in one statement, each run fenced by its own lease', async () => {
    const store = new RunStore(sql, { groupWrites: true });
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await claimed(store, 'worker-g'));
    // The last run was taken over: its finish must write nothing, the others everything.
    const stale = ids[4]!;
    expect(await store.claim(stale, 'worker-h', 60_000, true)).toMatchObject({ id: stale });
    const outcomes = await Promise.allSettled(
      ids.map((id, i) =>
        store.finish(
          id,
          'worker-g',
          i === 1 ? 'failed' : 'succeeded',
          {
            error: i === 1 ? { message: 'answer: broke' } : null,
            usage,
            lastSeq: 10 + i,
          },
          [state('answer', 'prompt', `answer ${i}`), state('out', 'template', `out ${i}\u0000`)],
        ),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
    ]);
    expect((outcomes[4] as PromiseRejectedResult).reason).toBeInstanceOf(LeaseLostError);
    expect((outcomes[1] as PromiseFulfilledResult<{ status: string }>).value.status).toBe('failed');
    // The first went alone; the four behind it went as one statement.
    const prepared = await client.query<{ name: string }>(
      `SELECT name FROM pg_prepared_statements WHERE name IN ('fp_finish', 'fp_finish_group') ORDER BY name`,
    );
    expect(prepared.rows.map((r) => r.name)).toEqual(['fp_finish', 'fp_finish_group']);
    for (let i = 0; i < 4; i++) {
      const view = (await store.getRun(ids[i]!))!;
      expect(view).toMatchObject({
        status: i === 1 ? 'failed' : 'succeeded',
        lastSeq: 10 + i,
        usage,
        error: i === 1 ? { message: 'answer: broke' } : null,
      });
      expect(view.finishedAt).not.toBeNull();
      expect(view.nodes.find((n) => n.nodeId === 'answer')).toMatchObject({
        status: 'succeeded',
        output: { text: `answer ${i}` },
        usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5, images: 0 },
        startedAt: '2026-01-02T03:04:05.678Z',
      });
      expect(view.nodes.find((n) => n.nodeId === 'out')!.output).toEqual({ text: `out ${i}` });
      expect(view.nodes.find((n) => n.nodeId === 'brief')!.status).toBe('pending');
    }
    const untouched = (await store.getRun(stale))!;
    expect(untouched).toMatchObject({ status: 'running', lastSeq: 1, finishedAt: null });
    expect(untouched.nodes.every((n) => n.status === 'pending')).toBe(true);
  });

  it('keeps the group statement on primary keys in its generic plan, on a table of some size', async () => {
    await client.query(
      `INSERT INTO runs (workflow_id, workflow_version, status, trigger, last_seq, finished_at)
       SELECT $1, 1, 'succeeded', 'api', 1, now() FROM generate_series(1, 3000)`,
      [workflowId],
    );
    await client.query(`SET plan_cache_mode = force_generic_plan`);
    try {
      await client.query(`PREPARE fp_group_plan(jsonb, uuid[]) AS ${FINISH_GROUP_SQL}`);
      const plan = (
        await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN EXECUTE fp_group_plan('[]', '{}')`)
      ).rows
        .map((r) => r['QUERY PLAN'])
        .join('\n');
      expect(plan).not.toMatch(/Seq Scan on runs|Seq Scan on run_nodes/);
      expect(plan).toMatch(/Index Scan using runs_pkey|Bitmap Index Scan on runs_pkey/);
    } finally {
      await client.query(`DEALLOCATE fp_group_plan`).catch(() => undefined);
      await client.query(`RESET plan_cache_mode`);
    }
  });

  it('inserts what arrives meanwhile in one statement, each run checked against its own workflow', async () => {
    const store = new RunStore(sql, { groupWrites: true });
    const moved = await fx.addWorkflow(graph);
    await client.query(`UPDATE workflows SET current_version = 2 WHERE id = $1`, [moved]);
    const gone = '00000000-0000-4000-8000-000000000000';
    const input = (over: Partial<Parameters<RunStore['createRun']>[0]>) =>
      store.createRun({
        workflowId,
        workflowVersion: 1,
        inputs: { topic: 'grouped\u0000' },
        trigger: 'api',
        createdBy: null,
        nodes,
        ...over,
      });
    const [first, ...rest] = await Promise.all([
      input({}),
      input({ claimFor: { owner: 'worker-c', leaseMs: 60_000 } }),
      input({ workflowId: moved }), // its version moved on: nothing written, the current one told
      input({ workflowId: gone }), // no such workflow
      input({ trigger: 'manual', inputs: { topic: 'second' } }),
    ]);
    expect(first).toMatchObject({ claimed: null });
    const [claimedRun, stale, missing, manual] = rest;
    expect(stale).toEqual({ current: 2 });
    expect(missing).toEqual({ current: null });
    const prepared = await client.query<{ name: string }>(
      `SELECT name FROM pg_prepared_statements WHERE name = 'fp_create_group'`,
    );
    expect(prepared.rows).toHaveLength(1);
    if (!claimedRun || !('id' in claimedRun) || !manual || !('id' in manual))
      throw new Error('not created');
    expect(claimedRun.claimed).toMatchObject({
      id: claimedRun.id,
      inputs: { topic: 'grouped' },
      lastSeq: 1,
      previousStatus: 'queued',
      stored: { trigger: 'api', createdBy: null },
    });
    expect(claimedRun.claimed!.stored.startedAt).not.toBeNull();
    const claimedView = (await store.getRun(claimedRun.id))!;
    expect(claimedView).toMatchObject({ status: 'running', inputs: { topic: 'grouped' } });
    expect(claimedView.nodes.map((n) => n.nodeId).sort()).toEqual(['answer', 'brief', 'out']);
    const lease = await client.query<{ lease_owner: string }>(
      `SELECT lease_owner FROM runs WHERE id = $1`,
      [claimedRun.id],
    );
    expect(lease.rows[0]!.lease_owner).toBe('worker-c');
    const manualView = (await store.getRun(manual.id))!;
    expect(manualView).toMatchObject({
      status: 'queued',
      trigger: 'manual',
      inputs: { topic: 'second' },
      startedAt: null,
    });
    expect(manualView.nodes).toHaveLength(3);
    expect(manual.createdAt).toBeInstanceOf(Date);
    const strays = await client.query(`SELECT 1 FROM runs WHERE workflow_id = ANY($1::uuid[])`, [
      [moved, gone],
    ]);
    expect(strays.rows).toHaveLength(0);
  });

  it('keeps the insert group on the workflows primary key in its generic plan', async () => {
    await client.query(
      `INSERT INTO workflows (name, current_version, graph)
       SELECT 'bulk ' || g, 1, '{}'::jsonb FROM generate_series(1, 3000) g`,
    );
    await client.query(`SET plan_cache_mode = force_generic_plan`);
    try {
      await client.query(`PREPARE fp_create_plan(jsonb, uuid[]) AS ${CREATE_GROUP_SQL}`);
      const plan = (
        await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN EXECUTE fp_create_plan('[]', '{}')`)
      ).rows
        .map((r) => r['QUERY PLAN'])
        .join('\n');
      expect(plan).not.toMatch(/Seq Scan on workflows/);
    } finally {
      await client.query(`DEALLOCATE fp_create_plan`).catch(() => undefined);
      await client.query(`RESET plan_cache_mode`);
    }
  });

  it('renews leases without waiting for a row being written (it skips that run)', async () => {
    const store = new RunStore(sql);
    const busy = await claimed(store, 'worker-r');
    const free = await claimed(store, 'worker-r');
    const leaseOf = async (id: string) =>
      (
        await client.query<{ until: Date }>(`SELECT lease_until AS until FROM runs WHERE id = $1`, [
          id,
        ])
      ).rows[0]!.until.getTime();
    const [busyBefore, freeBefore] = [await leaseOf(busy), await leaseOf(free)];
    const other = await pool.connect();
    try {
      await other.query('BEGIN');
      await other.query(`SELECT 1 FROM runs WHERE id = $1 FOR UPDATE`, [busy]);
      await new Promise((r) => setTimeout(r, 20));
      await store.renewLeases('worker-r', 600_000);
      expect(await leaseOf(free)).toBeGreaterThan(freeBefore);
      expect(await leaseOf(busy)).toBe(busyBefore);
    } finally {
      await other.query('ROLLBACK');
      other.release();
    }
  });
});
