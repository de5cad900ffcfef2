import { getEventListeners } from 'node:events';
import { AttemptScope } from './timing.js';

const canceled = () => new Error('Canceled');
const never = () => new Promise<never>(() => {});

describe('AttemptScope', () => {
  it('aborts an attempt with the run, for the run’s reason, and not as a timeout', () => {
    const run = new AbortController();
    const bound = new AttemptScope(run.signal).begin(60_000);
    const signal = bound.signal;
    const reason = new Error('run canceled');
    run.abort(reason);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe(reason);
    expect(bound.timedOut).toBe(false);
    bound.dispose();
  });

  it('makes the signal only when it is read, already aborted if the attempt was', () => {
    const run = new AbortController();
    const bound = new AttemptScope(run.signal).begin(60_000);
    const reason = new Error('gone');
    run.abort(reason);
    // Read after the abort: the signal is made then, and says so.
    expect(bound.signal.aborted).toBe(true);
    expect(bound.signal.reason).toBe(reason);
    expect(bound.signal).toBe(bound.signal);
    bound.dispose();
  });

  it('times out as AbortSignal.timeout does, says so, and leaves the run alone', async () => {
    const run = new AbortController();
    const bound = new AttemptScope(run.signal).begin(20);
    await new Promise((resolve) => bound.signal.addEventListener('abort', resolve, { once: true }));
    expect(bound.timedOut).toBe(true);
    expect((bound.signal.reason as DOMException).name).toBe('TimeoutError');
    expect(run.signal.aborted).toBe(false);
    bound.dispose();
  });

  it('starts aborted when the run already is', async () => {
    const run = new AbortController();
    run.abort(new Error('gone'));
    const bound = new AttemptScope(run.signal).begin(60_000);
    expect(bound.signal.aborted).toBe(true);
    // The work still settles somewhere: its rejection is not left unhandled.
    await expect(bound.race(Promise.reject(new Error('late')), canceled)).rejects.toThrow(
      'Canceled',
    );
    bound.dispose();
  });

  it('race: settles with the work, or rejects at the timeout even when the work never ends', async () => {
    const run = new AbortController();
    const scope = new AttemptScope(run.signal);
    const ok = scope.begin(60_000);
    await expect(ok.race(Promise.resolve(42), canceled)).resolves.toBe(42);
    ok.dispose();
    const failing = scope.begin(60_000);
    await expect(failing.race(Promise.reject(new Error('boom')), canceled)).rejects.toThrow('boom');
    failing.dispose();
    const slow = scope.begin(20);
    await expect(
      slow.race(never(), () => new Error(slow.timedOut ? 'timed out' : 'canceled')),
    ).rejects.toThrow('timed out');
    slow.dispose();
  });

  it('race: rejects as soon as the run aborts, for every attempt in flight', async () => {
    const run = new AbortController();
    const scope = new AttemptScope(run.signal);
    const a = scope.begin(60_000);
    const b = scope.begin(60_000);
    const racing = [a.race(never(), canceled), b.race(never(), canceled)];
    run.abort();
    await expect(racing[0]).rejects.toThrow('Canceled');
    await expect(racing[1]).rejects.toThrow('Canceled');
    expect(a.timedOut || b.timedOut).toBe(false);
    a.dispose();
    b.dispose();
  });

  it('holds one listener on the run for all its attempts, and an ended attempt hears nothing', async () => {
    const run = new AbortController();
    const scope = new AttemptScope(run.signal);
    for (let i = 0; i < 50; i++) scope.begin(60_000).dispose();
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(1);
    const last = scope.begin(10);
    const signal = last.signal;
    last.dispose();
    await new Promise((r) => setTimeout(r, 30));
    run.abort();
    // Neither the timer nor the run reaches an attempt that has ended.
    expect(signal.aborted).toBe(false);
    expect(last.timedOut).toBe(false);
  });
});
