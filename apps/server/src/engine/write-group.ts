import { Logger } from '@nestjs/common';

/** No more entries than this in one statement (its JSON parameter stays small). */
const MAX_GROUP = 32;
const LOG = new Logger('Engine');

interface Pending<E, R> {
  entry: E;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for one kind of per-run write (docs/adr/0004, point 6): while one of its
 * statements is on its way, the writes that arrive wait and then go together in one statement —
 * one parse, plan, commit and round trip for all of them. A write arriving alone goes at once
 * through the single-run statement, so the sequential case runs what it ran before.
 *
 * `many` answers each entry in order, with its result or the error that is that run's own (a
 * lost lease). When `many` throws, its statement rolled back every run in it, and each is written
 * again on its own, so an error (data the database refuses) stays the run's own. Each caller is
 * answered only after the statement holding its run committed.
 */
export class WriteGroup<E, R> {
  private readonly waiting: Pending<E, R>[] = [];
  private writing = false;

  constructor(
    private readonly one: (entry: E) => Promise<R>,
    private readonly many: (entries: E[]) => Promise<(R | Error)[]>,
  ) {}

  async write(entry: E): Promise<R> {
    if (this.writing) {
      return new Promise<R>((resolve, reject) => {
        this.waiting.push({ entry, resolve, reject });
      });
    }
    // Alone: straight to the single-run statement, no more JavaScript than before grouping.
    this.writing = true;
    try {
      return await this.one(entry);
    } finally {
      this.writing = false;
      if (this.waiting.length) void this.drain();
    }
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length) await this.settle(this.waiting.splice(0, MAX_GROUP));
    } finally {
      this.writing = false;
    }
  }

  /** Settles every pending write of `group`; never throws. */
  private async settle(group: Pending<E, R>[]): Promise<void> {
    if (group.length === 1) return this.alone(group[0]!);
    let outcomes: (R | Error)[];
    try {
      outcomes = await this.many(group.map((p) => p.entry));
    } catch (error) {
      // Rolled back whole: each run on its own, so each gets its own outcome. Said, so that a
      // group statement that always fails (not one run's data) does not go unnoticed.
      LOG.warn(
        `A write of ${group.length} runs together failed (${error instanceof Error ? error.message : String(error)}); writing them one by one`,
      );
      await Promise.all(group.map((p) => this.alone(p)));
      return;
    }
    group.forEach(({ resolve, reject }, i) => {
      const outcome = outcomes[i]!;
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    });
  }

  private async alone({ entry, resolve, reject }: Pending<E, R>): Promise<void> {
    try {
      resolve(await this.one(entry));
    } catch (error) {
      reject(error);
    }
  }
}
