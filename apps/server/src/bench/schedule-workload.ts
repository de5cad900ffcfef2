import { readFileSync } from 'node:fs';
import type { RunView, ScheduleView } from '@flowpress/shared';
import { round2, summarize } from './stats.js';
import { apiKey, createWorkflow, login, type BenchTarget } from './workloads.js';

/**
 * The scheduler's workload: `idle` enabled schedules that do not fire during the test (idle CPU of
 * the server process per minute, against the same server with none), then `simultaneous`
 * one-shot schedules due in the same second (fire lag: the run's creation minus its fire time).
 */
export interface ScheduleCounts {
  idle: number;
  simultaneous: number;
  /** How long idle CPU is sampled, each time. */
  idleWindowMs: number;
}

export const FULL_SCHEDULE_COUNTS: ScheduleCounts = {
  idle: 1000,
  simultaneous: 100,
  idleWindowMs: 30_000,
};
export const SMOKE_SCHEDULE_COUNTS: ScheduleCounts = {
  idle: 5,
  simultaneous: 3,
  idleWindowMs: 500,
};

export interface ScheduleBenchResult {
  database: string;
  idleSchedules: number;
  /** CPU ms the server used per minute idle: with no schedules, then with `idleSchedules`. */
  idleCpuMsPerMinNone: number | null;
  idleCpuMsPerMin: number | null;
  simultaneous: number;
  fireLag: { p50: number; p95: number; max: number };
}

/** utime + stime of a process in ms (Linux /proc; clock ticks are 100 Hz on this kernel). */
export function cpuMsOf(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

const graph = {
  version: 1 as const,
  nodes: [
    {
      id: 'brief',
      type: 'input',
      position: { x: 0, y: 0 },
      data: { fields: [{ name: 'topic', type: 'text', required: true }] },
    },
    {
      id: 'out',
      type: 'template',
      position: { x: 250, y: 0 },
      data: { template: 'About {{brief.topic}}' },
    },
  ],
  edges: [{ id: 'e1', source: 'brief', target: 'out' }],
};

export async function scheduleWorkload(
  target: BenchTarget,
  cpuMs: () => number | null,
  database: string,
  admin: { email: string; password: string },
  counts: ScheduleCounts,
): Promise<ScheduleBenchResult> {
  const token = await login(target.baseUrl, admin.email, admin.password);
  const key = await apiKey(target.baseUrl, token);
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${target.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (res.status === 204 ? undefined : await res.json()) as T;
  };
  const idleCpu = async (): Promise<number | null> => {
    const before = cpuMs();
    await new Promise((r) => setTimeout(r, counts.idleWindowMs));
    const after = cpuMs();
    return before === null || after === null
      ? null
      : round2(((after - before) / counts.idleWindowMs) * 60_000);
  };

  const workflowId = await createWorkflow(target.baseUrl, key, 'bench: scheduled', graph);
  const none = await idleCpu();
  // Yearly on 1 January: enabled, computed, never due while measured.
  const idle: string[] = [];
  for (let i = 0; i < counts.idle; i++) {
    const s = await call<ScheduleView>('POST', `/api/workflows/${workflowId}/schedules`, {
      cron: `${i % 60} ${i % 24} 1 1 *`,
      timezone: 'Europe/Berlin',
      inputs: { topic: `idle ${i}` },
    });
    idle.push(s.id);
  }
  await new Promise((r) => setTimeout(r, 5000)); // let the creation requests' work (GC, JIT) settle
  const withSchedules = await idleCpu();

  // All due in the same second, a few seconds out (long enough to create them all first).
  const fireAt = new Date(Math.ceil((Date.now() + 3000 + counts.simultaneous * 30) / 1000) * 1000);
  const due: string[] = [];
  for (let i = 0; i < counts.simultaneous; i++) {
    const s = await call<ScheduleView>('POST', `/api/workflows/${workflowId}/schedules`, {
      runAt: fireAt.toISOString(),
      inputs: { topic: `burst ${i}` },
      overlap: 'allow',
    });
    due.push(s.id);
  }
  let runs: RunView[] = [];
  const deadline = Date.now() + 120_000 + (fireAt.getTime() - Date.now());
  while (Date.now() < deadline) {
    runs = (await call<RunView[]>('GET', '/api/runs?trigger=schedule&limit=200')).filter(
      (r) => r.fireAt === fireAt.toISOString(),
    );
    if (runs.length >= counts.simultaneous) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  if (runs.length < counts.simultaneous)
    throw new Error(`only ${runs.length} of ${counts.simultaneous} fires made a run`);
  const lag = summarize(runs.map((r) => new Date(r.createdAt).getTime() - fireAt.getTime()));
  for (const id of [...idle, ...due]) await call('DELETE', `/api/schedules/${id}`);
  return {
    database,
    idleSchedules: counts.idle,
    idleCpuMsPerMinNone: none,
    idleCpuMsPerMin: withSchedules,
    simultaneous: counts.simultaneous,
    fireLag: {
      p50: round2(lag.p50),
      p95: round2(lag.p95),
      max: round2(Math.max(...runs.map((r) => new Date(r.createdAt).getTime() - fireAt.getTime()))),
    },
  };
}

export function scheduleMarkdown(results: ScheduleBenchResult[]): string {
  const lines = [
    '| database | enabled schedules | idle CPU, none → with them (ms per min) | fires due in one second | fire lag p50 / p95 / max (ms) |',
    '|---|---|---|---|---|',
  ];
  for (const r of results) {
    lines.push(
      `| ${r.database} | ${r.idleSchedules} | ${r.idleCpuMsPerMinNone ?? 'n/a'} → ${r.idleCpuMsPerMin ?? 'n/a'} | ${r.simultaneous} | ${r.fireLag.p50} / ${r.fireLag.p95} / ${r.fireLag.max} |`,
    );
  }
  return lines.join('\n');
}
