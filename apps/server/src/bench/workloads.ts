import { performance } from 'node:perf_hooks';
import type { WorkflowGraph } from '@flowpress/shared';
import { summarize, type LatencySummary } from './stats.js';

/** A started Flowpress server the benchmark talks to over HTTP, like any integration would. */
export interface BenchTarget {
  baseUrl: string;
  /** Resident memory of the server process in bytes, when it can be read. */
  rss(): Promise<number | null>;
}

export interface Client {
  post<T>(path: string, body: unknown): Promise<{ status: number; body: T }>;
  get<T>(path: string): Promise<{ status: number; body: T }>;
  put<T>(path: string, body: unknown): Promise<{ status: number; body: T }>;
}

export function client(baseUrl: string, token: string): Client {
  const send = async <T>(method: string, path: string, body?: unknown) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  return {
    post: <T>(path: string, body: unknown) => send<T>('POST', path, body),
    get: <T>(path: string) => send<T>('GET', path),
    put: <T>(path: string, body: unknown) => send<T>('PUT', path, body),
  };
}

export async function login(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

export async function apiKey(baseUrl: string, token: string): Promise<string> {
  const { status, body } = await client(baseUrl, token).post<{ key: string }>('/api/api-keys', { name: 'bench' });
  if (status !== 201 && status !== 200) throw new Error(`api key: ${status}`);
  return body.key;
}

export async function createWorkflow(baseUrl: string, token: string, name: string, graph: WorkflowGraph): Promise<string> {
  const { status, body } = await client(baseUrl, token).post<{ id: string; message?: string }>('/api/workflows', { name, graph });
  if (status !== 201 && status !== 200) throw new Error(`create workflow: ${status} ${JSON.stringify(body)}`);
  return body.id;
}

/** input → prompt → template: the pipeline the competitors were measured on. */
export const threeNodeGraph: WorkflowGraph = {
  version: 1,
  nodes: [
    { id: 'brief', type: 'input', position: { x: 0, y: 0 }, data: { fields: [{ name: 'topic', type: 'text', required: true }] } },
    { id: 'draft', type: 'prompt', position: { x: 260, y: 0 }, data: { template: 'Write one line about {{brief.topic}}.' } },
    { id: 'final', type: 'template', position: { x: 520, y: 0 }, data: { template: '# {{brief.topic}}\n\n{{draft.text}}' } },
  ],
  edges: [
    { id: 'e1', source: 'brief', target: 'draft' },
    { id: 'e2', source: 'draft', target: 'final' },
  ],
};

/** A chain of `length` template nodes: measures the engine, not a model. */
export function chainGraph(length: number): WorkflowGraph {
  const nodes: WorkflowGraph['nodes'] = [
    { id: 'start', type: 'input', position: { x: 0, y: 0 }, data: { fields: [{ name: 'topic', type: 'text', required: true }] } },
  ];
  const edges: WorkflowGraph['edges'] = [];
  let previous = 'start';
  for (let i = 1; i <= length; i++) {
    const id = `t${i}`;
    const ref = i === 1 ? '{{start.topic}}' : `{{${previous}.text}}`;
    nodes.push({ id, type: 'template', position: { x: i * 200, y: 0 }, data: { template: i === 1 ? ref : `${ref}` } });
    edges.push({ id: `e${i}`, source: previous, target: id });
    previous = id;
  }
  return { version: 1, nodes, edges };
}

export interface RunAnswer {
  id: string;
  status: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export async function runOnce(c: Client, workflowId: string, topic: string): Promise<RunAnswer> {
  const { status, body } = await c.post<RunAnswer>(`/api/workflows/${workflowId}/runs?wait=true&timeoutMs=30000`, {
    inputs: { topic },
  });
  if (status !== 200 || body.status !== 'succeeded') {
    throw new Error(`run did not succeed: HTTP ${status} ${JSON.stringify(body).slice(0, 300)}`);
  }
  return body;
}

export interface SequentialResult {
  latency: LatencySummary;
}

/** `count` runs one after another through `?wait=true`; the latency a caller sees. */
export async function sequentialRuns(c: Client, workflowId: string, count: number): Promise<SequentialResult> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await runOnce(c, workflowId, `topic ${i}`);
    samples.push(performance.now() - t0);
  }
  return { latency: summarize(samples) };
}

export interface ConcurrentResult {
  runsPerSecond: number;
  latency: LatencySummary;
  seconds: number;
}

/** `count` runs with `inFlight` outstanding at all times: throughput. */
export async function concurrentRuns(c: Client, workflowId: string, count: number, inFlight: number): Promise<ConcurrentResult> {
  const samples: number[] = [];
  let next = 0;
  const t0 = performance.now();
  const lane = async () => {
    while (next < count) {
      const i = next++;
      const s = performance.now();
      await runOnce(c, workflowId, `topic ${i}`);
      samples.push(performance.now() - s);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  const seconds = (performance.now() - t0) / 1000;
  return { runsPerSecond: count / seconds, latency: summarize(samples), seconds };
}

/** Engine time per node on a chain of template nodes, from the server's own run timestamps. */
export async function chainOverhead(c: Client, workflowId: string, length: number, repeats: number): Promise<{ perNodeMs: number; runMs: LatencySummary }> {
  const runMs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const run = await runOnce(c, workflowId, `chain ${i}`);
    runMs.push(new Date(run.finishedAt!).getTime() - new Date(run.startedAt!).getTime());
  }
  const summary = summarize(runMs);
  return { perNodeMs: summary.p50 / (length + 1), runMs: summary };
}
