/**
 * Retries with exponential backoff and jitter for outbound calls: transient failures (5xx, 408,
 * 429, timeouts, network errors) are retried, everything else (4xx, refusals, bugs) is not.
 * A Retry-After the server sends is honoured; one longer than `maxRetryAfterMs` is not waited out
 * in process — the error is thrown so the engine can reschedule the node instead.
 */

export interface RetryDecision {
  retry: boolean;
  retryAfterMs?: number;
}

export interface RetryInfo {
  /** The attempt that failed (1-based). */
  attempt: number;
  delayMs: number;
  error: unknown;
}

export interface RetryOptions {
  /** Attempts after the first; default 3. */
  retries?: number;
  /** First backoff; default 500 ms. */
  minDelayMs?: number;
  /** Backoff ceiling; default 10 s. */
  maxDelayMs?: number;
  /** Growth per attempt; default 2. */
  factor?: number;
  /** Longest Retry-After waited in process; default 60 s. */
  maxRetryAfterMs?: number;
  signal?: AbortSignal;
  /** Default: `defaultShouldRetry`. */
  shouldRetry?: (error: unknown) => RetryDecision;
  onRetry?: (info: RetryInfo) => void;
  /** Test seams. */
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Status codes worth another try: server errors, request timeout, rate limiting. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

/** Retry-After as milliseconds: delta seconds or an HTTP date; undefined when absent or bad. */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

function hasRetryable(error: unknown): error is { retryable: boolean } {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { retryable?: unknown }).retryable === 'boolean'
  );
}

function retryAfterOf(error: object): number | undefined {
  const direct = (error as { retryAfterMs?: unknown }).retryAfterMs;
  if (typeof direct === 'number') return direct;
  const options = (error as { options?: { retryAfterMs?: unknown } }).options;
  return typeof options?.retryAfterMs === 'number' ? options.retryAfterMs : undefined;
}

/**
 * Errors that say `retryable: true` (NodeError, OutboundError) are retried, honouring their
 * `retryAfterMs`; anything else is not.
 */
export function defaultShouldRetry(error: unknown): RetryDecision {
  if (!hasRetryable(error) || !error.retryable) return { retry: false };
  const retryAfterMs = retryAfterOf(error);
  return retryAfterMs === undefined ? { retry: true } : { retry: true, retryAfterMs };
}

/** Backoff before retry number `retry` (1-based): half fixed, half random ("equal jitter"). */
export function backoffDelay(
  retry: number,
  options: Pick<RetryOptions, 'minDelayMs' | 'maxDelayMs' | 'factor'> = {},
  random: () => number = Math.random,
): number {
  const min = options.minDelayMs ?? 500;
  const max = options.maxDelayMs ?? 10_000;
  const factor = options.factor ?? 2;
  const base = Math.min(max, min * factor ** (retry - 1));
  return Math.round(base / 2 + random() * (base / 2));
}

function abortReason(signal: AbortSignal | undefined): unknown {
  return signal?.reason ?? new Error('aborted');
}

/** Waits `ms`; rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Runs `task` until it succeeds, fails with a non-retryable error, or runs out of retries. */
export async function withRetry<T>(
  task: (attempt: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const retries = options.retries ?? 3;
  const maxRetryAfter = options.maxRetryAfterMs ?? 60_000;
  const shouldRetry = options.shouldRetry ?? defaultShouldRetry;
  const wait = options.sleep ?? sleep;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await task(attempt);
    } catch (error) {
      if (attempt > retries || options.signal?.aborted) throw error;
      const decision = shouldRetry(error);
      if (!decision.retry) throw error;
      if (decision.retryAfterMs !== undefined && decision.retryAfterMs > maxRetryAfter) throw error;
      const delayMs = Math.max(
        backoffDelay(attempt, options, options.random),
        decision.retryAfterMs ?? 0,
      );
      options.onRetry?.({ attempt, delayMs, error });
      await wait(delayMs, options.signal);
    }
  }
}
