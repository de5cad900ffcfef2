/**
 * Kills the built server with SIGKILL in the middle of a run and starts it again on the same
 * data: the run finishes from its checkpoints, and nodes that had completed are not run again.
 * Needs `pnpm build` first (the root `pnpm test` builds before testing).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { RunView, WorkflowGraph } from '@flowpress/shared';
import { startMockOpenAI, type MockOpenAI } from '@flowpress/nodes/testing';
import { createThrowawayDatabase, dropThrowawayDatabase, seedNativeCluster, testDatabases } from './harness.js';
import { SERVER_MAIN as MAIN } from './server-main.js';
import { freePort } from '../src/bench/ports.js';

const ADMIN = { email: 'crash@flowpress.test', password: 'crash-test-password' };

const graph: WorkflowGraph = {
  version: 1,
  nodes: [
    { id: 'brief', type: 'input', position: { x: 0, y: 0 }, data: { fields: [{ name: 'topic', type: 'text', required: true }] } },
    { id: 'outline', type: 'prompt', position: { x: 200, y: 0 }, data: { template: 'Outline for {{brief.topic}}' } },
    { id: 'draft', type: 'prompt', position: { x: 400, y: 0 }, data: { template: 'Draft from {{outline.text}}' } },
    { id: 'final', type: 'template', position: { x: 600, y: 0 }, data: { template: '{{draft.text}}' } },
  ],
  edges: [
    { id: 'e1', source: 'brief', target: 'outline' },
    { id: 'e2', source: 'outline', target: 'draft' },
    { id: 'e3', source: 'draft', target: 'final' },
  ],
};

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await fn().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function startServer(env: Record<string, string>, port: number): ChildProcess {
  return spawn(process.execPath, [MAIN], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

const databases = await testDatabases();

describe.each(databases)('crash recovery on %s', (database) => {
  let mock: MockOpenAI;
  let dataDir: string;
  let env: Record<string, string>;
  let dropDatabase: (() => Promise<void>) | undefined;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`pnpm build\` before the server tests`);
    mock = await startMockOpenAI();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'flowpress-crash-'));
    env = {
      FLOWPRESS_DATA_DIR: dataDir,
      FLOWPRESS_ADMIN_EMAIL: ADMIN.email,
      FLOWPRESS_ADMIN_PASSWORD: ADMIN.password,
      OPENAI_BASE_URL: mock.url,
      OPENAI_API_KEY: 'test',
    };
    // A copy of the harness's initdb'd cluster: the first start then skips initdb (seconds of CPU).
    if (database === 'embedded') await seedNativeCluster(dataDir);
    if (database === 'postgres') {
      const url = await createThrowawayDatabase();
      env['DATABASE_URL'] = url;
      env['FLOWPRESS_SECRET_KEY'] = randomBytes(24).toString('base64');
      dropDatabase = () => dropThrowawayDatabase(url);
    }
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await mock?.close();
    await dropDatabase?.();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes the run after SIGKILL without re-running completed nodes', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const first = startServer(env, port);
    children.push(first);
    await until('the first server', async () => ((await fetch(`${base}/api/health`)).ok ? true : undefined));

    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
    const { token } = (await login.json()) as { token: string };
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const wf = await fetch(`${base}/api/workflows`, { method: 'POST', headers, body: JSON.stringify({ name: 'Crash', graph }) });
    const { id: workflowId } = (await wf.json()) as { id: string };

    // The outline answers; the draft hangs, so the process dies with the draft in flight.
    mock.script({ reply: 'An outline in three parts' }, { hang: true });
    const created = await fetch(`${base}/api/workflows/${workflowId}/runs`, { method: 'POST', headers, body: JSON.stringify({ inputs: { topic: 'resilience' } }) });
    const { id: runId } = (await created.json()) as { id: string };
    const chats = () => mock.requests.filter((r) => r.path.endsWith('/chat/completions')).length;
    await until('the draft call', async () => (chats() === 2 ? true : undefined));

    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));

    const second = startServer(env, port);
    children.push(second);
    await until('the second server', async () => ((await fetch(`${base}/api/health`)).ok ? true : undefined));
    const run = await until('the run to finish', async () => {
      const res = await fetch(`${base}/api/runs/${runId}`, { headers });
      const body = (await res.json()) as RunView;
      return body.status === 'succeeded' || body.status === 'failed' ? body : undefined;
    });

    expect(run.status).toBe('succeeded');
    const byId = Object.fromEntries(run.nodes.map((n) => [n.nodeId, n]));
    expect(byId['outline']!.attempts).toBe(1);
    expect(byId['outline']!.output?.['text']).toBe('An outline in three parts');
    expect(byId['final']!.output?.['text']).toBe(byId['draft']!.output?.['text']);
    // outline once, draft twice (the killed call and the resumed one): nothing completed re-ran.
    expect(chats()).toBe(3);
    second.kill('SIGTERM');
    await new Promise((r) => second.once('exit', r));
    expect(second.exitCode === 0 || second.signalCode === 'SIGTERM').toBe(true);
  }, 90_000);
});
