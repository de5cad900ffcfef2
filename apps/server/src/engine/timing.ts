/** Timing helpers of the engine (backoff and sleep come from @flowpress/nodes/runtime). */

export class TimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`Timed out after ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/**
 * A run pass's stop switch: what an AbortController is to the pass (cancel, shutdown), without
 * making one unless something asks for a `signal` (a retry's backoff sleep). Node's
 * AbortController and EventTarget are a lot of JavaScript for a thing made once a run and
 * usually never fired, and in workload 1's window that code runs in V8's slower tiers
 * (BENCHMARKS.md). `onAbort` listeners are called once, in the order added.
 */
export class StopSwitch {
  aborted = false;
  reason: unknown = undefined;
  private controller: AbortController | undefined;
  private readonly listeners = new Set<() => void>();

  abort(reason: unknown = new DOMException('This operation was aborted', 'AbortError')): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.controller?.abort(reason);
    const listeners = [...this.listeners];
    this.listeners.clear();
    for (const listener of listeners) listener();
  }

  /** An AbortSignal that follows the switch, made on first read. */
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.aborted) this.controller.abort(this.reason);
    }
    return this.controller.signal;
  }

  /** Calls `listener` once when the switch is thrown (not if it already was); returns its removal. */
  onAbort(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/**
 * One listener on `signal` for any number of callers: `watch(callback)` is a set entry, not an
 * EventTarget listener (whose add and remove cost ≈ 20 µs together in a fresh server, for a
 * signal that lives as long as the process and fires once, at shutdown).
 */
export class SignalWatchers {
  private readonly callbacks = new Set<() => void>();
  private listening = false;

  constructor(private readonly signal: AbortSignal) {}

  /** Calls `callback` once when the signal aborts (at once if it has); returns its removal. */
  watch(callback: () => void): () => void {
    if (this.signal.aborted) {
      callback();
      return () => {};
    }
    if (!this.listening) {
      this.listening = true;
      this.signal.addEventListener(
        'abort',
        () => {
          const callbacks = [...this.callbacks];
          this.callbacks.clear();
          for (const cb of callbacks) cb();
        },
        { once: true },
      );
    }
    this.callbacks.add(callback);
    return () => this.callbacks.delete(callback);
  }
}

/**
 * The attempts of one run pass: each bounded by the pass's stop switch and by its own timeout.
 *
 * Built for the attempt that never looks at its signal (an `input` or `template` step: most
 * attempts of most runs). Such an attempt costs one timer and a set entry: its AbortController is
 * made only when the step reads `signal`, and the race against the run's abort and the timeout
 * is kept by plain callbacks, not by listeners on signals — EventTarget's add/remove and an
 * AbortController per attempt were ≈ 2.6 % of the server's main thread on workload 1, and the
 * code V8 compiles for them ran through the measured window (BENCHMARKS.md). One listener on the
 * switch serves every attempt of the pass.
 */
export class AttemptScope {
  private readonly live = new Set<AttemptBound>();
  private listening = false;

  constructor(private readonly run: StopSwitch) {}

  /** Starts the bound of one attempt; `dispose()` it when the attempt ends. */
  begin(timeoutMs: number): AttemptBound {
    const bound = new AttemptBound(this.live, timeoutMs);
    if (this.run.aborted) {
      bound.abort(this.run.reason, false);
      return bound;
    }
    if (!this.listening) {
      this.listening = true;
      this.run.onAbort(() => {
        for (const live of [...this.live]) live.abort(this.run.reason, false);
      });
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
