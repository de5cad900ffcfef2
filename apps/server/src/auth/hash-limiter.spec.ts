import { HashLimiter, LoginBusy } from './hash-limiter.js';

describe('HashLimiter', () => {
  it('runs at most `concurrency` jobs at once, queues up to the cap, refuses past it with 503', async () => {
    const limiter = new HashLimiter(2, 3);
    let running = 0;
    let peak = 0;
    const gates: (() => void)[] = [];
    const job = () =>
      limiter.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise<void>((resolve) => gates.push(resolve));
        running--;
        return 'done';
      });
    const accepted = Array.from({ length: 5 }, job);
    await expect(job()).rejects.toBeInstanceOf(LoginBusy);
    expect(limiter.pending).toBe(3);
    // Release one at a time: each release lets exactly one waiter start.
    while (gates.length) {
      gates.shift()!();
      await new Promise((r) => setImmediate(r));
    }
    await expect(Promise.all(accepted)).resolves.toEqual(Array(5).fill('done'));
    expect(peak).toBe(2);
    expect(new LoginBusy().getStatus()).toBe(503);
  });

  it('frees the slot when a job fails', async () => {
    const limiter = new HashLimiter(1, 0);
    await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run(async () => 1)).resolves.toBe(1);
  });
});
