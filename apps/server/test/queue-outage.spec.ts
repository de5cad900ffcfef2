/**
 * Redis stops while runs are created: the API still answers (the runs are stored in Postgres),
 * health says degraded, and once Redis is back every run finishes exactly once — no restart.
 * Needs `pnpm build` first and the machine's Postgres (skipped without it).
 */
import type { HealthView, RunView, WorkflowGraph } from '@flowpress/shared';
import { startMockOpenAI, type MockOpenAI } from '@flowpress/nodes/testing';
import { testDatabases } from './harness.js';
import { startCluster, until, type Cluster, type ServerProcess } from './queue-cluster.js';

const pipeline: WorkflowGraph = {
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
      position: { x: 200, y: 0 },
      data: { template: 'Write about {{brief.topic}}' },
    },
  ],
  edges: [{ id: 'e1', source: 'brief', target: 'draft' }],
};

const databases = await testDatabases();
const describeWithPostgres = databases.includes('postgres') ? describe : describe.skip;

describeWithPostgres('queue mode while Redis is down', () => {
  let mock: MockOpenAI;
  let cluster: Cluster;
  let api: ServerProcess;
  let headers: Record<string, string>;

  beforeAll(async () => {
    mock = await startMockOpenAI();
    cluster = await startCluster({ env: { OPENAI_BASE_URL: mock.url, OPENAI_API_KEY: 'test' } });
    api = await cluster.start('api');
    await cluster.start('worker');
    headers = await cluster.login(api);
  }, 120_000);

  afterAll(async () => {
    await cluster?.close();
    await mock?.close();
  });

  it('stores runs created meanwhile and finishes each once when Redis is back', async () => {
    const created = await fetch(`${api.base}/api/workflows`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'Outage', graph: pipeline }),
    });
    const { id: workflowId } = (await created.json()) as { id: string };

    await cluster.redis.stop();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      // Bounded: an API that waited on Redis would abort here instead of answering.
      const res = await fetch(`${api.base}/api/workflows/${workflowId}/runs`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ inputs: { topic: `outage-${i}-end` } }),
        signal: AbortSignal.timeout(2000),
      });
      expect(res.status).toBe(201);
      ids.push(((await res.json()) as { id: string }).id);
    }
    const health = (await (
      await fetch(`${api.base}/api/health`, { signal: AbortSignal.timeout(2000) })
    ).json()) as HealthView;
    expect(health.status).toBe('degraded');
    expect(health.queueStats?.error).toMatch(/queue does not answer/);

    await cluster.redis.start();
    const runs = await until(
      'every run to finish',
      async () => {
        const all = await Promise.all(
          ids.map(
            async (id) =>
              (await (await fetch(`${api.base}/api/runs/${id}`, { headers })).json()) as RunView,
          ),
        );
        return all.every((r) => r.status === 'succeeded' || r.status === 'failed')
          ? all
          : undefined;
      },
      60_000,
    );
    for (const [i, run] of runs.entries()) {
      expect(run.status).toBe('succeeded');
      const calls = mock.requests.filter(
        (r) =>
          r.path.endsWith('/chat/completions') &&
          JSON.stringify(r.body).includes(`outage-${i}-end`),
      );
      expect(calls).toHaveLength(1);
    }
  }, 120_000);
});
