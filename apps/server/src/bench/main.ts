/**
 * `pnpm bench`: starts the built server as a child process (embedded PGlite, then the machine's
 * Postgres when reachable) against the project's OpenAI-compatible mock at 0 ms, and measures
 * through the public HTTP API. Prints a markdown table for BENCHMARKS.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startMockOpenAI } from '@flowpress/nodes/testing';
import { benchTarget, FULL_COUNTS, markdownTable, SMOKE_COUNTS, type BenchResult } from './run-bench.js';
import type { BenchTarget } from './workloads.js';
import { cpuMsOf, FULL_SCHEDULE_COUNTS, scheduleMarkdown, scheduleWorkload, SMOKE_SCHEDULE_COUNTS, type ScheduleBenchResult } from './schedule-workload.js';
import { queueBench, queueTable, type QueueBenchResult } from './queue-bench.js';
import { knowledgeBench, knowledgeTable, type KnowledgeBenchResult } from './knowledge-workload.js';

const ADMIN = { email: 'bench@flowpress.local', password: 'bench-password-1' };
const POSTGRES_ADMIN_URL = process.env['BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function rssOf(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : null;
  } catch {
    return null;
  }
}

async function waitHealthy(baseUrl: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not become healthy in time');
}

async function startServer(env: Record<string, string>): Promise<BenchTarget & { pid: number; stop(): Promise<void> }> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const main = path.resolve(import.meta.dirname, '../main.js');
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitHealthy(baseUrl, child);
  // Let start-up work (migrations, seeding, JIT) settle before reading idle memory.
  await new Promise((r) => setTimeout(r, 2000));
  return {
    baseUrl,
    pid: child.pid ?? 0,
    rss: async () => (child.pid ? rssOf(child.pid) : null),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function withPostgresDatabase<T>(fn: (url: string) => Promise<T>): Promise<T | null> {
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  try {
    await admin.connect();
  } catch {
    console.error(`Postgres not reachable at ${POSTGRES_ADMIN_URL}: skipping the Postgres run`);
    return null;
  }
  const name = `flowpress_bench_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(POSTGRES_ADMIN_URL);
    url.pathname = `/${name}`;
    return await fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

async function main(): Promise<void> {
  const smoke = process.argv.includes('--smoke');
  const counts = smoke ? SMOKE_COUNTS : FULL_COUNTS;
  const mock = await startMockOpenAI();
  const results: BenchResult[] = [];
  const scheduleResults: ScheduleBenchResult[] = [];
  const knowledge: KnowledgeBenchResult[] = [];
  const baseEnv = {
    OPENAI_BASE_URL: mock.url,
    OPENAI_API_KEY: 'bench',
    FLOWPRESS_ADMIN_EMAIL: ADMIN.email,
    FLOWPRESS_ADMIN_PASSWORD: ADMIN.password,
  };
  const run = async (database: string, env: Record<string, string>) => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'flowpress-bench-'));
    const server = await startServer({ ...baseEnv, ...env, FLOWPRESS_DATA_DIR: dataDir });
    try {
      const result = await benchTarget(server, database, ADMIN, counts);
      scheduleResults.push(await scheduleWorkload(server, () => cpuMsOf(server.pid), database, ADMIN, smoke ? SMOKE_SCHEDULE_COUNTS : FULL_SCHEDULE_COUNTS));
      knowledge.push(await knowledgeBench(server, database, ADMIN, smoke));
      await server.stop();
      // Steady state: the memory of a server started on existing data, as after any restart.
      const again = await startServer({ ...baseEnv, ...env, FLOWPRESS_DATA_DIR: dataDir });
      const rss = await again.rss();
      result.restartIdleRssMiB = rss === null ? null : Math.round((rss / 1048576) * 100) / 100;
      await again.stop();
      results.push(result);
      console.error(`${database}: ${JSON.stringify(result)}`);
    } finally {
      await server.stop().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
  const queueResults: QueueBenchResult[] = [];
  try {
    if (process.argv.includes('--queue-only')) {
      await queueMode();
      return;
    }
    await run('PGlite (embedded)', {});
    if (!process.argv.includes('--pglite-only')) {
      await withPostgresDatabase((url) =>
        run('Postgres 15 (local)', { DATABASE_URL: url, FLOWPRESS_SECRET_KEY: randomBytes(24).toString('base64') }),
      );
      await queueMode();
    }
  } finally {
    await mock.close();
    console.log(`\nNode ${process.version}, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}, ${new Date().toISOString()}\n`);
    if (results.length) console.log(markdownTable(results, counts));
    if (queueResults.length) console.log(`\n${queueTable(queueResults)}`);
    if (knowledge.length) console.log(`\n${knowledgeTable(knowledge)}`);
    if (scheduleResults.length) console.log(`\nScheduler\n\n${scheduleMarkdown(scheduleResults)}`);
  }

  /** The same pipeline through 1 API + 1 worker, then 1 API + 2 workers. */
  async function queueMode(): Promise<void> {
    const queueCounts = smoke ? { runs: 6, inFlight: 2 } : { runs: 300, inFlight: 32 };
    for (const workers of [1, 2]) {
      const result = await queueBench(
        (env) => startServer({ ...env, FLOWPRESS_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'flowpress-bench-')) }),
        withPostgresDatabase,
        baseEnv,
        ADMIN,
        workers,
        queueCounts,
      );
      if (result) {
        queueResults.push(result);
        console.error(`queue mode, ${workers} worker(s): ${JSON.stringify(result)}`);
      }
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
