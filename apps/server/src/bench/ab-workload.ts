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
  const runs = perRound * counts.rounds;
  return {
    rounds,
    medianRatio: Math.round(median(rounds.map((r) => r.ratio)) * 1000) / 1000,
    afterLower: rounds.filter((r) => r.after < r.before).length,
    before: round2(totals.before / runs),
    after: round2(totals.after / runs),
  };
}

export function abTable(result: AbResult, beforeName: string): string {
  const lines = [
    `| round | before (${beforeName}) CPU-ms per run | after (this build) | after ÷ before |`,
    '|---|---|---|---|',
    ...result.rounds.map((r, i) => `| ${i + 1} | ${r.before} | ${r.after} | ${r.ratio} |`),
    `| all | ${result.before} | ${result.after} | median ${result.medianRatio}; after lower in ${result.afterLower} of ${result.rounds.length} |`,
  ];
  return lines.join('\n');
}
