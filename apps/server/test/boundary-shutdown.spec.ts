/**
 * Shutdown has an upper bound (issue 9, item 6): SIGTERM to the built server while a
 * `?wait=true` long-poll (timeoutMs 10 min) is pending answers it at once with 202 and the run
 * as it stands, closes sockets, and the process exits on its own (code 0) well before the
 * long-poll's timeout, within FLOWPRESS_SHUTDOWN_TIMEOUT_MS.
 * Needs `pnpm build` first (like crash-recovery.spec.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io } from 'socket.io-client';
import type { RunView, WorkflowGraph } from '@flowpress/shared';
import { startMockOpenAI, type MockOpenAI } from '@flowpress/nodes/testing';
import { SERVER_MAIN as MAIN, waitHealthy } from './server-main.js';
import { freePort } from '../src/bench/ports.js';

const ADMIN = { email: 'shutdown@flowpress.test', password: 'shutdown-test-password' };

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

describe('shutdown with a pending long-poll (pglite)', () => {
  let mock: MockOpenAI;
  let dataDir: string;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`pnpm build\` first`);
    // The model answers very slowly: the run cannot finish before the shutdown.
    mock = await startMockOpenAI({ reply: () => 'slow '.repeat(2000).trim(), tokenDelayMs: 50 });
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'flowpress-shutdown-'));
  });
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await mock?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers the long-poll with 202, closes sockets and exits cleanly', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const started = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        FLOWPRESS_DATA_DIR: dataDir,
        FLOWPRESS_ADMIN_EMAIL: ADMIN.email,
        FLOWPRESS_ADMIN_PASSWORD: ADMIN.password,
        FLOWPRESS_ALLOW_PRIVATE_NETWORK: 'true',
        FLOWPRESS_SHUTDOWN_TIMEOUT_MS: '10000',
        OPENAI_BASE_URL: mock.url,
        OPENAI_API_KEY: 'test',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child = started;
    let stderr = '';
    started.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) =>
      started.once('exit', (code) => resolve(code)),
    );
    await waitHealthy(url, started);

    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const { token } = (await login.json()) as { token: string };
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const created = await fetch(`${url}/api/workflows`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ name: 'Slow', graph }),
    });
    const workflow = (await created.json()) as { id: string };

    const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const socketClosed = new Promise<string>((resolve) => socket.once('disconnect', resolve));

    const longPoll = fetch(`${url}/api/workflows/${workflow.id}/runs?wait=true&timeoutMs=600000`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ inputs: { topic: 'patience' } }),
    });
    // Shut down once the run is under way (the model has been asked).
    for (let i = 0; i < 200 && mock.requests.length === 0; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(mock.requests.length).toBeGreaterThan(0);
    started.kill('SIGTERM');

    const res = await longPoll;
    expect(res.status).toBe(202);
    const run = (await res.json()) as RunView;
    expect(['queued', 'running']).toContain(run.status);
    expect(await socketClosed).toBe('io server disconnect');
    // stderr in the comparison: on failure it shows what the server said.
    expect({ code: await exited, stderr }).toEqual({ code: 0, stderr: expect.any(String) });
    expect(stderr).not.toMatch(/did not finish within/);
  }, 180_000);
});
