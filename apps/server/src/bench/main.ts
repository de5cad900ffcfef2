/**
 * `pnpm bench`: starts the built server as a child process (the embedded default, then the
 * machine's Postgres when reachable) against the project's OpenAI-compatible mock, and measures
 * the workloads of issue #13 through the public HTTP API and socket. Prints markdown tables for
 * BENCHMARKS.md and writes every figure to bench/results.json (repo root).
 *
 * Options: `--smoke` (tiny counts; writes no results.json unless `--out` is given),
 * `--only w1,w4` (w1/w2 pipeline and chain, w3 fan-out, w4 streaming, w5 review queue, w6 large
 * graph, w7 footprint, schedule, knowledge, queue, floor, layers: layers-workload.ts), `--embedded-only` (skip the machine's Postgres; `--pglite-only` is the old name),
 * `--queue-only`, `--out <file>`, `--ab <server entry>` (this build against another, both running,
 * in alternating rounds: ab-workload.ts; the path is relative to where `pnpm bench` was run),
 * `--ab-window <server entry>` (the same pair, but workload 1's own window on fresh servers, runs
 * interleaved finely: what workload 1 measures, with the machine's drift on both sides alike).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startMockOpenAI, type MockOpenAI } from '@flowpress/nodes/testing';
import { round2 } from './stats.js';
import { benchTarget, FULL_COUNTS, markdownTable, openSession, SMOKE_COUNTS, type BenchResult, type BenchSession } from './run-bench.js';
import { client, concurrentRuns, createWorkflow, runOnce, sequentialRuns, threeNodeGraph, type BenchTarget } from './workloads.js';
import { cpuMsOf, FULL_SCHEDULE_COUNTS, scheduleMarkdown, scheduleWorkload, SMOKE_SCHEDULE_COUNTS, type ScheduleBenchResult } from './schedule-workload.js';
import { queueBench, queueTable, type QueueBenchResult } from './queue-bench.js';
import { FULL_LAYER_COUNTS, LAYERS, layersTable, measureLayer, SMOKE_LAYER_COUNTS, templateGraph, type LayerResult } from './layers-workload.js';
import { knowledgeBench, knowledgeTable, type KnowledgeBenchResult } from './knowledge-workload.js';
import { CpuMeter, processTree, treeCpuMeter, treeMemory } from './proc.js';
import { freePort } from './ports.js';
import { abTable, abWindowWorkload, abWorkload, FULL_AB_COUNTS, FULL_AB_WINDOW, SMOKE_AB_COUNTS, SMOKE_AB_WINDOW, type AbCounts, type AbSide, type AbWindowCounts } from './ab-workload.js';
import { findNativeBinaries, startNativePostgres } from '../database/native-postgres.js';
import {
  fanOutWorkload,
  largeGraphWorkload,
  reviewScaleWorkload,
  streamingWorkload,
  type FanOutResult,
  type LargeGraphResult,
  type ReviewScaleResult,
  type StreamingResult,
} from './scale-workloads.js';
import { fanOutTable, floorTable, footprintTable, largeGraphTable, reviewTable, streamingTable, type FloorResult, type Footprint } from './tables.js';

const ADMIN = { email: 'bench@flowpress.local', password: 'bench-password-1' };
const POSTGRES_ADMIN_URL = process.env['BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const WORKLOADS = ['w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7', 'schedule', 'knowledge', 'queue', 'floor', 'layers'] as const;
type Workload = (typeof WORKLOADS)[number];

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const mib = (bytes: number | null) => (bytes === null ? null : Math.round((bytes / 1048576) * 100) / 100);
const memoryOf = (pid: number) => {
  const m = treeMemory(pid);
  return { rssMiB: mib(m.rssBytes), treeRssMiB: mib(m.treeRssBytes) };
};

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
    // Short polls: the cold-start figure is read from this loop.
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('server did not become healthy in time');
}

type Server = BenchTarget & { pid: number; spawnedAt: number; healthyMs: number; settle(): Promise<void>; stop(): Promise<void> };

/**
 * Spawns the built server and waits until it answers health; `settle()` lets start-up work end.
 * BENCH_SERVER_MAIN (an absolute path, e.g. the unbundled dist/main.js) runs another entry: a
 * profile of the bundle names its one file, a profile of the unbundled build names source files.
 */
async function startServer(env: Record<string, string>, script = process.env['BENCH_SERVER_MAIN'] ?? '../bundle/main.js'): Promise<Server> {
  const main = path.resolve(import.meta.dirname, script);
  // BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server itself;
  // Node refuses --cpu-prof in NODE_OPTIONS.
  const nodeArgs = (process.env['BENCH_SERVER_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const spawnedAt = performance.now();
    const child = spawn(process.execPath, [...nodeArgs, main], {
      env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    // The server's stderr still reaches ours; its tail tells a taken port from a real failure.
    let tail = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      tail = (tail + chunk.toString()).slice(-4000);
    });
    const baseUrl = `http://127.0.0.1:${port}`;
    try {
      await waitHealthy(baseUrl, child);
    } catch (error) {
      if (attempt < 3 && tail.includes('already in use')) {
        console.error(`port ${port} was taken before the server bound it: starting again on another`);
        continue;
      }
      throw error;
    }
    return serverHandle(child, baseUrl, spawnedAt);
  }
}

function serverHandle(child: ChildProcess, baseUrl: string, spawnedAt: number): Server {
  const healthyMs = Math.round(performance.now() - spawnedAt);
  return {
    baseUrl,
    pid: child.pid ?? 0,
    spawnedAt,
    healthyMs,
    // Let start-up work (migrations, seeding, JIT) settle before reading idle memory.
    settle: () => new Promise((r) => setTimeout(r, 2000)),
    rss: async () => (child.pid ? treeMemory(child.pid).rssBytes : null),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

interface PostgresDatabase {
  url: string;
  name: string;
  /** The server's backends on this database (application_name 'flowpress'), alive now. */
  backends(): Promise<number[]>;
}

async function withPostgresDatabase<T>(fn: (db: PostgresDatabase) => Promise<T>): Promise<T | null> {
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, application_name: 'flowpress-bench' });
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
    const backends = async () =>
      (await admin.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name = 'flowpress'`, [name])).rows.map((r) => r.pid);
    return await fn({ url: url.toString(), name, backends });
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

interface TargetResults {
  database: string;
  pipeline?: BenchResult;
  fanOut?: FanOutResult;
  streaming?: StreamingResult;
  reviewQueue?: ReviewScaleResult;
  largeGraph?: LargeGraphResult;
  footprint?: Footprint;
  schedule?: ScheduleBenchResult;
  knowledge?: KnowledgeBenchResult;
}

async function main(): Promise<void> {
  const smoke = process.argv.includes('--smoke');
  const onlyArg = argValue('--only');
  const only = new Set<Workload>(
    onlyArg
      ? onlyArg.split(',').map((w) => {
          const name = w.trim() as Workload;
          if (!WORKLOADS.includes(name)) throw new Error(`--only: unknown workload "${w}" (known: ${WORKLOADS.join(', ')})`);
          return name;
        })
      : process.argv.includes('--queue-only')
        ? ['queue']
        : WORKLOADS,
  );
  const want = (w: Workload) => only.has(w);
  const counts = smoke ? SMOKE_COUNTS : FULL_COUNTS;
  const startedAt = new Date().toISOString();
  const loadAtStart = os.loadavg().map((n) => Math.round(n * 100) / 100);
  const mock = await startMockOpenAI();
  const targets: TargetResults[] = [];
  const queueResults: QueueBenchResult[] = [];
  const floorResults: FloorResult[] = [];
  const layerResults: LayerResult[] = [];
  const baseEnv = {
    OPENAI_BASE_URL: mock.url,
    OPENAI_API_KEY: 'bench',
    FLOWPRESS_ADMIN_EMAIL: ADMIN.email,
    FLOWPRESS_ADMIN_PASSWORD: ADMIN.password,
  };

  /** `--ab <entry>`: this build ("after") against another ("before"), both running, on the embedded default. */
  async function abCompare(entry: string, window: boolean): Promise<void> {
    // pnpm runs the script in apps/server; INIT_CWD is where the command was typed.
    const script = path.resolve(process.env['INIT_CWD'] ?? process.cwd(), entry);
    if (!existsSync(script)) throw new Error(`--ab: no server entry at ${script}`);
    const servers: Server[] = [];
    const dataDirs: string[] = [];
    const side = async (entryScript?: string): Promise<AbSide> => {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'flowpress-bench-ab-'));
      dataDirs.push(dataDir);
      const server = await startServer({ ...baseEnv, FLOWPRESS_DATA_DIR: dataDir }, entryScript);
      servers.push(server);
      const session = await openSession(server.baseUrl, ADMIN);
      const workflowId = await createWorkflow(server.baseUrl, session.key, 'bench: a/b', threeNodeGraph);
      await server.settle();
      return { pid: server.pid, c: session.c, workflowId };
    };
    // Stops the servers started since `from` and removes their data dirs (a pair of --ab-window).
    const stopFrom = async (from: number) => {
      // A server that fails to stop (already gone) must not hide the pair's result or stop the next pair.
      for (const server of servers.splice(from)) await server.stop().catch(() => undefined);
      for (const dir of dataDirs.splice(from)) rmSync(dir, { recursive: true, force: true });
    };
    try {
      const abCounts = window ? (smoke ? SMOKE_AB_WINDOW : FULL_AB_WINDOW) : smoke ? SMOKE_AB_COUNTS : FULL_AB_COUNTS;
      // Which side starts first alternates from pair to pair, as everything else does.
      let pairs = 0;
      const startPair = async () => {
        const from = servers.length;
        const afterFirst = pairs++ % 2 === 1;
        const first = await side(afterFirst ? undefined : script);
        const second = await side(afterFirst ? script : undefined);
        const [before, after] = afterFirst ? [second, first] : [first, second];
        return { before, after, close: () => stopFrom(from) };
      };
      const result = window
        ? await abWindowWorkload(abCounts as AbWindowCounts, startPair, (pid) => treeCpuMeter(pid))
        : await abWorkload(await side(script), await side(), abCounts as AbCounts, (pid) => treeCpuMeter(pid));
      const what = window ? "workload 1's window (fresh servers, interleaved)" : "workload 1's pipeline";
      console.log(`\nA/B, ${what} on the embedded default, ${startedAt}, load average at start ${loadAtStart.join(' ')}\n\n${abTable(result, entry, window ? 'pair' : 'round')}\n`);
      const outFile = argValue('--out');
      if (outFile) {
        const meta = { node: process.version, startedAt, finishedAt: new Date().toISOString(), loadAverageAtStart: loadAtStart, loadAverageAtEnd: os.loadavg().map((n) => Math.round(n * 100) / 100), counts: abCounts };
        writeFileSync(outFile, `${JSON.stringify({ meta, ab: { beforeEntry: script, ...result } }, null, 2)}\n`);
        console.error(`wrote ${outFile}`);
      }
    } finally {
      for (const server of servers) await server.stop().catch(() => undefined);
      for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
    }
  }
  const abWindowEntry = argValue('--ab-window');
  const abEntry = abWindowEntry ?? argValue('--ab');
  if (abEntry) {
    // Its own report: never the headline figures in bench/results.json.
    try {
      await abCompare(abEntry, abWindowEntry !== undefined);
    } finally {
      await mock.close();
    }
    return;
  }

  const run = async (database: string, env: Record<string, string>, pgdb?: PostgresDatabase) => {
    const out: TargetResults = { database };
    targets.push(out);
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'flowpress-bench-'));
    const serverEnv = { ...baseEnv, ...env, FLOWPRESS_DATA_DIR: dataDir };
    let server = await startServer(serverEnv);
    try {
      // 7. Cold start on a new data dir: spawn → healthy → first run OK (key and workflow made first).
      const session = await openSession(server.baseUrl, ADMIN);
      const pipeline = await createWorkflow(server.baseUrl, session.key, 'bench: first run', threeNodeGraph);
      await runOnce(session.c, pipeline, 'first');
      const coldStartNew = { healthyMs: server.healthyMs, firstRunMs: Math.round(performance.now() - server.spawnedAt) };
      await server.settle();
      const footprint: Footprint = { coldStartNew, coldStartExisting: null, idleAfterStart: memoryOf(server.pid), idleAfterRestart: null, afterWorkload1: null };

      if (want('w1') || want('w2')) {
        const meters: Record<string, CpuMeter> = { server: treeCpuMeter(server.pid) };
        if (pgdb) meters['database'] = new CpuMeter(pgdb.backends);
        out.pipeline = await benchTarget(server, database, ADMIN, counts, {
          session,
          meters,
          afterWorkload1: () => (footprint.afterWorkload1 = memoryOf(server.pid)),
        });
        console.error(`${database} w1/w2: ${JSON.stringify(out.pipeline)}`);
      }
      await scaleWorkloads(out, server, session, mock);
      if (want('schedule')) out.schedule = await scheduleWorkload(server, () => cpuMsOf(server.pid), database, ADMIN, smoke ? SMOKE_SCHEDULE_COUNTS : FULL_SCHEDULE_COUNTS);
      if (want('knowledge')) out.knowledge = await knowledgeBench(server, database, ADMIN, smoke);
      await server.stop();

      // 7. Restart on the same data: cold start on an existing data dir, then the steady idle memory.
      if (want('w7') || want('w1')) {
        server = await startServer(serverEnv);
        // Same key and workflow, new port: what a user's integration sees after a restart.
        await runOnce(client(server.baseUrl, session.key), pipeline, 'after restart');
        footprint.coldStartExisting = { healthyMs: server.healthyMs, firstRunMs: Math.round(performance.now() - server.spawnedAt) };
        await server.settle();
        footprint.idleAfterRestart = memoryOf(server.pid);
        if (out.pipeline) out.pipeline.restartIdleRssMiB = footprint.idleAfterRestart.rssMiB;
        await server.stop();
      }
      if (want('w7') || want('w1')) out.footprint = footprint;
      console.error(`${database}: done`);
    } finally {
      await server.stop().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    }
  };

  async function scaleWorkloads(out: TargetResults, server: Server, session: BenchSession, mock: MockOpenAI): Promise<void> {
    if (want('w3')) {
      out.fanOut = await fanOutWorkload(session.c, session.key, server.baseUrl, mock, { width: 10, modelLatencyMs: 300, runs: smoke ? 1 : 10 });
      console.error(`${out.database} w3: ${JSON.stringify(out.fanOut)}`);
    }
    if (want('w4')) {
      out.streaming = await streamingWorkload(session.c, session.key, session.token, server.baseUrl, mock, {
        runs: smoke ? 1 : 10,
        tokens: smoke ? 6 : 50,
        tokenIntervalMs: 20,
      });
      console.error(`${out.database} w4: ${JSON.stringify(out.streaming)}`);
    }
    if (want('w5')) {
      out.reviewQueue = await reviewScaleWorkload(session.c, session.key, server.baseUrl, { runs: smoke ? 6 : 1000, inFlight: 8, listRepeats: smoke ? 2 : 20 });
      console.error(`${out.database} w5: ${JSON.stringify(out.reviewQueue)}`);
    }
    if (want('w6')) {
      out.largeGraph = await largeGraphWorkload(session.c, { nodes: smoke ? 40 : 500, repeats: smoke ? 2 : 10 });
      console.error(`${out.database} w6: ${JSON.stringify(out.largeGraph)}`);
    }
  }

  /**
   * The floor (floor-server.ts): the same pipeline's irreducible work — its statements on the
   * machine's Postgres, one streamed model call, a JSON answer — on bare node:http, measured
   * like workload 1 (server tree + backends, same counts), with 3 statements and with 2.
   */
  async function floorWorkload(): Promise<void> {
    const measure = async (database: string, statements: number, url: string, databasePids: () => number[] | Promise<number[]>) => {
      const server = await startServer({ ...baseEnv, DATABASE_URL: url, FLOOR_STATEMENTS: String(statements) }, 'floor-server.js');
      try {
        const c = client(server.baseUrl, 'floor');
        await sequentialRuns(c, 'floor', counts.warmup);
        const meters = { server: treeCpuMeter(server.pid), database: new CpuMeter(databasePids) };
        for (const meter of Object.values(meters)) await meter.start();
        const sequential = await sequentialRuns(c, 'floor', counts.sequential);
        const concurrent = await concurrentRuns(c, 'floor', counts.concurrent, counts.inFlight);
        const runs = counts.sequential + counts.concurrent;
        const serverMs = (await meters.server.stop()) / runs;
        const databaseMs = (await meters.database.stop()) / runs;
        const result: FloorResult = {
          database,
          statements,
          cpuMsPerRun: { server: round2(serverMs), database: round2(databaseMs), total: round2(serverMs + databaseMs) },
          sequentialP50: round2(sequential.latency.p50),
          runsPerSecond: round2(concurrent.runsPerSecond),
        };
        floorResults.push(result);
        console.error(`floor: ${JSON.stringify(result)}`);
      } finally {
        await server.stop();
      }
    };
    // The embedded default's database: the same native Postgres, started the way the server starts it.
    const bin = findNativeBinaries();
    if (!('unavailable' in bin)) {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'flowpress-floor-'));
      const db = await startNativePostgres(bin, { dataDir, maxConnections: 20, log: () => undefined });
      try {
        for (const statements of [3, 2]) await measure('embedded (native Postgres)', statements, db.url, () => (db.pid ? processTree(db.pid) : []));
      } finally {
        await db.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
    if (process.argv.includes('--embedded-only')) return;
    for (const statements of [3, 2]) {
      await withPostgresDatabase((db) => measure('Postgres 15 (local)', statements, db.url, db.backends));
    }
  }

  /** Workload 1's cost layer by layer (layers-workload.ts): each kind on a fresh embedded server. */
  async function layersWorkload(): Promise<void> {
    const layerCounts = smoke ? SMOKE_LAYER_COUNTS : FULL_LAYER_COUNTS;
    for (const { kind } of LAYERS) {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'flowpress-bench-layers-'));
      const server = await startServer({ ...baseEnv, FLOWPRESS_DATA_DIR: dataDir });
      try {
        const session = await openSession(server.baseUrl, ADMIN);
        const graph = kind === 'pipeline-run' ? threeNodeGraph : templateGraph;
        const workflowId = await createWorkflow(server.baseUrl, session.key, `bench: ${kind}`, graph);
        await server.settle();
        const result = await measureLayer(session.c, kind, workflowId, layerCounts, {
          tree: treeCpuMeter(server.pid),
          server: new CpuMeter(() => [server.pid]),
        });
        layerResults.push(result);
        console.error(`layers: ${JSON.stringify(result)}`);
      } finally {
        await server.stop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  }

  const perTarget = WORKLOADS.filter((w) => w !== 'queue' && w !== 'floor' && w !== 'layers').some(want);
  try {
    // The embedded default: the native Postgres child (docs/adr/0003), PGlite where it cannot run.
    if (perTarget) await run('embedded (default)', {});
    if (want('floor')) await floorWorkload();
    if (want('layers')) await layersWorkload();
    if (!process.argv.includes('--embedded-only') && !process.argv.includes('--pglite-only')) {
      if (perTarget) {
        await withPostgresDatabase((db) =>
          run('Postgres 15 (local)', { DATABASE_URL: db.url, FLOWPRESS_SECRET_KEY: randomBytes(24).toString('base64') }, db),
        );
      }
      if (want('queue')) await queueMode();
    }
  } finally {
    await mock.close();
    const meta = {
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? '', memoryGiB: Math.round(os.totalmem() / 2 ** 30), os: `${os.type()} ${os.release()}` },
      node: process.version,
      startedAt,
      finishedAt: new Date().toISOString(),
      loadAverageAtStart: loadAtStart,
      loadAverageAtEnd: os.loadavg().map((n) => Math.round(n * 100) / 100),
      smoke,
      workloads: [...only],
      counts,
    };
    console.log(`\nNode ${meta.node}, ${meta.machine.cpus} cores, ${meta.machine.model}, ${startedAt}, load average at start ${loadAtStart.join(' ')}\n`);
    const rows = <K extends keyof TargetResults>(k: K) =>
      targets.flatMap((t) => (t[k] === undefined ? [] : [{ database: t.database, value: t[k] as NonNullable<TargetResults[K]> }]));
    const pipelines = rows('pipeline').map((r) => r.value);
    if (pipelines.length) console.log(`1–2. Pipeline and engine overhead\n\n${markdownTable(pipelines, counts)}\n`);
    if (rows('fanOut').length) console.log(`3. Parallelism\n\n${fanOutTable(rows('fanOut'))}\n`);
    if (rows('streaming').length) console.log(`4. Streaming latency\n\n${streamingTable(rows('streaming'))}\n`);
    if (rows('reviewQueue').length) console.log(`5. Waiting at scale\n\n${reviewTable(rows('reviewQueue'))}\n`);
    if (rows('largeGraph').length) console.log(`6. Large graphs (server side)\n\n${largeGraphTable(rows('largeGraph'))}\n`);
    if (rows('footprint').length) console.log(`7. Footprint and start\n\n${footprintTable(rows('footprint'))}\n`);
    if (queueResults.length) console.log(`${queueTable(queueResults)}\n`);
    if (floorResults.length) console.log(`Floor (bare node:http + pg + one streamed model call, same databases as workload 1)\n\n${floorTable(floorResults)}\n`);
    if (layerResults.length) console.log(`Workload 1 layer by layer (embedded default, fresh servers, sequential)\n\n${layersTable(layerResults)}\n`);
    const knowledge = rows('knowledge').map((r) => r.value);
    if (knowledge.length) console.log(`${knowledgeTable(knowledge)}\n`);
    const schedules = rows('schedule').map((r) => r.value);
    if (schedules.length) console.log(`Scheduler\n\n${scheduleMarkdown(schedules)}\n`);
    // A smoke run must not overwrite the figures of a full one.
    const outFile = argValue('--out') ?? (smoke ? undefined : path.resolve(import.meta.dirname, '../../../../bench/results.json'));
    if (outFile) {
      mkdirSync(path.dirname(outFile), { recursive: true });
      // The e2e canvas bench (`pnpm --dir e2e bench:canvas`) keeps its rows under `canvas`.
      const canvas = existsSync(outFile) ? (JSON.parse(readFileSync(outFile, 'utf8')) as { canvas?: unknown }).canvas : undefined;
      writeFileSync(outFile, `${JSON.stringify({ meta, targets, queue: queueResults, ...(floorResults.length ? { floor: floorResults } : {}), ...(layerResults.length ? { layers: layerResults } : {}), ...(canvas ? { canvas } : {}) }, null, 2)}\n`);
      console.error(`wrote ${outFile}`);
    }
  }

  /** The same pipeline through 1 API + 1 worker, then 1 API + 2 workers. */
  async function queueMode(): Promise<void> {
    const queueCounts = smoke ? { runs: 6, inFlight: 2 } : { runs: 300, inFlight: 32 };
    for (const workers of [1, 2]) {
      const result = await queueBench(
        async (env) => {
          const server = await startServer({ ...env, FLOWPRESS_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'flowpress-bench-')) });
          await server.settle();
          return server;
        },
        (fn) => withPostgresDatabase((db) => fn(db.url)),
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
