/** Timing helpers of the engine (backoff and sleep come from @flowpress/nodes/runtime). */

export class TimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`Timed out after ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/** The signal of one attempt: aborted by the run's signal or after the node's timeout. */
export interface AttemptSignal {
  readonly signal: AbortSignal;
  /** Whether it was the timeout that aborted it. */
  readonly timedOut: boolean;
  /** Stops the timer and lets go of the run's signal; call it when the attempt ends. */
  dispose(): void;
}

/**
 * One controller and one timer, released when the attempt ends. `AbortSignal.any([run,
 * AbortSignal.timeout(ms)])` cost ≈ 25 µs an attempt: a timer signal, and the weak references
 * `any` keeps on the run's signal for every attempt until the run ends.
 */
export function attemptSignal(run: AbortSignal, timeoutMs: number): AttemptSignal {
  const controller = new AbortController();
  let timedOut = false;
  const onRunAbort = (): void => controller.abort(run.reason);
  const timer = setTimeout(() => {
    timedOut = true;
    // The reason AbortSignal.timeout gives, for code that looks at it.
    controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
  }, timeoutMs);
  timer.unref();
  if (run.aborted) controller.abort(run.reason);
  else run.addEventListener('abort', onRunAbort, { once: true });
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    dispose() {
      clearTimeout(timer);
      run.removeEventListener('abort', onRunAbort);
    },
  };
}

/**
 * Settles with `work`, or rejects with `reason()` as soon as `signal` aborts — so a node that
 * ignores its signal (or a provider that hangs) cannot hold the run past its timeout.
 */
export function abortable<T>(
  work: Promise<T>,
  signal: AbortSignal,
  reason: () => Error,
): Promise<T> {
  if (signal.aborted) return Promise.reject(reason());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(reason());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
