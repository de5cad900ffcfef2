import { lazyAsync } from './lazy.js';

describe('lazyAsync', () => {
  it('loads once and shares the result with every caller', async () => {
    let loads = 0;
    const get = lazyAsync(async () => ({ n: ++loads }));
    const [a, b] = await Promise.all([get(), get()]);
    expect(a).toBe(b);
    expect(await get()).toBe(a);
    expect(loads).toBe(1);
  });

  it('does not cache a failed load: the next call tries again', async () => {
    let loads = 0;
    const get = lazyAsync(async () => {
      if (++loads === 1) throw new Error('first load fails');
      return 'loaded';
    });
    await expect(get()).rejects.toThrow('first load fails');
    await expect(get()).resolves.toBe('loaded');
    expect(loads).toBe(2);
  });
});
