/** Markdown tables for workloads 3–7 (BENCHMARKS.md), one row per database. */
import type {
  FanOutResult,
  LargeGraphResult,
  ReviewScaleResult,
  StreamingResult,
} from './scale-workloads.js';

export interface Footprint {
  /** Spawn → `GET /api/health` answers, and → the first `?wait=true` run succeeded. */
  coldStartNew: { healthyMs: number; firstRunMs: number };
  coldStartExisting: { healthyMs: number; firstRunMs: number } | null;
  /** MiB: the server process, and its whole tree (an embedded database child included). */
  idleAfterStart: { rssMiB: number | null; treeRssMiB: number | null };
  idleAfterRestart: { rssMiB: number | null; treeRssMiB: number | null } | null;
  afterWorkload1: { rssMiB: number | null; treeRssMiB: number | null } | null;
}

type Row<T> = { database: string; value: T };

const fmt = (n: number | null | undefined) =>
  n === null || n === undefined || Number.isNaN(n) ? 'n/a' : String(n);

export function fanOutTable(rows: Row<FanOutResult>[]): string {
  return [
    '| database | prompts × model latency | runs | wall p50 / min / max, caller (ms) | wall p50, server (ms) | budget |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      ({ database, value: r }) =>
        `| ${database} | ${r.width} × ${r.modelLatencyMs} ms | ${r.runs} | ${r.clientMs.p50} / ${r.clientMs.min} / ${r.clientMs.max} | ${r.serverMs.p50} | ≤ 350 ms |`,
    ),
  ].join('\n');
}

export function streamingTable(rows: Row<StreamingResult>[]): string {
  return [
    '| database | runs × token every | writes / events (coalesced when fewer events) | samples | write → `node.token` p50 / p95 / p99 / max (ms) | budget p95 |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      ({ database, value: r }) =>
        `| ${database} | ${r.runs} × ${r.tokenIntervalMs} ms | ${r.writes} / ${r.events} | ${r.samples}${r.beforeSubscribe ? ` (+${r.beforeSubscribe} before subscribe)` : ''}${r.mismatchedRuns ? `, ${r.mismatchedRuns} runs unmatched` : ''} | ${r.latencyMs.p50} / ${r.latencyMs.p95} / ${r.latencyMs.p99} / ${r.latencyMs.max} | ≤ 20 ms |`,
    ),
  ].join('\n');
}

export function reviewTable(rows: Row<ReviewScaleResult>[]): string {
  return [
    '| database | runs parked | parked/s | list pending, 100 / 500 a page, p50 (p95) (ms) | approvals/s | completions/s | succeeded / lost | budget (list) |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map(
      ({ database, value: r }) =>
        `| ${database} | ${r.runs} | ${r.parkedPerSecond} | ${r.listMs.page100.p50} (${r.listMs.page100.p95}) / ${r.listMs.page500.p50} (${r.listMs.page500.p95}) | ${r.approvalsPerSecond} | ${r.completionsPerSecond} | ${r.succeeded} / ${r.lost} | ≤ 200 ms |`,
    ),
  ].join('\n');
}

export function largeGraphTable(rows: Row<LargeGraphResult>[]): string {
  return [
    '| database | steps / edges (JSON KiB) | validate p50 / p95 (ms) | create, large / 2-step (ms) | save (PUT), large / 2-step (ms) | load (GET), large / 2-step (ms) | budget (validate) |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      ({ database, value: r }) =>
        `| ${database} | ${r.nodes} / ${r.edges} (${Math.round(r.bytes / 1024)}) | ${r.validateMs.p50} / ${r.validateMs.p95} | ${r.createMs.large} / ${r.createMs.small} | ${r.saveMs.large} / ${r.saveMs.small} | ${r.loadMs.large} / ${r.loadMs.small} | ≤ 20 ms |`,
    ),
  ].join('\n');
}

export function footprintTable(rows: Row<Footprint>[]): string {
  const mem = (m: { rssMiB: number | null; treeRssMiB: number | null } | null) =>
    m ? `${fmt(m.rssMiB)} / ${fmt(m.treeRssMiB)}` : 'n/a';
  const cold = (c: { healthyMs: number; firstRunMs: number } | null) =>
    c ? `${c.healthyMs} / ${c.firstRunMs}` : 'n/a';
  return [
    '| database | idle RSS after start, server / tree (MiB) | idle after restart (MiB) | after workload 1 (MiB) | cold start, new data: healthy / first run OK (ms) | cold start, existing data (ms) | budget |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      ({ database, value: r }) =>
        `| ${database} | ${mem(r.idleAfterStart)} | ${mem(r.idleAfterRestart)} | ${mem(r.afterWorkload1)} | ${cold(r.coldStartNew)} | ${cold(r.coldStartExisting)} | idle ≤ 100 MiB, existing ≤ 1 s |`,
    ),
  ].join('\n');
}

/** Workload 1's irreducible work on bare node:http (floor-server.ts), measured like workload 1. */
export interface FloorResult {
  database: string;
  statements: number;
  cpuMsPerRun: { server: number; database: number; total: number };
  sequentialP50: number;
  runsPerSecond: number;
}

export function floorTable(rows: FloorResult[]): string {
  return [
    '| database | statements per run | CPU ms per run (server / database / total) | sequential p50 (ms) | 8 in flight (runs/s) |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.database} | ${r.statements} | ${r.cpuMsPerRun.server} / ${r.cpuMsPerRun.database} / **${r.cpuMsPerRun.total}** | ${r.sequentialP50} | ${r.runsPerSecond} |`),
  ].join('\n');
}
