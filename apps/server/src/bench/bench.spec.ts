import { spawn } from 'node:child_process';
import { startMockOpenAI, type MockOpenAI } from '@flowpress/nodes/testing';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { processTree, treeCpuMeter, treeMemory } from './proc.js';
import {
  benchTarget,
  markdownTable,
  openSession,
  SMOKE_COUNTS,
  type BenchSession,
} from './run-bench.js';
import {
  fanOutWorkload,
  largeGraphWorkload,
  reviewScaleWorkload,
  streamingWorkload,
} from './scale-workloads.js';
import { fanOutTable, largeGraphTable, reviewTable, streamingTable } from './tables.js';
import { percentile, summarize } from './stats.js';
import {
  abTable,
  abWindowWorkload,
  abWorkload,
  SMOKE_AB_COUNTS,
  SMOKE_AB_WINDOW,
} from './ab-workload.js';
import {
  LAYERS,
  layersTable,
  measureLayer,
  SMOKE_LAYER_COUNTS,
  templateGraph,
} from './layers-workload.js';
import { createWorkflow, threeNodeGraph } from './workloads.js';

describe('bench statistics', () => {
  it('takes nearest-rank percentiles', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(summarize([3, 1, 2])).toMatchObject({ count: 3, p50: 2, mean: 2 });
  });
});

describe('bench process tree', () => {
  it('counts the CPU and memory of a child process', async () => {
    // A child that burns 300 ms of its own CPU (not wall time: the machine may be loaded); the
    // tree meter must see it, the root alone would not.
    const child = spawn(
      process.execPath,
      ['-e', 'const s = process.cpuUsage().user; while (process.cpuUsage().user - s < 300000);'],
      { stdio: 'ignore' },
    );
    const meter = treeCpuMeter(process.pid, 50);
    await meter.start();
    expect(processTree(process.pid)).toContain(child.pid);
    expect(treeMemory(process.pid).processes).toBeGreaterThanOrEqual(2);
    await new Promise((resolve) => child.once('exit', resolve));
    // The child is gone now; its CPU was read by the samples taken while it ran.
    const cpu = await meter.stop();
    expect(cpu).toBeGreaterThanOrEqual(250);
  });
});

// A smoke run with tiny counts against an in-process server, so the bench cannot rot.
describe('bench smoke', () => {
  let t: TestApp;
  let mock: MockOpenAI;
  let session: BenchSession;
  beforeAll(async () => {
    mock = await startMockOpenAI();
    t = await startTestApp({
      database: 'pglite',
      env: { OPENAI_BASE_URL: mock.url, OPENAI_API_KEY: 'bench' },
    });
    session = await openSession(t.url, t.admin);
  });
  afterAll(async () => {
    await t?.close();
    await mock?.close();
  });

  it('runs workloads 1 and 2 end to end with a CPU meter and prints a table', async () => {
    const result = await benchTarget(
      { baseUrl: t.url, rss: async () => process.memoryUsage().rss },
      'smoke',
      t.admin,
      SMOKE_COUNTS,
      {
        session,
        meters: { server: treeCpuMeter(process.pid) },
      },
    );
    expect(result.sequential.p50).toBeGreaterThan(0);
    expect(result.concurrent.runsPerSecond).toBeGreaterThan(0);
    expect(result.chain.length).toBe(SMOKE_COUNTS.chainLength);
    expect(Object.keys(result.cpuMsPerRun).sort()).toEqual(['server', 'total']);
    expect(markdownTable([result], SMOKE_COUNTS)).toContain('| smoke |');
  });

  it('fans out to parallel prompts joined by a template', async () => {
    const result = await fanOutWorkload(session.c, session.key, t.url, mock, {
      width: 3,
      modelLatencyMs: 50,
      runs: 1,
    });
    expect(result.runs).toBe(1);
    expect(result.serverMs.p50).toBeGreaterThan(0);
    expect(fanOutTable([{ database: 'smoke', value: result }])).toContain('3 × 50 ms');
  });

  it('matches every streamed write to the node.token event that carried it', async () => {
    const result = await streamingWorkload(session.c, session.key, session.token, t.url, mock, {
      runs: 1,
      tokens: 5,
      tokenIntervalMs: 20,
    });
    expect(result.writes).toBe(5);
    expect(result.mismatchedRuns).toBe(0);
    expect(result.samples + result.beforeSubscribe).toBe(5);
    expect(streamingTable([{ database: 'smoke', value: result }])).toContain('| smoke |');
  });

  it('parks runs at review, lists, approves them all and loses none', async () => {
    const result = await reviewScaleWorkload(session.c, session.key, t.url, {
      runs: 4,
      inFlight: 2,
      listRepeats: 1,
    });
    expect(result).toMatchObject({ runs: 4, succeeded: 4, lost: 0 });
    expect(reviewTable([{ database: 'smoke', value: result }])).toContain('4 / 0');
  });

  it('compares two targets in alternating rounds (--ab), every run answered', async () => {
    // Both sides are this process here (one in-process app, two workflows): the figures only have
    // to be measured, not to differ.
    const sides = await Promise.all(
      ['before', 'after'].map(async (name) => ({
        pid: process.pid,
        c: session.c,
        workflowId: await createWorkflow(t.url, session.key, `ab ${name}`, threeNodeGraph),
      })),
    );
    const result = await abWorkload(sides[0]!, sides[1]!, SMOKE_AB_COUNTS, (pid) =>
      treeCpuMeter(pid),
    );
    expect(result.rounds).toHaveLength(SMOKE_AB_COUNTS.rounds);
    for (const round of result.rounds) {
      expect(round.before).toBeGreaterThan(0);
      expect(round.after).toBeGreaterThan(0);
      expect(round.ratio).toBeCloseTo(round.after / round.before, 1);
    }
    const ratios = result.rounds.map((r) => r.ratio);
    expect(result.medianRatio).toBeGreaterThanOrEqual(Math.min(...ratios));
    expect(result.medianRatio).toBeLessThanOrEqual(Math.max(...ratios));
    expect(abTable(result, 'the same build')).toContain(
      `| all | ${result.before} | ${result.after} |`,
    );
    // Each side ran its warm-up and every round's runs, and each of them succeeded.
    const perSide =
      SMOKE_AB_COUNTS.warmup +
      SMOKE_AB_COUNTS.rounds * (SMOKE_AB_COUNTS.sequential + SMOKE_AB_COUNTS.concurrent);
    for (const side of sides) {
      const runs = await session.c.get<{ status: string }[]>(
        `/api/runs?workflowId=${side.workflowId}&limit=200`,
      );
      expect(runs.body.map((r) => r.status)).toEqual(Array(perSide).fill('succeeded'));
    }
  });

  it('compares two targets over workload 1’s window, a fresh pair each time (--ab-window)', async () => {
    const workflows: string[] = [];
    let closed = 0;
    const result = await abWindowWorkload(
      { ...SMOKE_AB_WINDOW, pairs: 2 },
      async () => {
        // "Fresh" here is a new workflow per side: the in-process app stands in for both servers.
        const side = async (name: string) => {
          const workflowId = await createWorkflow(
            t.url,
            session.key,
            `window ${name}`,
            threeNodeGraph,
          );
          workflows.push(workflowId);
          return { pid: process.pid, c: session.c, workflowId };
        };
        return {
          before: await side('before'),
          after: await side('after'),
          close: async () => void closed++,
        };
      },
      (pid) => treeCpuMeter(pid),
    );
    expect(result.rounds).toHaveLength(2);
    expect(closed).toBe(2);
    // Six runs a side can fit in a few clock ticks of /proc's CPU times: figures may be 0, never less.
    for (const pair of result.rounds) {
      expect(pair.before).toBeGreaterThanOrEqual(0);
      expect(pair.after).toBeGreaterThanOrEqual(0);
    }
    expect(abTable(result, 'the same build', 'pair')).toContain('| pair | before (the same build)');
    // Every side of every pair ran its warm-up and its whole window, and every run succeeded.
    const perSide =
      SMOKE_AB_WINDOW.warmup + SMOKE_AB_WINDOW.sequential + SMOKE_AB_WINDOW.concurrent;
    expect(workflows).toHaveLength(4);
    for (const workflowId of workflows) {
      const runs = await session.c.get<{ status: string }[]>(
        `/api/runs?workflowId=${workflowId}&limit=200`,
      );
      expect(runs.body.map((r) => r.status)).toEqual(Array(perSide).fill('succeeded'));
    }
  });

  it('measures workload 1 layer by layer, every call answered (--only layers)', async () => {
    const workflows = {
      template: await createWorkflow(t.url, session.key, 'layers template', templateGraph),
      pipeline: await createWorkflow(t.url, session.key, 'layers pipeline', threeNodeGraph),
    };
    const results = [];
    for (const { kind } of LAYERS) {
      const workflowId = kind === 'pipeline-run' ? workflows.pipeline : workflows.template;
      results.push(
        await measureLayer(session.c, kind, workflowId, SMOKE_LAYER_COUNTS, {
          tree: treeCpuMeter(process.pid),
          server: treeCpuMeter(process.pid),
        }),
      );
    }
    expect(results.map((r) => r.kind)).toEqual(['me', 'template-run', 'pipeline-run']);
    // Three calls can fit in one clock tick of /proc's CPU times: a figure may be 0, never less.
    for (const r of results) {
      expect(r.calls).toBe(SMOKE_LAYER_COUNTS.calls);
      expect(Number.isFinite(r.cpuMsPerCall.tree)).toBe(true);
      expect(r.cpuMsPerCall.tree).toBeGreaterThanOrEqual(0);
      expect(r.cpuMsPerCall.server).toBeGreaterThanOrEqual(0);
    }
    const table = layersTable(results);
    expect(table.split('\n')).toHaveLength(2 + LAYERS.length);
    expect(table).toContain(`| ${SMOKE_LAYER_COUNTS.calls} | **${results[1]!.cpuMsPerCall.tree}**`);
    // Every run of both workflows ran (warm-up and measured) and succeeded.
    const perWorkflow = SMOKE_LAYER_COUNTS.warmup + SMOKE_LAYER_COUNTS.calls;
    for (const workflowId of Object.values(workflows)) {
      const runs = await session.c.get<{ status: string }[]>(`/api/runs?workflowId=${workflowId}`);
      expect(runs.body.map((r) => r.status)).toEqual(Array(perWorkflow).fill('succeeded'));
    }
  });

  it('validates, saves and loads a large graph', async () => {
    const result = await largeGraphWorkload(session.c, { nodes: 30, repeats: 1 });
    expect(result.nodes).toBe(30);
    expect(result.validateMs.p50).toBeGreaterThan(0);
    expect(largeGraphTable([{ database: 'smoke', value: result }])).toContain('30 /');
  });
});
