import type { CpuMeter } from './proc.js';
import { round2 } from './stats.js';
import {
  apiKey,
  chainGraph,
  chainOverhead,
  client,
  concurrentRuns,
  createWorkflow,
  login,
  sequentialRuns,
  threeNodeGraph,
  type BenchTarget,
} from './workloads.js';

export interface BenchCounts {
  sequential: number;
  concurrent: number;
  inFlight: number;
  chainLength: number;
  chainRepeats: number;
  warmup: number;
}

export const FULL_COUNTS: BenchCounts = { sequential: 200, concurrent: 400, inFlight: 8, chainLength: 50, chainRepeats: 20, warmup: 30 };
export const SMOKE_COUNTS: BenchCounts = { sequential: 3, concurrent: 4, inFlight: 2, chainLength: 5, chainRepeats: 1, warmup: 1 };

export interface BenchResult {
  database: string;
  idleRssMiB: number | null;
  sequential: { p50: number; p95: number; p99: number };
  concurrent: { runsPerSecond: number; p50: number; p99: number };
  chain: { perNodeMs: number; runP50Ms: number; length: number };
  rssAfterMiB: number | null;
  /**
   * Workload 1's CPU per run (sequential and in-flight runs together, warm-up excluded), one entry
   * per meter passed in (e.g. `server` = the server's process tree, `database` = its Postgres
   * backends) and `total`.
   */
  cpuMsPerRun: Record<string, number>;
  /** Idle memory of a server restarted on the same data (filled in by the caller). */
  restartIdleRssMiB?: number | null;
}

const mib = (bytes: number | null) => (bytes === null ? null : round2(bytes / 1024 / 1024));

export interface BenchSession {
  /** A login token (sockets) and an API key (what integrations use for runs). */
  token: string;
  key: string;
  c: ReturnType<typeof client>;
}

export async function openSession(baseUrl: string, admin: { email: string; password: string }): Promise<BenchSession> {
  const token = await login(baseUrl, admin.email, admin.password);
  const key = await apiKey(baseUrl, token);
  return { token, key, c: client(baseUrl, key) };
}

/** Runs workloads 1 and 2 against one started server (CONTRACT §2 only: login, api key, runs). */
export async function benchTarget(
  target: BenchTarget,
  database: string,
  admin: { email: string; password: string },
  counts: BenchCounts,
  options: {
    session?: BenchSession;
    meters?: Record<string, CpuMeter>;
    /** Called right after workload 1, before the chain runs (e.g. to read memory then). */
    afterWorkload1?: () => void;
  } = {},
): Promise<BenchResult> {
  const idleRss = await target.rss();
  const { key, c } = options.session ?? (await openSession(target.baseUrl, admin));
  const meters = Object.entries(options.meters ?? {});
  const pipeline = await createWorkflow(target.baseUrl, key, 'bench: input → prompt → template', threeNodeGraph);
  const chain = await createWorkflow(target.baseUrl, key, `bench: ${counts.chainLength} template chain`, chainGraph(counts.chainLength));

  await sequentialRuns(c, pipeline, counts.warmup);
  for (const [, meter] of meters) await meter.start();
  const sequential = await sequentialRuns(c, pipeline, counts.sequential);
  const concurrent = await concurrentRuns(c, pipeline, counts.concurrent, counts.inFlight);
  const cpuMsPerRun: Record<string, number> = {};
  let total = 0;
  for (const [name, meter] of meters) {
    const ms = await meter.stop();
    total += ms;
    cpuMsPerRun[name] = round2(ms / (counts.sequential + counts.concurrent));
  }
  if (meters.length) cpuMsPerRun['total'] = round2(total / (counts.sequential + counts.concurrent));
  options.afterWorkload1?.();
  await chainOverhead(c, chain, counts.chainLength, Math.min(3, counts.chainRepeats));
  const overhead = await chainOverhead(c, chain, counts.chainLength, counts.chainRepeats);
  const rssAfter = await target.rss();
  return {
    database,
    idleRssMiB: mib(idleRss),
    sequential: {
      p50: round2(sequential.latency.p50),
      p95: round2(sequential.latency.p95),
      p99: round2(sequential.latency.p99),
    },
    concurrent: {
      runsPerSecond: round2(concurrent.runsPerSecond),
      p50: round2(concurrent.latency.p50),
      p99: round2(concurrent.latency.p99),
    },
    chain: { perNodeMs: round2(overhead.perNodeMs), runP50Ms: round2(overhead.runMs.p50), length: counts.chainLength },
    rssAfterMiB: mib(rssAfter),
    cpuMsPerRun,
  };
}

export function markdownTable(results: BenchResult[], counts: BenchCounts): string {
  const lines = [
    `| database | sequential p50 / p95 / p99 (ms, n=${counts.sequential}) | ${counts.inFlight} in flight (runs/s, n=${counts.concurrent}) | in-flight p50 / p99 (ms) | CPU ms per run (server tree / database / total) | engine per node (ms, ${counts.chainLength}-node chain) | idle RSS, first start (MiB) | idle RSS, restart (MiB) | RSS after load (MiB) |`,
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    lines.push(
      `| ${r.database} | ${r.sequential.p50} / ${r.sequential.p95} / ${r.sequential.p99} | ${r.concurrent.runsPerSecond} | ${r.concurrent.p50} / ${r.concurrent.p99} | ${r.cpuMsPerRun['server'] ?? 'n/a'} / ${r.cpuMsPerRun['database'] ?? '–'} / ${r.cpuMsPerRun['total'] ?? 'n/a'} | ${r.chain.perNodeMs} | ${r.idleRssMiB ?? 'n/a'} | ${r.restartIdleRssMiB ?? 'n/a'} | ${r.rssAfterMiB ?? 'n/a'} |`,
    );
  }
  return lines.join('\n');
}
