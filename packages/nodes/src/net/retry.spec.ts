import { backoffDelay, parseRetryAfter, withRetry } from './retry.js';

class Failure extends Error {
  constructor(
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(retryable ? 'transient' : 'permanent');
  }
}

function recorder(): { delays: number[]; sleep: (ms: number) => Promise<void> } {
  const delays: number[] = [];
  return { delays, sleep: async (ms) => void delays.push(ms) };
}

describe('withRetry', () => {
  it('retries transient failures with growing delays, then succeeds', async () => {
    const { delays, sleep } = recorder();
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls += 1;
        if (calls < 3) throw new Failure(true);
        return 'done';
      },
      { sleep, random: () => 1, minDelayMs: 100 },
    );
    expect(result).toBe('done');
    expect(calls).toBe(3);
    expect(delays).toEqual([100, 200]);
  });

  it('does not retry a permanent failure', async () => {
    const { delays, sleep } = recorder();
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls += 1;
          throw new Failure(false);
        },
        { sleep },
      ),
    ).rejects.toThrow('permanent');
    expect(calls).toBe(1);
    expect(delays).toEqual([]);
  });

  it('does not retry errors that say nothing about retrying', async () => {
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls += 1;
        throw new TypeError('bug');
      }),
    ).rejects.toThrow('bug');
    expect(calls).toBe(1);
  });

  it('gives up after the configured retries', async () => {
    const { sleep } = recorder();
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls += 1;
          throw new Failure(true);
        },
        { retries: 2, sleep },
      ),
    ).rejects.toThrow('transient');
    expect(calls).toBe(3);
  });

  it('waits at least the Retry-After and refuses to wait out a very long one', async () => {
    const { delays, sleep } = recorder();
    let calls = 0;
    await withRetry(
      async () => {
        calls += 1;
        if (calls === 1) throw new Failure(true, 2_000);
        return 'ok';
      },
      { sleep, random: () => 0, minDelayMs: 10 },
    );
    expect(delays).toEqual([2_000]);
    await expect(
      withRetry(
        async () => {
          throw new Failure(true, 3_600_000);
        },
        { sleep },
      ),
    ).rejects.toThrow('transient');
  });

  it('stops when the signal aborts during the backoff', async () => {
    const controller = new AbortController();
    const attempt = withRetry(
      async () => {
        throw new Failure(true);
      },
      { signal: controller.signal, minDelayMs: 10_000 },
    );
    setTimeout(() => controller.abort(new Error('canceled')), 10);
    await expect(attempt).rejects.toThrow('canceled');
  });
});

describe('backoff and Retry-After', () => {
  it('doubles up to the ceiling with jitter in the upper half', () => {
    expect(backoffDelay(1, { minDelayMs: 100 }, () => 0)).toBe(50);
    expect(backoffDelay(3, { minDelayMs: 100 }, () => 1)).toBe(400);
    expect(backoffDelay(20, { minDelayMs: 100, maxDelayMs: 1000 }, () => 1)).toBe(1000);
  });

  it('parses seconds and HTTP dates', () => {
    const now = Date.parse('2030-01-01T00:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Tue, 01 Jan 2030 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
