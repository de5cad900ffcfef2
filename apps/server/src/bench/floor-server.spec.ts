import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { startMockOpenAI, type MockOpenAI } from '@flowpress/nodes/testing';
import { createThrowawayDatabase, dropThrowawayDatabase } from '../../test/harness.js';
import { client, runOnce } from './workloads.js';
import { freePort } from './ports.js';

// The floor the bench compares workload 1 against must do the same work as the server, or the
// comparison means nothing: one model call, the run and its three nodes written, a `succeeded`
// answer in the shape `runOnce` checks. Runs the built file (the suite builds first).
const FLOOR = path.resolve(import.meta.dirname, '../../dist/bench/floor-server.js');

describe('bench floor server', () => {
  let mock: MockOpenAI;
  let databaseUrl: string;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    mock = await startMockOpenAI();
    databaseUrl = await createThrowawayDatabase();
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)));
    await dropThrowawayDatabase(databaseUrl);
    await mock.close();
  });

  async function start(statements: number): Promise<string> {
    const port = await freePort();
    const child = spawn(process.execPath, [FLOOR], {
      env: { ...process.env, DATABASE_URL: databaseUrl, OPENAI_BASE_URL: mock.url, PORT: String(port), FLOOR_STATEMENTS: String(statements) },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(child);
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 500; i++) {
      if (child.exitCode !== null) throw new Error(`floor server exited with ${child.exitCode}`);
      const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
      if (ok) return base;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('floor server did not answer');
  }

  it.each([3, 2])('with %i statements: calls the model once, writes the run and its nodes, answers succeeded', async (statements) => {
    const base = await start(statements);
    const before = mock.requests.length;
    const answer = await runOnce(client(base, 'floor'), 'floor', 'solar panels');
    expect(mock.requests.length - before).toBe(1);
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const run = await db.query<{ status: string; output: { text: string } }>('SELECT status, output FROM floor_runs WHERE id = $1', [answer.id]);
      expect(run.rows[0]?.status).toBe('succeeded');
      expect(run.rows[0]?.output.text).toContain('Mock reply');
      const nodes = await db.query<{ node_id: string; status: string }>('SELECT node_id, status FROM floor_nodes WHERE run_id = $1 ORDER BY node_id', [answer.id]);
      expect(nodes.rows).toEqual([
        { node_id: 'answer', status: 'completed' },
        { node_id: 'brief', status: 'completed' },
        { node_id: 'out', status: 'completed' },
      ]);
    } finally {
      await db.end();
    }
  });
});
