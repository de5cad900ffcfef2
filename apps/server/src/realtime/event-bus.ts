import type { ReviewEvent, RunEvent } from '@flowpress/shared';

export type RunEventListener = (event: RunEvent) => void;
export type ReviewEventListener = (event: ReviewEvent) => void;
export type CancelListener = (runId: string) => void;

/**
 * Where run and review events travel between the process that produces them (the worker that
 * holds a run) and the processes that deliver them (socket gateways, `?wait=true` callers).
 * In-process by default; the scale-out deployment swaps in a Redis-backed bus.
 */
export abstract class EventBus {
  abstract publish(event: RunEvent): void;
  /**
   * Resolves once every run event published so far has reached every process's subscribers.
   * Another process's events do not wait for this one's: an event whose successors come from
   * elsewhere (`run.queued`, before the worker's `run.started`) is flushed before that can start.
   */
  abstract flush(): Promise<void>;
  abstract publishReview(event: ReviewEvent): void;
  /** Every run event this process learns of (the socket gateway fans them out to rooms). */
  abstract onRunEvent(listener: RunEventListener): () => void;
  /** Events of one run only. */
  abstract onRun(runId: string, listener: RunEventListener): () => void;
  abstract onReviewEvent(listener: ReviewEventListener): () => void;
  /** Asks whichever worker holds the run to abort it. */
  abstract publishCancel(runId: string): void;
  abstract onCancel(listener: CancelListener): () => void;
  abstract close(): Promise<void>;
}

/** Fans events out to local listeners; used as the delivery half of every bus. */
export class LocalEventBus extends EventBus {
  private readonly all = new Set<RunEventListener>();
  private readonly byRun = new Map<string, Set<RunEventListener>>();
  private readonly reviews = new Set<ReviewEventListener>();
  private readonly cancels = new Set<CancelListener>();

  publish(event: RunEvent): void {
    this.deliver(event);
  }

  /** Delivery here is synchronous: published is delivered. */
  flush(): Promise<void> {
    return Promise.resolve();
  }

  publishReview(event: ReviewEvent): void {
    this.deliverReview(event);
  }

  publishCancel(runId: string): void {
    this.deliverCancel(runId);
  }

  protected deliverCancel(runId: string): void {
    for (const listener of this.cancels) listener(runId);
  }

  onCancel(listener: CancelListener): () => void {
    this.cancels.add(listener);
    return () => this.cancels.delete(listener);
  }

  protected deliver(event: RunEvent): void {
    for (const listener of this.all) listener(event);
    const forRun = this.byRun.get(event.runId);
    if (forRun) for (const listener of forRun) listener(event);
  }

  protected deliverReview(event: ReviewEvent): void {
    for (const listener of this.reviews) listener(event);
  }

  onRunEvent(listener: RunEventListener): () => void {
    this.all.add(listener);
    return () => this.all.delete(listener);
  }

  onRun(runId: string, listener: RunEventListener): () => void {
    let set = this.byRun.get(runId);
    if (!set) this.byRun.set(runId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.byRun.delete(runId);
    };
  }

  onReviewEvent(listener: ReviewEventListener): () => void {
    this.reviews.add(listener);
    return () => this.reviews.delete(listener);
  }

  async close(): Promise<void> {
    this.all.clear();
    this.byRun.clear();
    this.reviews.clear();
    this.cancels.clear();
  }
}
