/**
 * Workloads 3–6 of issue #13, through the public API and socket only (CONTRACT §2, §3):
 * fan-out parallelism, token streaming latency, runs parked at review, and a 500-step graph.
 */
import { performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import { registry } from '@flowpress/nodes';
import type { MockOpenAI, TokenWrite } from '@flowpress/nodes/testing';
import { validateGraph, type WorkflowGraph } from '@flowpress/shared';
import { round2, summarize } from './stats.js';
import { createWorkflow, runOnce, type Client, type RunAnswer } from './workloads.js';

const input = {
  id: 'brief',
  type: 'input',
  position: { x: 0, y: 0 },
  data: { fields: [{ name: 'topic', type: 'text', required: true }] },
};

/** Runs `count` jobs with at most `inFlight` outstanding. */
async function pool<T>(
  count: number,
  inFlight: number,
  job: (i: number) => Promise<T>,
): Promise<T[]> {
  const out: T[] = new Array<T>(count);
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const i = next++;
      out[i] = await job(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, lane));
  return out;
}

// ---------------------------------------------------------------- 3. fan-out

export function fanOutGraph(width: number): WorkflowGraph {
  const prompts = Array.from({ length: width }, (_, i) => ({
    id: `p${i + 1}`,
    type: 'prompt',
    position: { x: 260, y: i * 120 },
    data: { template: `Angle ${i + 1} on {{brief.topic}}.` },
  }));
  return {
    version: 1,
    nodes: [
      input,
      ...prompts,
      {
        id: 'join',
        type: 'template',
        position: { x: 520, y: 0 },
        data: { template: prompts.map((p) => `{{${p.id}.text}}`).join('\n') },
      },
    ],
    edges: [
      ...prompts.map((p) => ({ id: `in_${p.id}`, source: 'brief', target: p.id })),
      ...prompts.map((p) => ({ id: `out_${p.id}`, source: p.id, target: 'join' })),
    ],
  };
}

export interface FanOutResult {
  width: number;
  modelLatencyMs: number;
  runs: number;
  /** What the caller of `?wait=true` waited. */
  clientMs: { p50: number; min: number; max: number };
  /** The server's own started → finished. */
  serverMs: { p50: number; min: number; max: number };
}

export async function fanOutWorkload(
  c: Client,
  key: string,
  baseUrl: string,
  mock: MockOpenAI,
  opts: { width: number; modelLatencyMs: number; runs: number },
): Promise<FanOutResult> {
  const id = await createWorkflow(
    baseUrl,
    key,
    `bench: fan-out to ${opts.width} prompts`,
    fanOutGraph(opts.width),
  );
  mock.configure({ latencyMs: opts.modelLatencyMs });
  const client: number[] = [];
  const server: number[] = [];
  try {
    await runOnce(c, id, 'warm-up'); // the first run of a graph compiles and loads what it needs
    for (let i = 0; i < opts.runs; i++) {
      const t0 = performance.now();
      const run = await runOnce(c, id, `fan-out ${i}`);
      client.push(performance.now() - t0);
      server.push(new Date(run.finishedAt!).getTime() - new Date(run.startedAt!).getTime());
    }
  } finally {
    mock.configure({ latencyMs: 0 });
  }
  const sum = (xs: number[]) => {
    const s = summarize(xs);
    return { p50: round2(s.p50), min: round2(Math.min(...xs)), max: round2(Math.max(...xs)) };
  };
  return {
    width: opts.width,
    modelLatencyMs: opts.modelLatencyMs,
    runs: opts.runs,
    clientMs: sum(client),
    serverMs: sum(server),
  };
}

// ---------------------------------------------------------------- 4. streaming

export interface StreamingResult {
  runs: number;
  tokenIntervalMs: number;
  /** Token writes matched to the `node.token` event that carried them. */
  samples: number;
  /** Writes made before the subscription took effect (not measurable). */
  beforeSubscribe: number;
  /** Runs whose received text was not a suffix of what the mock wrote (should be 0). */
  mismatchedRuns: number;
  /** `node.token` events received, and writes: fewer events than writes means coalescing. */
  events: number;
  writes: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
}

interface RunEvent {
  runId: string;
  seq: number;
  type: string;
  nodeId?: string;
  data?: { text?: string };
}

/**
 * The mock writes a token every `tokenIntervalMs`; the time from each write (the mock's hook,
 * same process and clock) to the `node.token` event that carries it at a socket.io-client
 * subscribed to the run. Events are matched to writes by text offset, not by count, since the
 * server may coalesce tokens that arrive together into one event.
 */
export async function streamingWorkload(
  c: Client,
  key: string,
  sessionToken: string,
  baseUrl: string,
  mock: MockOpenAI,
  opts: { runs: number; tokens: number; tokenIntervalMs: number },
): Promise<StreamingResult> {
  const graph: WorkflowGraph = {
    version: 1,
    nodes: [
      input,
      {
        id: 'draft',
        type: 'prompt',
        position: { x: 260, y: 0 },
        data: { template: 'Stream about {{brief.topic}}.' },
      },
    ],
    edges: [{ id: 'e1', source: 'brief', target: 'draft' }],
  };
  const id = await createWorkflow(baseUrl, key, 'bench: streaming', graph);
  const reply = Array.from({ length: opts.tokens }, (_, i) => `w${i}`).join(' ');
  let writes: TokenWrite[] = [];
  mock.configure({
    tokenDelayMs: opts.tokenIntervalMs,
    reply: () => reply,
    onTokenWrite: (w) => writes.push(w),
  });
  const socket = io(baseUrl, {
    auth: { token: sessionToken },
    transports: ['websocket'],
    reconnection: false,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const received = new Map<string, { text: string; at: number }[]>();
  const ended = new Map<string, () => void>();
  socket.on('run:event', (e: RunEvent) => {
    const at = performance.now();
    if (e.type === 'node.token' && typeof e.data?.text === 'string') {
      const list = received.get(e.runId) ?? [];
      list.push({ text: e.data.text, at });
      received.set(e.runId, list);
    }
    if (e.type === 'run.succeeded' || e.type === 'run.failed' || e.type === 'run.canceled')
      ended.get(e.runId)?.();
  });
  const latencies: number[] = [];
  let beforeSubscribe = 0;
  let mismatchedRuns = 0;
  let events = 0;
  let writeCount = 0;
  try {
    for (let i = 0; i < opts.runs; i++) {
      writes = [];
      const { status, body } = await c.post<RunAnswer>(`/api/workflows/${id}/runs`, {
        inputs: { topic: `stream ${i}` },
      });
      if (status !== 201) throw new Error(`streaming run: HTTP ${status}`);
      const done = new Promise<void>((resolve) => ended.set(body.id, resolve));
      const ack = (await socket
        .timeout(10_000)
        .emitWithAck('run:subscribe', { runId: body.id })) as { ok: boolean; status?: string };
      if (!ack.ok) throw new Error(`run:subscribe refused: ${JSON.stringify(ack)}`);
      if (!['succeeded', 'failed', 'canceled'].includes(ack.status ?? '')) {
        await Promise.race([
          done,
          new Promise((_, reject) =>
            setTimeout(() => reject(new Error('streaming run did not end')), 60_000),
          ),
        ]);
      }
      socket.emit('run:unsubscribe', { runId: body.id });
      const last = writes.at(-1)?.completionId;
      const own = writes.filter((w) => w.completionId === last);
      const got = received.get(body.id) ?? [];
      received.delete(body.id);
      writeCount += own.length;
      events += got.length;
      const written = own.map((w) => w.text).join('');
      const text = got.map((g) => g.text).join('');
      if (!written.endsWith(text)) {
        mismatchedRuns++;
        continue;
      }
      // A late subscriber sees a suffix: align it with the end of what was written.
      const base = written.length - text.length;
      const ends: number[] = [];
      let offset = base;
      for (const g of got) ends.push((offset += g.text.length));
      let e = 0;
      for (const w of own) {
        if (w.offset < base) {
          beforeSubscribe++;
          continue;
        }
        const end = w.offset + w.text.length;
        while (e < ends.length && ends[e]! < end) e++;
        if (e < ends.length) latencies.push(got[e]!.at - w.at);
      }
    }
  } finally {
    socket.close();
    mock.configure({ tokenDelayMs: 0, reply: undefined, onTokenWrite: undefined });
  }
  const s = summarize(latencies);
  return {
    runs: opts.runs,
    tokenIntervalMs: opts.tokenIntervalMs,
    samples: latencies.length,
    beforeSubscribe,
    mismatchedRuns,
    events,
    writes: writeCount,
    latencyMs: {
      p50: round2(s.p50),
      p95: round2(s.p95),
      p99: round2(s.p99),
      max: round2(latencies.length ? Math.max(...latencies) : NaN),
    },
  };
}

// ---------------------------------------------------------------- 5. waiting at scale

export interface ReviewScaleResult {
  runs: number;
  /** Runs started and parked at review (through `?wait=true`, 8 in flight), per second. */
  parkedPerSecond: number;
  /** `GET /api/reviews?status=pending` (default page of 100, and the largest page, 500). */
  listMs: { page100: { p50: number; p95: number }; page500: { p50: number; p95: number } };
  /** Decisions accepted per second (8 in flight). */
  approvalsPerSecond: number;
  /** Runs ended per second, from the first approval to the last run ending. */
  completionsPerSecond: number;
  succeeded: number;
  lost: number;
}

interface ReviewItem {
  id: string;
  runId: string;
}

export async function reviewScaleWorkload(
  c: Client,
  key: string,
  baseUrl: string,
  opts: { runs: number; inFlight: number; listRepeats: number },
): Promise<ReviewScaleResult> {
  const graph: WorkflowGraph = {
    version: 1,
    nodes: [
      input,
      {
        id: 'draft',
        type: 'template',
        position: { x: 200, y: 0 },
        data: { template: 'Draft on {{brief.topic}}' },
      },
      {
        id: 'check',
        type: 'review',
        position: { x: 400, y: 0 },
        data: { instructions: 'Check {{brief.topic}}' },
      },
      {
        id: 'final',
        type: 'template',
        position: { x: 600, y: 0 },
        data: { template: 'FINAL: {{check.text}}' },
      },
    ],
    edges: [
      { id: 'e1', source: 'brief', target: 'draft' },
      { id: 'e2', source: 'draft', target: 'check' },
      { id: 'e3', source: 'check', target: 'final' },
    ],
  };
  const wf = await createWorkflow(baseUrl, key, 'bench: parked at review', graph);
  const t0 = performance.now();
  const runIds = await pool(opts.runs, opts.inFlight, async (i) => {
    const { status, body } = await c.post<RunAnswer>(
      `/api/workflows/${wf}/runs?wait=true&timeoutMs=60000`,
      { inputs: { topic: `review ${i}` } },
    );
    if (status !== 200 || body.status !== 'waiting_review')
      throw new Error(`run did not park at review: HTTP ${status} ${body.status}`);
    return body.id;
  });
  const parkedPerSecond = opts.runs / ((performance.now() - t0) / 1000);

  const timeList = async (limit: number) => {
    const samples: number[] = [];
    for (let i = 0; i < opts.listRepeats; i++) {
      const s = performance.now();
      const { status } = await c.get<ReviewItem[]>(`/api/reviews?status=pending&limit=${limit}`);
      if (status !== 200) throw new Error(`list reviews: HTTP ${status}`);
      samples.push(performance.now() - s);
    }
    const sum = summarize(samples);
    return { p50: round2(sum.p50), p95: round2(sum.p95) };
  };
  const listMs = { page100: await timeList(100), page500: await timeList(500) };

  const tApprove = performance.now();
  let approved = 0;
  for (;;) {
    const { body: page } = await c.get<ReviewItem[]>(
      `/api/reviews?status=pending&workflowId=${wf}&limit=500`,
    );
    if (!page.length) break;
    await pool(page.length, opts.inFlight, async (i) => {
      const { status } = await c.post(`/api/reviews/${page[i]!.id}/decision`, {
        action: 'approve',
      });
      if (status !== 200 && status !== 201) throw new Error(`approve: HTTP ${status}`);
    });
    approved += page.length;
  }
  const approvalsPerSecond = approved / ((performance.now() - tApprove) / 1000);

  // Every run must end; poll each until it does (none may be lost).
  const statuses = new Map<string, string>();
  const deadline = performance.now() + 120_000;
  let pending = runIds;
  while (pending.length && performance.now() < deadline) {
    await pool(pending.length, opts.inFlight, async (i) => {
      const { body } = await c.get<RunAnswer>(`/api/runs/${pending[i]}`);
      statuses.set(pending[i]!, body.status);
    });
    pending = pending.filter(
      (id) => !['succeeded', 'failed', 'canceled'].includes(statuses.get(id) ?? ''),
    );
    if (pending.length) await new Promise((r) => setTimeout(r, 100));
  }
  const completionsPerSecond =
    (runIds.length - pending.length) / ((performance.now() - tApprove) / 1000);
  const succeeded = [...statuses.values()].filter((s) => s === 'succeeded').length;
  return {
    runs: opts.runs,
    parkedPerSecond: round2(parkedPerSecond),
    listMs,
    approvalsPerSecond: round2(approvalsPerSecond),
    completionsPerSecond: round2(completionsPerSecond),
    succeeded,
    lost: opts.runs - succeeded,
  };
}

// ---------------------------------------------------------------- 6. large graphs

/**
 * The graph of the e2e canvas bench (e2e/support/bigGraph.ts, same shape): one input, rows of
 * prompt and template steps chained left to right, diagonal edges between neighbouring rows.
 */
export function bigGraph(count: number, columns = 20): WorkflowGraph {
  const nodes: WorkflowGraph['nodes'] = [{ ...input, id: 'brief', position: { x: -360, y: 0 } }];
  const edges: WorkflowGraph['edges'] = [];
  const idAt = (row: number, col: number) => `n${row}_${col}`;
  const rows = Math.ceil((count - 1) / columns);
  let made = 1;
  for (let row = 0; row < rows && made < count; row++) {
    for (let col = 0; col < columns && made < count; col++, made++) {
      const id = idAt(row, col);
      const prompt = (row + col) % 3 !== 2;
      nodes.push({
        id,
        type: prompt ? 'prompt' : 'template',
        position: { x: col * 340, y: row * 220 },
        data: prompt
          ? { template: `Write variant ${row + 1}.${col + 1} of the tagline.`, temperature: 0.7 }
          : { template: `Variant ${row + 1}.${col + 1}` },
      });
      if (col === 0)
        edges.push({ id: `e_in_${id}`, source: 'brief', target: id, sourceHandle: 'topic' });
      else
        edges.push({ id: `e_${id}`, source: idAt(row, col - 1), target: id, sourceHandle: 'text' });
      if (row > 0 && col > 0 && col % 2 === 0)
        edges.push({
          id: `d_${id}`,
          source: idAt(row - 1, col - 1),
          target: id,
          sourceHandle: 'text',
        });
    }
  }
  return { version: 1, nodes, edges };
}

export interface LargeGraphResult {
  nodes: number;
  edges: number;
  /** The server's validation function (shared `validateGraph` with the server's node catalog), in process. */
  validateMs: { p50: number; p95: number };
  /** Through the API: create (POST), save a new version (PUT), load (GET); 3-node graph alongside. */
  createMs: { large: number; small: number };
  saveMs: { large: number; small: number };
  loadMs: { large: number; small: number };
  /** Save time of the large graph minus the small one: validation plus the larger row, as the server sees it. */
  saveExtraMs: number;
  bytes: number;
}

const smallGraph: WorkflowGraph = {
  version: 1,
  nodes: [
    input,
    {
      id: 'out',
      type: 'template',
      position: { x: 260, y: 0 },
      data: { template: '{{brief.topic}}' },
    },
  ],
  edges: [{ id: 'e1', source: 'brief', target: 'out' }],
};

export async function largeGraphWorkload(
  c: Client,
  opts: { nodes: number; repeats: number },
): Promise<LargeGraphResult> {
  const graph = bigGraph(opts.nodes);
  const validations: number[] = [];
  for (let i = 0; i < opts.repeats + 3; i++) {
    const s = performance.now();
    const result = validateGraph(graph, registry);
    const ms = performance.now() - s;
    if (!result.ok)
      throw new Error(`the large graph is invalid: ${JSON.stringify(result.issues.slice(0, 3))}`);
    if (i >= 3) validations.push(ms); // the first calls warm the JIT
  }
  const api = async (g: WorkflowGraph) => {
    const create: number[] = [];
    const save: number[] = [];
    const load: number[] = [];
    for (let i = 0; i < opts.repeats; i++) {
      let s = performance.now();
      const created = await c.post<{ id: string }>('/api/workflows', {
        name: `bench: ${g.nodes.length} steps`,
        graph: g,
      });
      create.push(performance.now() - s);
      if (created.status !== 201) throw new Error(`create large workflow: HTTP ${created.status}`);
      s = performance.now();
      const saved = await c.put(`/api/workflows/${created.body.id}`, { graph: g });
      save.push(performance.now() - s);
      if (saved.status !== 200) throw new Error(`save large workflow: HTTP ${saved.status}`);
      s = performance.now();
      const loaded = await c.get<{ graph: WorkflowGraph }>(`/api/workflows/${created.body.id}`);
      load.push(performance.now() - s);
      if (loaded.body.graph.nodes.length !== g.nodes.length)
        throw new Error('the loaded graph lost nodes');
    }
    const p50 = (xs: number[]) => round2(summarize(xs).p50);
    return { create: p50(create), save: p50(save), load: p50(load) };
  };
  await api(smallGraph); // warm the routes
  const small = await api(smallGraph);
  const large = await api(graph);
  const v = summarize(validations);
  return {
    nodes: graph.nodes.length,
    edges: graph.edges.length,
    validateMs: { p50: round2(v.p50), p95: round2(v.p95) },
    createMs: { large: large.create, small: small.create },
    saveMs: { large: large.save, small: small.save },
    loadMs: { large: large.load, small: small.load },
    saveExtraMs: round2(large.save - small.save),
    bytes: JSON.stringify(graph).length,
  };
}
