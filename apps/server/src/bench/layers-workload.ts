/**
 * `pnpm bench --only layers`: where workload 1's CPU goes, layer by layer, measured the way
 * workload 1 is (a fresh server's first runs, CPU of its tree) instead of read off a profile.
 * Three calls, each adding one layer to the one before: an authenticated `GET /api/me` (Fastify,
 * Nest, the API-key guard, a JSON answer), an `input → template` run with `?wait=true` (the run
 * route, the engine, the run's two statements), and workload 1's `input → prompt → template` run
 * (the model step: LangChain, the lean transport, the mock's streamed answer). Each kind runs on
 * a server of its own, started fresh, so every figure is a first-630-calls figure like workload 1's.
 *
 * Why not a profile: V8's sampling profiler ticks every ≈ 1 ms by default, and a server under a
 * sequential load repeats the same few-millisecond cycle, so samples alias onto a few functions
 * (find-my-way's route lookup read 5.7 % at 1 ms and 1.2 % at 97 µs on the same workload).
 */
import type { WorkflowGraph } from '@flowpress/shared';
import type { CpuMeter } from './proc.js';
import { round2 } from './stats.js';
import { runOnce, threeNodeGraph, type Client } from './workloads.js';

export type LayerKind = 'me' | 'template-run' | 'pipeline-run';

export const LAYERS: { kind: LayerKind; what: string }[] = [
  { kind: 'me', what: '`GET /api/me` with the API key: Fastify, Nest, the guard, a JSON answer' },
  { kind: 'template-run', what: '`input → template` run, `?wait=true`: + the run route, the engine, 2 statements' },
  { kind: 'pipeline-run', what: "workload 1's `input → prompt → template` run: + the model step" },
];

/** Workload 1's graph without its model step. */
export const templateGraph: WorkflowGraph = {
  version: 1,
  nodes: [
    threeNodeGraph.nodes[0]!,
    { id: 'final', type: 'template', position: { x: 520, y: 0 }, data: { template: '# {{brief.topic}}\n\nA fixed paragraph.' } },
  ],
  edges: [{ id: 'e1', source: 'brief', target: 'final' }],
};

export interface LayerCounts {
  warmup: number;
  calls: number;
}

export const FULL_LAYER_COUNTS: LayerCounts = { warmup: 30, calls: 600 };
export const SMOKE_LAYER_COUNTS: LayerCounts = { warmup: 1, calls: 3 };

export interface LayerResult {
  kind: LayerKind;
  calls: number;
  /** CPU ms per call: the server's whole tree (its database child included), and its own process. */
  cpuMsPerCall: { tree: number; server: number };
}

/** One call of `kind`; throws unless it answered as it should. */
async function call(c: Client, kind: LayerKind, workflowId: string, i: number): Promise<void> {
  if (kind === 'me') {
    const res = await c.get<{ id?: string }>('/api/me');
    if (res.status !== 200 || !res.body.id) throw new Error(`GET /api/me answered ${res.status}`);
    return;
  }
  await runOnce(c, workflowId, `layer ${i}`);
}

/**
 * `counts.calls` calls of `kind` one after another after `counts.warmup`, metered by `meters`
 * (the caller's fresh server: its tree, and its own process). `workflowId` is the run's workflow
 * (`templateGraph` or workload 1's; unused by `me`).
 */
export async function measureLayer(
  c: Client,
  kind: LayerKind,
  workflowId: string,
  counts: LayerCounts,
  meters: { tree: CpuMeter; server: CpuMeter },
): Promise<LayerResult> {
  for (let i = 0; i < counts.warmup; i++) await call(c, kind, workflowId, i);
  await meters.tree.start();
  await meters.server.start();
  for (let i = 0; i < counts.calls; i++) await call(c, kind, workflowId, i);
  const tree = await meters.tree.stop();
  const server = await meters.server.stop();
  return { kind, calls: counts.calls, cpuMsPerCall: { tree: round2(tree / counts.calls), server: round2(server / counts.calls) } };
}

export function layersTable(results: LayerResult[]): string {
  let before: LayerResult | undefined;
  const rows = results.map((r) => {
    const what = LAYERS.find((l) => l.kind === r.kind)?.what ?? r.kind;
    const added = before ? round2(r.cpuMsPerCall.tree - before.cpuMsPerCall.tree) : r.cpuMsPerCall.tree;
    before = r;
    return `| ${what} | ${r.calls} | **${r.cpuMsPerCall.tree}** / ${r.cpuMsPerCall.server} | ${added} |`;
  });
  return [
    '| call (each on a fresh server, one after another) | calls | CPU ms per call: tree / server process | added by the layer (tree) |',
    '|---|---|---|---|',
    ...rows,
  ].join('\n');
}
