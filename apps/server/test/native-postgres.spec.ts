/**
 * The embedded native Postgres's lifecycle, on the built server (needs `pnpm build`): SIGKILL of
 * the server leaves no postgres process behind and the next start has the data; a second server
 * on the same data dir is refused with a message; SIGTERM stops Postgres before the server exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nativeUnavailableReason } from '../src/database/native-postgres.js';
import { SERVER_MAIN as MAIN } from './server-main.js';
import { freePort } from '../src/bench/ports.js';

const ADMIN = { email: 'native@flowpress.test', password: 'native-test-password' };
const native = nativeUnavailableReason() === null;
if (!native) console.warn(`Skipping the native Postgres lifecycle: ${nativeUnavailableReason()}`);

async function until<T>(
  what: string,
  fn: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await Promise.resolve()
      .then(fn)
      .catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Pids of every process whose command line mentions `needle` (the data dir). */
function processesMentioning(needle: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(needle)) pids.push(Number(entry));
    } catch {
      // exited while we looked
    }
  }
  return pids;
}

const alive = (pid: number): boolean =>
  existsSync(`/proc/${pid}`) && !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));

(native ? describe : describe.skip)('the embedded native Postgres', () => {
  let dataDir: string;
  let env: Record<string, string>;
  const children: ChildProcess[] = [];
  // One port for every start here (the servers take turns on the same data dir).
  let port = 0;
  let base = '';

  const start = (): ChildProcess & { stderrText: () => string } => {
    const child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let text = '';
    child.stderr?.on('data', (d: Buffer) => (text += d.toString()));
    children.push(child);
    return Object.assign(child, { stderrText: () => text });
  };
  const healthy = () =>
    until('a healthy server', async () =>
      (await fetch(`${base}/api/health`)).ok ? true : undefined,
    );
  const exited = (child: ChildProcess) =>
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise((r) => child.once('exit', r));
  const postmasterPid = () =>
    Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const login = async () => {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    return {
      'content-type': 'application/json',
      authorization: `Bearer ${((await res.json()) as { token: string }).token}`,
    };
  };

  beforeAll(async () => {
    port = await freePort();
    base = `http://127.0.0.1:${port}`;
    if (!existsSync(MAIN))
      throw new Error(`${MAIN} is missing: run \`pnpm build\` before the server tests`);
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'flowpress-native-'));
    env = {
      FLOWPRESS_DATA_DIR: dataDir,
      FLOWPRESS_ADMIN_EMAIL: ADMIN.email,
      FLOWPRESS_ADMIN_PASSWORD: ADMIN.password,
    };
    delete env['FLOWPRESS_EMBEDDED_DB'];
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    // Whatever a failed test left: stop it, then remove the data.
    await until('no postgres left', () =>
      processesMentioning(dataDir).length === 0 ? true : undefined,
    ).catch(() => undefined);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('after SIGKILL of the server: no postgres process left, the next start has the data', async () => {
    const first = start();
    await healthy();
    const health = (await (await fetch(`${base}/api/health`)).json()) as { database: string };
    expect(health.database).toBe('postgres');
    const headers = await login();
    const graph = {
      version: 1,
      nodes: [
        { id: 'out', type: 'template', position: { x: 0, y: 0 }, data: { template: 'kept' } },
      ],
      edges: [],
    };
    const created = await fetch(`${base}/api/workflows`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'Survives kill -9', graph }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const postmaster = postmasterPid();
    expect(alive(postmaster)).toBe(true);

    first.kill('SIGKILL');
    await exited(first);
    // The watchdog sees the pipe close and stops Postgres; nothing that names the data dir stays.
    await until('the postmaster to stop', () => (alive(postmaster) ? undefined : true));
    await until('no process on the data dir', () =>
      processesMentioning(dataDir).length === 0 ? true : undefined,
    );

    const second = start();
    await healthy();
    const res = await fetch(`${base}/api/workflows/${id}`, { headers: await login() });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { name: string }).name).toBe('Survives kill -9');

    // A second server on the same data dir is refused, and the first keeps its database.
    const intruder = start();
    await exited(intruder);
    expect(intruder.exitCode).not.toBe(0);
    expect(intruder.stderrText()).toMatch(/in use by another Flowpress process \(pid \d+\)/);
    expect((await fetch(`${base}/api/workflows/${id}`, { headers: await login() })).status).toBe(
      200,
    );

    // SIGTERM: Postgres is stopped (fast shutdown) before the server exits.
    const pm = postmasterPid();
    second.kill('SIGTERM');
    await exited(second);
    expect(second.exitCode === 0 || second.signalCode === 'SIGTERM').toBe(true);
    expect(alive(pm)).toBe(false);
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  }, 180_000);
});
