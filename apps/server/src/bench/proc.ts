/**
 * CPU time and memory of a process tree from /proc, the method of ../shared/peers-bench/bench.mjs
 * `rss` (utime+stime of the root and every descendant, VmRSS summed), so figures compare with
 * the ones measured for Flowise and n8n. Linux only; elsewhere every reading is null.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;
function hz(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** Fields after the command name of /proc/<pid>/stat (the name may hold spaces and parentheses). */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** utime+stime of one process in ms, or null when it is gone. */
export function processCpuMs(pid: number): number | null {
  const f = statFields(pid);
  return f ? ((Number(f[11]) + Number(f[12])) * 1000) / hz() : null;
}

export function processRssBytes(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : null;
  } catch {
    return null;
  }
}

/** The root and all its descendants alive now. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  for (const d of entries) {
    if (!/^\d+$/.test(d)) continue;
    const f = statFields(Number(d));
    if (!f) continue;
    const ppid = Number(f[1]);
    const list = children.get(ppid);
    if (list) list.push(Number(d));
    else children.set(ppid, [Number(d)]);
  }
  const pids: number[] = [];
  const stack = [root];
  while (stack.length) {
    const p = stack.pop()!;
    pids.push(p);
    stack.push(...(children.get(p) ?? []));
  }
  return pids;
}

export interface TreeMemory {
  /** The root process alone. */
  rssBytes: number | null;
  /** The root and its descendants (e.g. an embedded database child). */
  treeRssBytes: number | null;
  processes: number;
}

export function treeMemory(root: number): TreeMemory {
  const pids = processTree(root);
  let total = 0;
  let seen = 0;
  for (const p of pids) {
    const rss = processRssBytes(p);
    if (rss !== null) {
      total += rss;
      seen++;
    }
  }
  return { rssBytes: processRssBytes(root), treeRssBytes: seen ? total : null, processes: seen };
}

/**
 * CPU used by a changing set of processes over a window. Each pid's last reading is kept, and the
 * set is re-read every `intervalMs` while the window is open, so a child that starts or ends
 * inside it is counted up to its last sample (a process that ends is not in its parent's utime,
 * only in cutime once reaped, which is why the tree is sampled while its members are alive).
 */
export class CpuMeter {
  private readonly baseline = new Map<number, number>();
  private readonly last = new Map<number, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly pids: () => number[] | Promise<number[]>,
    private readonly intervalMs = 200,
  ) {}

  async start(): Promise<void> {
    this.baseline.clear();
    this.last.clear();
    for (const pid of await this.pids()) {
      const cpu = processCpuMs(pid);
      if (cpu !== null) {
        this.baseline.set(pid, cpu);
        this.last.set(pid, cpu);
      }
    }
    // A sample that fails (a process gone mid-read) is harmless: the next one reads every pid
    // again, and the totals keep the last value each pid reached.
    this.timer = setInterval(() => void this.sample().catch(() => undefined), this.intervalMs);
    this.timer.unref();
  }

  private async sample(): Promise<void> {
    for (const pid of await this.pids()) {
      const cpu = processCpuMs(pid);
      // A pid first seen inside the window started inside it: all its CPU belongs to the window.
      if (cpu !== null) this.last.set(pid, cpu);
    }
  }

  /** CPU ms of the set since start(). */
  async stop(): Promise<number> {
    clearInterval(this.timer);
    await this.sample();
    let total = 0;
    for (const [pid, cpu] of this.last) total += cpu - (this.baseline.get(pid) ?? 0);
    return total;
  }
}

/** A meter over a process and all its descendants. */
export const treeCpuMeter = (root: number, intervalMs?: number) =>
  new CpuMeter(() => processTree(root), intervalMs);
