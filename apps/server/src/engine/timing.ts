/** Timing helpers of the engine (backoff and sleep come from @flowpress/nodes/runtime). */

export class TimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`Timed out after ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/**
 * The attempts of one run pass: each bounded by the run's signal and by its own timeout.
 *
 * Built for the attempt that never looks at its signal (an `input` or `template` step: most
 * attempts of most runs). Such an attempt costs one timer and a set entry: its AbortController is
 * made only when the step reads `signal`, and the race against the run's abort and the timeout
 * is kept by plain callbacks, not by listeners on signals — EventTarget's add/remove and an
 * AbortController per attempt were ≈ 2.6 % of the server's main thread on workload 1, and the
 * code V8 compiles for them ran through the measured window (BENCHMARKS.md). One listener on the
 * run's signal serves every attempt of the pass.
 */
export class AttemptScope {
  private readonly live = new Set<AttemptBound>();
  private listening = false;

  constructor(private readonly run: AbortSignal) {}

  /** Starts the bound of one attempt; `dispose()` it when the attempt ends. */
  begin(timeoutMs: number): AttemptBound {
    const bound = new AttemptBound(this.live, timeoutMs);
    if (this.run.aborted) {
      bound.abort(this.run.reason, false);
      return bound;
    }
    if (!this.listening) {
      this.listening = true;
      this.run.addEventListener(
        'abort',
        () => {
          for (const live of [...this.live]) live.abort(this.run.reason, false);
        },
        { once: true },
      );
    }
    this.live.add(bound);
    return bound;
  }
}

/** One attempt's bound: aborted by the run's signal or after the node's timeout. */
export class AttemptBound {
  /** Whether it was the timeout that ended the attempt. */
  timedOut = false;
  private controller: AbortController | undefined;
  private aborted = false;
  private reason: unknown;
  private ended = false;
  private readonly timer: NodeJS.Timeout;
  private onAbort: (() => void) | undefined;

  constructor(
    private readonly live: Set<AttemptBound>,
    timeoutMs: number,
  ) {
    this.timer = setTimeout(() => {
      // The reason AbortSignal.timeout gives, for code that looks at it.
      this.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'), true);
    }, timeoutMs);
    this.timer.unref();
  }

  /** The attempt's signal, made on first read (already aborted if the attempt is). */
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.aborted) this.controller.abort(this.reason);
    }
    return this.controller.signal;
  }

  /**
   * Settles with `work`, or rejects with `reason()` as soon as the attempt is aborted — so a node
   * that ignores its signal (or a provider that hangs) cannot hold the run past its timeout.
   */
  race<T>(work: Promise<T>, reason: () => Error): Promise<T> {
    if (this.aborted) {
      work.catch(() => {}); // settles unobserved: the attempt already ended
      return Promise.reject(reason());
    }
    return new Promise<T>((resolve, reject) => {
      this.onAbort = () => reject(reason());
      work.then(
        (value) => {
          this.onAbort = undefined;
          resolve(value);
        },
        (error: unknown) => {
          this.onAbort = undefined;
          reject(error);
        },
      );
    });
  }

  /** Ends the attempt's bound: for the run (`timedOut` false) or at its timeout. */
  abort(reason: unknown, timedOut: boolean): void {
    if (this.aborted || this.ended) return;
    this.aborted = true;
    this.reason = reason;
    this.timedOut = timedOut;
    clearTimeout(this.timer);
    this.live.delete(this);
    this.controller?.abort(reason);
    const onAbort = this.onAbort;
    this.onAbort = undefined;
    onAbort?.();
  }

  /** Stops the timer and leaves the run's scope; call it when the attempt ends. */
  dispose(): void {
    this.ended = true;
    this.onAbort = undefined;
    clearTimeout(this.timer);
    this.live.delete(this);
  }
}
