import { WriteGroup } from './write-group.js';

/** A promise and the functions that settle it, for a statement the test lets finish. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('WriteGroup', () => {
  it('writes an entry arriving alone through the single statement, at once', async () => {
    const singles: string[] = [];
    const groups: string[][] = [];
    const writes = new WriteGroup<string, string>(
      async (e) => (singles.push(e), `one:${e}`),
      async (es) => (groups.push(es), es.map((e) => `many:${e}`)),
    );
    expect(await writes.write('r1')).toBe('one:r1');
    expect(await writes.write('r2')).toBe('one:r2');
    expect(singles).toEqual(['r1', 'r2']);
    expect(groups).toEqual([]);
  });

  it('writes what arrives meanwhile together, in one statement, each answered its own outcome', async () => {
    const first = deferred<string>();
    const groups: string[][] = [];
    const writes = new WriteGroup<string, string>(
      () => first.promise,
      async (es) => {
        groups.push(es);
        return es.map((e) => (e === 'r3' ? new Error(`lease of ${e} lost`) : `many:${e}`));
      },
    );
    const alone = writes.write('r1');
    const together = [writes.write('r2'), writes.write('r3'), writes.write('r4')];
    await new Promise((r) => setImmediate(r));
    expect(groups).toEqual([]); // the three wait for r1's statement
    first.resolve('one:r1');
    expect(await alone).toBe('one:r1');
    const outcomes = await Promise.allSettled(together);
    expect(groups).toEqual([['r2', 'r3', 'r4']]);
    expect(outcomes).toEqual([
      { status: 'fulfilled', value: 'many:r2' },
      { status: 'rejected', reason: new Error('lease of r3 lost') },
      { status: 'fulfilled', value: 'many:r4' },
    ]);
  });

  it('writes each entry on its own when the statement of the group fails, so an error stays its own', async () => {
    const first = deferred<string>();
    const singles: string[] = [];
    const writes = new WriteGroup<string, string>(
      async (e) => {
        singles.push(e);
        if (e === 'r1') return first.promise;
        if (e === 'r3') throw new Error('invalid input syntax for type json');
        return `one:${e}`;
      },
      async () => {
        throw new Error('invalid input syntax for type json');
      },
    );
    const alone = writes.write('r1');
    const together = [writes.write('r2'), writes.write('r3')];
    first.resolve('one:r1');
    await alone;
    expect(await Promise.allSettled(together)).toEqual([
      { status: 'fulfilled', value: 'one:r2' },
      { status: 'rejected', reason: new Error('invalid input syntax for type json') },
    ]);
    expect(singles).toEqual(['r1', 'r2', 'r3']);
  });

  it('takes up what waited after a single statement failed, and keeps groups to 32', async () => {
    const first = deferred<string>();
    const groups: number[] = [];
    const writes = new WriteGroup<number, string>(
      async (e) => (e === 0 ? first.promise : `one:${e}`),
      async (es) => (groups.push(es.length), es.map((e) => `many:${e}`)),
    );
    const alone = writes.write(0);
    const waiting = Array.from({ length: 40 }, (_, i) => writes.write(i + 1));
    first.reject(new Error('connection reset'));
    await expect(alone).rejects.toThrow('connection reset');
    const values = await Promise.all(waiting);
    expect(groups).toEqual([32, 8]);
    expect(values[0]).toBe('many:1');
    expect(values[39]).toBe('many:40');
  });
});
