import { LoginLimiter } from './login-limiter.js';

describe('LoginLimiter', () => {
  let now = 0;
  const limiter = () => new LoginLimiter(3, 60_000, () => now);

  beforeEach(() => {
    now = 1_000_000;
  });

  it('allows attempts until the failures reach the limit, then answers the seconds left', () => {
    const l = limiter();
    for (let i = 0; i < 3; i++) {
      expect(l.retryAfter('ip|a@b.c')).toBe(0);
      l.fail('ip|a@b.c');
    }
    expect(l.retryAfter('ip|a@b.c')).toBe(60);
    now += 45_500;
    expect(l.retryAfter('ip|a@b.c')).toBe(15);
    expect(l.retryAfter('ip|other@b.c')).toBe(0);
  });

  it('forgets after the window and on success', () => {
    const l = limiter();
    for (let i = 0; i < 3; i++) l.fail('k');
    now += 60_000;
    expect(l.retryAfter('k')).toBe(0);
    l.fail('k');
    l.fail('k');
    l.succeed('k');
    l.fail('k');
    l.fail('k');
    expect(l.retryAfter('k')).toBe(0);
  });

  it('stays bounded in memory', () => {
    const l = new LoginLimiter(3, 60_000, () => now, 100);
    for (let i = 0; i < 1000; i++) l.fail(`k${i}`);
    expect((l as unknown as { entries: Map<string, unknown> }).entries.size).toBeLessThanOrEqual(
      100,
    );
  });
});
