import type { NodeServices } from '@flowpress/nodes';
import { LocalEventBus } from '../realtime/event-bus.js';
import { InProcessRunQueue } from '../queue/run-queue.js';
import { CompiledWorkflowCache } from './compiled-workflow.js';
import { Orchestrator, requeueDelay } from './orchestrator.js';
import { DEFAULT_ENGINE_OPTIONS } from './engine-core.js';
import type { RunStore } from './run-store.js';
import type { NodeRuntime } from './node-runtime.js';

describe('Orchestrator', () => {
  it('retries a run whose claim failed on a database error', async () => {
    let claims = 0;
    const store = {
      orphanedRuns: async () => [],
      claim: async () => {
        claims++;
        if (claims === 1) throw new Error('connection reset');
        return null; // second time: someone else has it, nothing to do
      },
      renewLeases: async () => undefined,
    } as unknown as RunStore;
    const queue = new InProcessRunQueue(2);
    const errors: string[] = [];
    const orchestrator = new Orchestrator({
      store,
      bus: new LocalEventBus(),
      queue,
      workflows: new CompiledWorkflowCache(async () => {
        throw new Error('not used');
      }),
      runtime: {} as NodeRuntime,
      services: {} as NodeServices,
      reviews: { open: async () => 'r', decision: async () => null },
      options: { ...DEFAULT_ENGINE_OPTIONS, workerId: 'w1', requeueBaseMs: 20 },
      onError: (m) => errors.push(m),
    });
    await orchestrator.start();
    await queue.enqueue({ runId: 'run-1' });
    for (let i = 0; i < 100 && claims < 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(claims).toBe(2);
    expect(errors[0]).toMatch(/run-1: connection reset; retrying/);
    await orchestrator.stop(0);
    await queue.close();
  });

  it('runs one pass of a run at a time in a process, even when two of its jobs arrive together', async () => {
    // The claim lets a worker take again what it holds, so only the process can refuse the second.
    let claims = 0;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const store = {
      orphanedRuns: async () => [],
      claim: async () => {
        claims++;
        await held;
        return null;
      },
      renewLeases: async () => undefined,
    } as unknown as RunStore;
    const orchestrator = new Orchestrator({
      store,
      bus: new LocalEventBus(),
      queue: new InProcessRunQueue(2),
      workflows: new CompiledWorkflowCache(async () => {
        throw new Error('not used');
      }),
      runtime: {} as NodeRuntime,
      services: {} as NodeServices,
      reviews: { open: async () => 'r', decision: async () => null },
      options: { ...DEFAULT_ENGINE_OPTIONS, workerId: 'w1' },
    });
    const first = orchestrator.execute('run-1');
    const second = orchestrator.execute('run-1');
    expect(await second).toBe('busy');
    release();
    expect(await first).toBe('done');
    expect(claims).toBe(1);
    // Once the first pass ended, a later job for the run is taken again.
    expect(await orchestrator.execute('run-1')).toBe('done');
    expect(claims).toBe(2);
  });

  it('backs off exponentially between passes the database failed, up to a cap', () => {
    expect([1, 2, 3, 4].map((n) => requeueDelay(n, 2000))).toEqual([2000, 4000, 8000, 16_000]);
    expect(requeueDelay(7, 2000)).toBe(60_000);
    expect(requeueDelay(1000, 2000)).toBe(60_000);
    expect(requeueDelay(3, 250, 1000)).toBe(1000);
  });
});
