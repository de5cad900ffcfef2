import { getEventListeners } from 'node:events';
import { attemptSignal } from './timing.js';

describe('attemptSignal', () => {
  it('aborts with the run, for the run’s reason, and not as a timeout', () => {
    const run = new AbortController();
    const bound = attemptSignal(run.signal, 60_000);
    const reason = new Error('run canceled');
    run.abort(reason);
    expect(bound.signal.aborted).toBe(true);
    expect(bound.signal.reason).toBe(reason);
    expect(bound.timedOut).toBe(false);
    bound.dispose();
  });

  it('aborts after the timeout as AbortSignal.timeout does, and says it timed out', async () => {
    const run = new AbortController();
    const bound = attemptSignal(run.signal, 20);
    await new Promise((resolve) => bound.signal.addEventListener('abort', resolve, { once: true }));
    expect(bound.timedOut).toBe(true);
    expect((bound.signal.reason as DOMException).name).toBe('TimeoutError');
    expect(run.signal.aborted).toBe(false);
    bound.dispose();
  });

  it('starts aborted when the run already is', () => {
    const run = new AbortController();
    run.abort(new Error('gone'));
    const bound = attemptSignal(run.signal, 60_000);
    expect(bound.signal.aborted).toBe(true);
    bound.dispose();
  });

  it('lets go of the run’s signal when disposed: no listener is left per attempt', async () => {
    const run = new AbortController();
    for (let i = 0; i < 50; i++) attemptSignal(run.signal, 60_000).dispose();
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(0);
    const last = attemptSignal(run.signal, 10);
    last.dispose();
    await new Promise((r) => setTimeout(r, 30));
    run.abort();
    // Neither the timer nor the run reaches an attempt that has ended.
    expect(last.signal.aborted).toBe(false);
    expect(last.timedOut).toBe(false);
  });
});
