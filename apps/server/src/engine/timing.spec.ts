import { getEventListeners } from 'node:events';
import { AttemptScope, SignalWatchers, StopSwitch } from './timing.js';

const canceled = () => new Error('Canceled');
const never = () => new Promise<never>(() => {});

describe('AttemptScope', () => {
  it('aborts an attempt with the run, for the run’s reason, and not as a timeout', () => {
    const run = new StopSwitch();
    const bound = new AttemptScope(run).begin(60_000);
    const signal = bound.signal;
    const reason = new Error('run canceled');
    run.abort(reason);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe(reason);
    expect(bound.timedOut).toBe(false);
    bound.dispose();
  });

  it('makes the signal only when it is read, already aborted if the attempt was', () => {
    const run = new StopSwitch();
    const bound = new AttemptScope(run).begin(60_000);
    const reason = new Error('gone');
    run.abort(reason);
    // Read after the abort: the signal is made then, and says so.
    expect(bound.signal.aborted).toBe(true);
    expect(bound.signal.reason).toBe(reason);
    expect(bound.signal).toBe(bound.signal);
    bound.dispose();
  });

  it('times out as AbortSignal.timeout does, says so, and leaves the run alone', async () => {
    const run = new StopSwitch();
    const bound = new AttemptScope(run).begin(20);
    await new Promise((resolve) => bound.signal.addEventListener('abort', resolve, { once: true }));
    expect(bound.timedOut).toBe(true);
    expect((bound.signal.reason as DOMException).name).toBe('TimeoutError');
    expect(run.aborted).toBe(false);
    bound.dispose();
  });

  it('starts aborted when the run already is', async () => {
    const run = new StopSwitch();
    run.abort(new Error('gone'));
    const bound = new AttemptScope(run).begin(60_000);
    expect(bound.signal.aborted).toBe(true);
    // The work still settles somewhere: its rejection is not left unhandled.
    await expect(bound.race(Promise.reject(new Error('late')), canceled)).rejects.toThrow(
      'Canceled',
    );
    bound.dispose();
  });

  it('race: settles with the work, or rejects at the timeout even when the work never ends', async () => {
    const run = new StopSwitch();
    const scope = new AttemptScope(run);
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
    const run = new StopSwitch();
    const scope = new AttemptScope(run);
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

  it('an attempt that has ended hears neither its timer nor the run', async () => {
    const run = new StopSwitch();
    const scope = new AttemptScope(run);
    for (let i = 0; i < 50; i++) scope.begin(60_000).dispose();
    const last = scope.begin(10);
    const signal = last.signal;
    last.dispose();
    await new Promise((r) => setTimeout(r, 30));
    run.abort();
    expect(signal.aborted).toBe(false);
    expect(last.timedOut).toBe(false);
  });
});

describe('StopSwitch', () => {
  it('aborts once, calls its listeners once in order, and a removed one not at all', () => {
    const stop = new StopSwitch();
    const calls: string[] = [];
    stop.onAbort(() => calls.push('a'));
    const off = stop.onAbort(() => calls.push('b'));
    stop.onAbort(() => calls.push('c'));
    off();
    const reason = new Error('canceled');
    stop.abort(reason);
    stop.abort(new Error('again'));
    expect(calls).toEqual(['a', 'c']);
    expect(stop.aborted).toBe(true);
    expect(stop.reason).toBe(reason);
  });

  it('makes a signal only when asked, aborted with its reason whether read before or after', () => {
    const early = new StopSwitch();
    const signal = early.signal;
    expect(signal.aborted).toBe(false);
    early.abort();
    expect(signal.aborted).toBe(true);
    expect((signal.reason as DOMException).name).toBe('AbortError');
    const late = new StopSwitch();
    const reason = new Error('shutdown');
    late.abort(reason);
    expect(late.signal.aborted).toBe(true);
    expect(late.signal.reason).toBe(reason);
  });
});

describe('SignalWatchers', () => {
  it('keeps one listener on the signal for every watcher, and calls each once', () => {
    const controller = new AbortController();
    const watchers = new SignalWatchers(controller.signal);
    const calls: number[] = [];
    const offs = Array.from({ length: 20 }, (_, i) => watchers.watch(() => calls.push(i)));
    for (const off of offs.slice(0, 18)) off();
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    controller.abort();
    controller.abort();
    expect(calls).toEqual([18, 19]);
  });

  it('calls a watcher at once when the signal has already aborted', () => {
    const controller = new AbortController();
    controller.abort();
    let called = 0;
    new SignalWatchers(controller.signal).watch(() => called++);
    expect(called).toBe(1);
  });
});
