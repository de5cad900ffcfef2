/**
 * Built server processes in queue mode against one Postgres database and one Redis database:
 * `api`, `worker` (or `all`) processes, each on its own port. Needs `pnpm build` first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { HealthView } from '@flowpress/shared';
import { createThrowawayDatabase, dropThrowawayDatabase } from './harness.js';
import { SERVER_MAIN as MAIN } from './server-main.js';
import { freePort } from '../src/bench/ports.js';

export const ADMIN = { email: 'queue@flowpress.test', password: 'queue-test-password' };

export async function until<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await fn().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export interface ServerProcess {
  role: 'api' | 'worker' | 'all';
  port: number;
  base: string;
  child: ChildProcess;
  stderr: string[];
  health(): Promise<HealthView>;
  exited(): Promise<number | null>;
}

export interface Cluster {
  env: Record<string, string>;
  redisUrl: string;
  redis: OwnRedis;
  start(role: ServerProcess['role'], extraEnv?: Record<string, string>): Promise<ServerProcess>;
  /** An admin's bearer headers on `api`. */
  login(api: ServerProcess): Promise<Record<string, string>>;
  close(): Promise<void>;
}

/** A Redis of the test's own on a free port (nothing shared with other tests; it can be stopped). */
export interface OwnRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startOwnRedis(): Promise<OwnRedis> {
  let child: ChildProcess | null = null;
  const own: OwnRedis = {
    url: '',
    port: 0,
    async start() {
      // The first start takes a port the OS says is free (another process may still bind it
      // first: then redis-server exits, and a new one is tried); a restart keeps its port.
      const fixed = own.port !== 0;
      for (let attempt = 1; ; attempt++) {
        if (!fixed) {
          own.port = await freePort();
          own.url = `redis://127.0.0.1:${own.port}`;
        }
        const log: string[] = [];
        const spawned = spawn(
          'redis-server',
          ['--port', String(own.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
          { stdio: ['ignore', 'pipe', 'pipe'] },
        );
        child = spawned;
        for (const stream of [spawned.stdout, spawned.stderr])
          stream?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
        const outcome = await until(`redis-server on ${own.port}`, async () => {
          if (spawned.exitCode !== null) return 'exited' as const;
          const probe = new Redis(own.url, {
            lazyConnect: true,
            maxRetriesPerRequest: 0,
            retryStrategy: () => null,
          });
          try {
            await probe.connect();
            return (await probe.ping()) === 'PONG' ? ('up' as const) : undefined;
          } finally {
            probe.disconnect();
          }
        }).catch((error: unknown) => {
          spawned.kill('SIGKILL');
          throw new Error(`${String(error)}\n${log.join('')}`);
        });
        if (outcome === 'up') return;
        if (fixed || attempt >= 5) throw new Error(`redis-server exited:\n${log.join('')}`);
      }
    },
    async stop() {
      const running = child;
      child = null;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((r) => running.once('exit', r));
      running.kill('SIGKILL');
      await exited;
    },
  };
  await own.start();
  return own;
}

async function spawnServer(
  role: ServerProcess['role'],
  env: Record<string, string>,
): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, ...env, FLOWPRESS_ROLE: role, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Logs (Nest logs to stdout) for failure messages; the last lines are enough.
  const stderr: string[] = [];
  const keep = (chunk: Buffer) => {
    stderr.push(chunk.toString());
    if (stderr.length > 200) stderr.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const base = `http://127.0.0.1:${port}`;
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    role,
    port,
    base,
    child,
    stderr,
    health: async () => (await (await fetch(`${base}/api/health`)).json()) as HealthView,
    exited: () => exit,
  };
}

/** A fresh Postgres database and a Redis of its own. */
export async function startCluster(
  options: { env?: Record<string, string> } = {},
): Promise<Cluster> {
  if (!existsSync(MAIN))
    throw new Error(`${MAIN} is missing: run \`pnpm build\` before the server tests`);
  const databaseUrl = await createThrowawayDatabase();
  const redis = await startOwnRedis();
  const redisUrl = redis.url;
  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    FLOWPRESS_SECRET_KEY: randomBytes(24).toString('base64'),
    FLOWPRESS_ADMIN_EMAIL: ADMIN.email,
    FLOWPRESS_ADMIN_PASSWORD: ADMIN.password,
    // Short leases: a killed worker's runs come back within seconds, not half a minute. Not
    // shorter: on a loaded machine a renewal can be late, and a lapsed lease is a takeover.
    FLOWPRESS_LEASE_MS: '15000',
    ...options.env,
  };
  const processes: ServerProcess[] = [];
  return {
    env,
    redisUrl,
    redis,
    async start(role, extraEnv = {}) {
      // The free port may be taken by another process before the server binds it: try a few.
      for (let attempt = 1; ; attempt++) {
        const proc = await spawnServer(role, { ...env, ...extraEnv });
        processes.push(proc);
        const outcome = await until(
          `the ${role} process on ${proc.port}`,
          async () => {
            if (proc.child.exitCode !== null) return 'exited' as const;
            return (await fetch(`${proc.base}/api/health`)).ok ? ('up' as const) : undefined;
          },
          120_000,
        ).catch((error: unknown) => {
          throw new Error(`${String(error)}\n${proc.stderr.join('')}`);
        });
        if (outcome === 'up') return proc;
        const log = proc.stderr.join('');
        if (attempt >= 3 || !log.includes('already in use'))
          throw new Error(`the ${role} process exited:\n${log}`);
      }
    },
    async login(api) {
      const res = await fetch(`${api.base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(ADMIN),
      });
      const { token } = (await res.json()) as { token: string };
      return { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    },
    async close() {
      for (const p of processes)
        if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
      await Promise.all(processes.map((p) => p.exited()));
      await redis.stop();
      await dropThrowawayDatabase(databaseUrl);
    },
  };
}
