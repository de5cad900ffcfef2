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
  /** Idle memory of a server restarted on the same data (filled in by the caller). */
  restartIdleRssMiB?: number | null;
}

const mib = (bytes: number | null) => (bytes === null ? null : round2(bytes / 1024 / 1024));

/** Runs both workloads against one started server (CONTRACT §2 only: login, api key, runs). */
export async function benchTarget(
  target: BenchTarget,
  database: string,
  admin: { email: string; password: string },
  counts: BenchCounts,
): Promise<BenchResult> {
  const idleRss = await target.rss();
  const token = await login(target.baseUrl, admin.email, admin.password);
  const key = await apiKey(target.baseUrl, token);
  const c = client(target.baseUrl, key);
  const pipeline = await createWorkflow(target.baseUrl, key, 'bench: input → prompt → template', threeNodeGraph);
  const chain = await createWorkflow(target.baseUrl, key, `bench: ${counts.chainLength} template chain`, chainGraph(counts.chainLength));

  await sequentialRuns(c, pipeline, counts.warmup);
  const sequential = await sequentialRuns(c, pipeline, counts.sequential);
  const concurrent = await concurrentRuns(c, pipeline, counts.concurrent, counts.inFlight);
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
  };
}

export function markdownTable(results: BenchResult[], counts: BenchCounts): string {
  const lines = [
    `| database | sequential p50 / p95 / p99 (ms, n=${counts.sequential}) | ${counts.inFlight} in flight (runs/s, n=${counts.concurrent}) | in-flight p50 / p99 (ms) | engine per node (ms, ${counts.chainLength}-node chain) | idle RSS, first start (MiB) | idle RSS, restart (MiB) | RSS after load (MiB) |`,
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    lines.push(
      `| ${r.database} | ${r.sequential.p50} / ${r.sequential.p95} / ${r.sequential.p99} | ${r.concurrent.runsPerSecond} | ${r.concurrent.p50} / ${r.concurrent.p99} | ${r.chain.perNodeMs} | ${r.idleRssMiB ?? 'n/a'} | ${r.restartIdleRssMiB ?? 'n/a'} | ${r.rssAfterMiB ?? 'n/a'} |`,
    );
  }
  return lines.join('\n');
}
