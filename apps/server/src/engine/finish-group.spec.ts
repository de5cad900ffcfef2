import { LeaseLostError } from './db-errors.js';
import { FinishGroup, type FinishEntry, type FinishResult } from './finish-group.js';
import type { Sql } from './run-store.js';

const entry = (runId: string, owner = 'w1'): FinishEntry => ({
  runId,
  owner,
  status: 'succeeded',
  error: null,
  usage: '{"inputTokens":1,"outputTokens":2,"totalTokens":3,"images":0}',
  lastSeq: 7,
  nodes: '[{"node_id":"a","status":"succeeded"}]',
});

/** A promise and the functions that settle it, for a statement the test lets finish. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('FinishGroup', () => {
  const finishedAt = new Date('2026-12-08T00:00:00.000Z');

  it('writes a run finishing alone through the single statement, at once', async () => {
    const group: unknown[][] = [];
    const sql: Sql = { query: async (_text, params) => (group.push(params ?? []), []) };
    const singles: string[] = [];
    const finishes = new FinishGroup(sql, async (e) => {
      singles.push(e.runId);
      return { status: 'succeeded', finishedAt };
    });
    expect(await finishes.finish(entry('r1'))).toEqual({ status: 'succeeded', finishedAt });
    expect(await finishes.finish(entry('r2'))).toEqual({ status: 'succeeded', finishedAt });
    expect(singles).toEqual(['r1', 'r2']);
    expect(group).toEqual([]);
  });

  it('writes the finishes that arrive meanwhile together, in one statement, each answered', async () => {
    const first = deferred<FinishResult>();
    const statements: { text: string; params: unknown[] }[] = [];
    const sql: Sql = {
      query: async <T>(text: string, params?: unknown[]) => {
        statements.push({ text, params: params ?? [] });
        // r3's lease was taken over: the fence returns no row for it.
        return [
          { id: 'r2', status: 'succeeded', finished_at: finishedAt },
          { id: 'r4', status: 'succeeded', finished_at: finishedAt },
        ] as T[];
      },
    };
    const finishes = new FinishGroup(sql, () => first.promise);
    const alone = finishes.finish(entry('r1'));
    const together = [
      finishes.finish(entry('r2')),
      finishes.finish(entry('r3', 'w0')),
      finishes.finish(entry('r4')),
    ];
    await new Promise((r) => setImmediate(r));
    expect(statements).toHaveLength(0); // the three wait for r1's statement
    first.resolve({ status: 'succeeded', finishedAt });
    await expect(alone).resolves.toEqual({ status: 'succeeded', finishedAt });
    const outcomes = await Promise.allSettled(together);
    expect(statements).toHaveLength(1);
    expect(statements[0]!.params[1]).toEqual(['r2', 'r3', 'r4']);
    const rows = JSON.parse(statements[0]!.params[0] as string) as Record<string, unknown>[];
    expect(rows.map((r) => [r['id'], r['owner'], r['last_seq']])).toEqual([
      ['r2', 'w1', 7],
      ['r3', 'w0', 7],
      ['r4', 'w1', 7],
    ]);
    expect(rows[0]).toMatchObject({
      status: 'succeeded',
      error: null,
      usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3, images: 0 },
      nodes: [{ node_id: 'a', status: 'succeeded' }],
    });
    expect(outcomes[0]).toEqual({
      status: 'fulfilled',
      value: { status: 'succeeded', finishedAt },
    });
    expect(outcomes[1]).toMatchObject({ status: 'rejected' });
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(LeaseLostError);
    expect(outcomes[2]).toEqual({
      status: 'fulfilled',
      value: { status: 'succeeded', finishedAt },
    });
  });

  it('writes each run on its own when the statement of the group fails, so an error stays its own', async () => {
    const first = deferred<FinishResult>();
    const sql: Sql = {
      query: async () => {
        throw new Error('invalid input syntax for type json');
      },
    };
    const singles: string[] = [];
    const finishes = new FinishGroup(sql, async (e) => {
      singles.push(e.runId);
      if (e.runId === 'r1') return first.promise;
      if (e.runId === 'r3') throw new Error('invalid input syntax for type json');
      return { status: 'succeeded', finishedAt };
    });
    const alone = finishes.finish(entry('r1'));
    const together = [finishes.finish(entry('r2')), finishes.finish(entry('r3'))];
    first.resolve({ status: 'succeeded', finishedAt });
    await alone;
    const [r2, r3] = await Promise.allSettled(together);
    expect(r2).toEqual({ status: 'fulfilled', value: { status: 'succeeded', finishedAt } });
    expect(r3).toMatchObject({ status: 'rejected', reason: { message: /invalid input syntax/ } });
    expect(singles).toEqual(['r1', 'r2', 'r3']);
  });

  it('takes up what waited after a failed single statement too', async () => {
    const first = deferred<FinishResult>();
    const sql: Sql = { query: async <T>() => [] as T[] };
    const finishes = new FinishGroup(sql, async (e) => {
      if (e.runId === 'r1') return first.promise;
      return { status: 'succeeded', finishedAt };
    });
    const alone = finishes.finish(entry('r1'));
    const next = finishes.finish(entry('r2'));
    first.reject(new Error('connection reset'));
    await expect(alone).rejects.toThrow('connection reset');
    // Alone in the queue: the single statement again.
    await expect(next).resolves.toEqual({ status: 'succeeded', finishedAt });
  });
});
