/**
 * `pnpm bench --ab <server entry>`: workload 1's pipeline on two builds running at the same time —
 * this one ("after") and another ("before", e.g. the bundle of a worktree at the commit before a
 * change) — in alternating rounds. This machine's speed moves by ±30 % within minutes
 * (BENCHMARKS.md), which hides a 5–10 % change between two bench runs; inside one round of a few
 * seconds it moves far less, so the per-round ratio is the figure to read, and its median over the
 * rounds the summary.
 */
import type { CpuMeter } from './proc.js';
import { round2 } from './stats.js';
import { concurrentRuns, sequentialRuns, type Client } from './workloads.js';

/** One started server with a session and the pipeline's workflow. */
export interface AbSide {
  pid: number;
  c: Client;
  workflowId: string;
}

export interface AbCounts {
  warmup: number;
  rounds: number;
  /** Per round and side: runs one after another, then runs at `inFlight`. */
  sequential: number;
  concurrent: number;
  inFlight: number;
}

export const FULL_AB_COUNTS: AbCounts = { warmup: 100, rounds: 10, sequential: 50, concurrent: 100, inFlight: 8 };
export const SMOKE_AB_COUNTS: AbCounts = { warmup: 1, rounds: 2, sequential: 2, concurrent: 2, inFlight: 2 };

export interface AbRound {
  /** CPU ms per run of each side's process tree in this round. */
  before: number;
  after: number;
  /** after ÷ before. */
  ratio: number;
}

export interface AbResult {
  rounds: AbRound[];
  medianRatio: number;
  /** Rounds in which after used less CPU per run than before. */
  afterLower: number;
  /** CPU ms per run over all rounds. */
  before: number;
  after: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The summary of both modes: the median ratio, the rounds `after` won, CPU ms per run over all `runs`. */
function abResult(rounds: AbRound[], totals: { before: number; after: number }, runs: number): AbResult {
  return {
    rounds,
    medianRatio: Math.round(median(rounds.map((r) => r.ratio)) * 1000) / 1000,
    afterLower: rounds.filter((r) => r.after < r.before).length,
    before: round2(totals.before / runs),
    after: round2(totals.after / runs),
  };
}

/** `meter(pid)` measures a process tree (the server and its embedded database). */
export async function abWorkload(before: AbSide, after: AbSide, counts: AbCounts, meter: (pid: number) => CpuMeter): Promise<AbResult> {
  for (const side of [before, after]) await sequentialRuns(side.c, side.workflowId, counts.warmup);
  const perRound = counts.sequential + counts.concurrent;
  const rounds: AbRound[] = [];
  const totals = { before: 0, after: 0 };
  for (let r = 0; r < counts.rounds; r++) {
    // Who goes first alternates, so a drift inside a round favours neither side.
    const order = r % 2 === 0 ? (['before', 'after'] as const) : (['after', 'before'] as const);
    const cpu = { before: 0, after: 0 };
    for (const name of order) {
      const side = name === 'before' ? before : after;
      const m = meter(side.pid);
      await m.start();
      await sequentialRuns(side.c, side.workflowId, counts.sequential);
      if (counts.concurrent) await concurrentRuns(side.c, side.workflowId, counts.concurrent, counts.inFlight);
      const ms = await m.stop();
      cpu[name] = ms / perRound;
      totals[name] += ms;
    }
    rounds.push({ before: round2(cpu.before), after: round2(cpu.after), ratio: Math.round((cpu.after / cpu.before) * 1000) / 1000 });
  }
  return abResult(rounds, totals, perRound * counts.rounds);
}

export interface AbWindowCounts {
  /** Pairs of servers, each started fresh: one figure of each side per pair. */
  pairs: number;
  warmup: number;
  sequential: number;
  concurrent: number;
  inFlight: number;
  /** The runs at `inFlight` go to one side, then the other, this many at a time. */
  chunk: number;
}

/** Workload 1's own counts (30 warm-up runs, 200 sequential, 400 at 8 in flight). */
export const FULL_AB_WINDOW: AbWindowCounts = { pairs: 5, warmup: 30, sequential: 200, concurrent: 400, inFlight: 8, chunk: 40 };
export const SMOKE_AB_WINDOW: AbWindowCounts = { pairs: 1, warmup: 1, sequential: 2, concurrent: 4, inFlight: 2, chunk: 2 };

/**
 * `--ab-window`: workload 1's measured window itself — both servers started fresh, the same
 * warm-up, then the 600 runs — on the two builds at once, interleaved finely: the sequential runs
 * alternate run by run and the runs in flight go in chunks of `chunk`, so a change of the
 * machine's speed lands on both sides alike. Both trees are metered over the whole window. The
 * rounds of `abWorkload` run on servers that stay up, so every round after the first measures a
 * warmer server than workload 1 does; this measures what workload 1 measures.
 */
export async function abWindowWorkload(
  counts: AbWindowCounts,
  startPair: () => Promise<{ before: AbSide; after: AbSide; close: () => Promise<void> }>,
  meter: (pid: number) => CpuMeter,
): Promise<AbResult> {
  const rounds: AbRound[] = [];
  const totals = { before: 0, after: 0 };
  const perWindow = counts.sequential + counts.concurrent;
  for (let pair = 0; pair < counts.pairs; pair++) {
    const { before, after, close } = await startPair();
    try {
      const sides = (i: number) => (i % 2 === 0 ? [before, after] : [after, before]);
      for (let i = 0; i < counts.warmup; i++) for (const side of sides(i)) await sequentialRuns(side.c, side.workflowId, 1);
      const meters = { before: meter(before.pid), after: meter(after.pid) };
      await meters.before.start();
      await meters.after.start();
      for (let i = 0; i < counts.sequential; i++) for (const side of sides(i + pair)) await sequentialRuns(side.c, side.workflowId, 1);
      for (let done = 0, k = 0; done < counts.concurrent; done += counts.chunk, k++) {
        const n = Math.min(counts.chunk, counts.concurrent - done);
        for (const side of sides(k + pair)) await concurrentRuns(side.c, side.workflowId, n, counts.inFlight);
      }
      const cpu = { before: await meters.before.stop(), after: await meters.after.stop() };
      totals.before += cpu.before;
      totals.after += cpu.after;
      rounds.push({ before: round2(cpu.before / perWindow), after: round2(cpu.after / perWindow), ratio: Math.round((cpu.after / cpu.before) * 1000) / 1000 });
    } finally {
      await close();
    }
  }
  return abResult(rounds, totals, perWindow * counts.pairs);
}

export function abTable(result: AbResult, beforeName: string, unit = 'round'): string {
  const lines = [
    `| ${unit} | before (${beforeName}) CPU-ms per run | after (this build) | after ÷ before |`,
    '|---|---|---|---|',
    ...result.rounds.map((r, i) => `| ${i + 1} | ${r.before} | ${r.after} | ${r.ratio} |`),
    `| all | ${result.before} | ${result.after} | median ${result.medianRatio}; after lower in ${result.afterLower} of ${result.rounds.length} |`,
  ];
  return lines.join('\n');
}
