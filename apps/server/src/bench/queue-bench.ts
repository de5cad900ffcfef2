/**
 * The queue-mode workload: the 3-node pipeline through one `api` process and 1 or 2 `worker`
 * processes on Postgres and a Redis of the benchmark's own, many runs in flight. Measures
 * runs/s through the public API (`?wait=true`), so queueing, Redis pub/sub and the database all count.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { round2 } from './stats.js';
import { freePort } from './ports.js';
import {
  apiKey,
  client,
  concurrentRuns,
  createWorkflow,
  login,
  threeNodeGraph,
} from './workloads.js';

export interface QueueBenchResult {
  workers: number;
  runs: number;
  inFlight: number;
  runsPerSecond: number;
  p50: number;
  p99: number;
}

type Start = (env: Record<string, string>) => Promise<{ baseUrl: string; stop(): Promise<void> }>;

/** A throwaway redis-server on its own port, no persistence. */
async function startRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const child: ChildProcess = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    await new Promise((r) => setTimeout(r, 300));
    if (child.exitCode !== null) {
      // Most likely the port was taken between the pick and the bind: try another.
      if (attempt < 3) continue;
      throw new Error(`redis-server on ${port} exited (${child.exitCode})`);
    }
    return {
      url: `redis://127.0.0.1:${port}`,
      stop: () =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    };
  }
}

export async function queueBench(
  start: Start,
  withDatabase: <T>(fn: (url: string) => Promise<T>) => Promise<T | null>,
  baseEnv: Record<string, string>,
  admin: { email: string; password: string },
  workers: number,
  counts: { runs: number; inFlight: number },
): Promise<QueueBenchResult | null> {
  return withDatabase(async (databaseUrl) => {
    const redis = await startRedis();
    const env = {
      ...baseEnv,
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      FLOWPRESS_SECRET_KEY: 'bench-secret-key-0123456789abcdef',
    };
    const processes: { stop(): Promise<void> }[] = [];
    try {
      const api = await start({ ...env, FLOWPRESS_ROLE: 'api' });
      processes.push(api);
      for (let i = 0; i < workers; i++)
        processes.push(await start({ ...env, FLOWPRESS_ROLE: 'worker' }));
      const token = await login(api.baseUrl, admin.email, admin.password);
      const key = await apiKey(api.baseUrl, token);
      const c = client(api.baseUrl, key);
      const pipeline = await createWorkflow(api.baseUrl, key, 'bench: queue mode', threeNodeGraph);
      await concurrentRuns(c, pipeline, Math.min(20, counts.runs), counts.inFlight); // warm-up
      const result = await concurrentRuns(c, pipeline, counts.runs, counts.inFlight);
      return {
        workers,
        runs: counts.runs,
        inFlight: counts.inFlight,
        runsPerSecond: round2(result.runsPerSecond),
        p50: round2(result.latency.p50),
        p99: round2(result.latency.p99),
      };
    } finally {
      for (const p of processes.reverse()) await p.stop().catch(() => undefined);
      await redis.stop();
    }
  });
}

export function queueTable(results: QueueBenchResult[]): string {
  const one = results.find((r) => r.workers === 1);
  const lines = [
    '| queue mode (Postgres + Redis) | runs/s | in-flight p50 / p99 (ms) | vs 1 worker |',
    '|---|---|---|---|',
  ];
  for (const r of results) {
    const ratio = one ? `${round2(r.runsPerSecond / one.runsPerSecond)}×` : 'n/a';
    lines.push(
      `| 1 API + ${r.workers} worker${r.workers === 1 ? '' : 's'} (n=${r.runs}, ${r.inFlight} in flight) | ${r.runsPerSecond} | ${r.p50} / ${r.p99} | ${ratio} |`,
    );
  }
  return lines.join('\n');
}
