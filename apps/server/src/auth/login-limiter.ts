/**
 * Counts failed logins per key (client IP + email) in a fixed window. Once a key reaches the
 * limit, every attempt — right password or not — is refused until the window ends, so guessing
 * costs a minute per ten tries. A success clears the key. In memory: per process.
 */
export class LoginLimiter {
  private readonly entries = new Map<string, { failures: number; resetAt: number }>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 50_000,
  ) {}

  /** Seconds until the key may try again, or 0 when it may try now. */
  retryAfter(key: string): number {
    const entry = this.entries.get(key);
    if (!entry) return 0;
    const left = entry.resetAt - this.now();
    if (left <= 0) {
      this.entries.delete(key);
      return 0;
    }
    return entry.failures >= this.maxFailures ? Math.ceil(left / 1000) : 0;
  }

  fail(key: string): void {
    const now = this.now();
    const entry = this.entries.get(key);
    if (entry && entry.resetAt > now) {
      entry.failures++;
      return;
    }
    if (this.entries.size >= this.maxKeys) this.prune(now);
    this.entries.set(key, { failures: 1, resetAt: now + this.windowMs });
  }

  succeed(key: string): void {
    this.entries.delete(key);
  }

  private prune(now: number): void {
    for (const [key, entry] of this.entries) if (entry.resetAt <= now) this.entries.delete(key);
    // Still full (an attack from many addresses): drop the oldest half rather than grow forever.
    if (this.entries.size >= this.maxKeys) {
      let drop = Math.floor(this.entries.size / 2);
      for (const key of this.entries.keys()) {
        if (drop-- <= 0) break;
        this.entries.delete(key);
      }
    }
  }
}

/**
 * Login throttling on three keys, all in one window:
 *  - address + account (`maxFailures`): guessing one password from one place;
 *  - account, any address (`maxFailuresPerAccount`): guessing spread over many addresses;
 *  - address, distinct accounts (`maxFailuresPerIp`): password spraying (one guess at many
 *    accounts). Counting distinct accounts, not failures, keeps one person who keeps mistyping
 *    their own password from locking everyone behind the same address out.
 */
export class LoginThrottle {
  private readonly pair: LoginLimiter;
  private readonly account: LoginLimiter;
  private readonly sprayed = new Map<string, { accounts: Set<string>; resetAt: number }>();

  constructor(
    private readonly limits: {
      maxFailures: number;
      windowMs: number;
      maxFailuresPerIp: number;
      maxFailuresPerAccount: number;
    },
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 50_000,
  ) {
    this.pair = new LoginLimiter(limits.maxFailures, limits.windowMs, now, maxKeys);
    this.account = new LoginLimiter(limits.maxFailuresPerAccount, limits.windowMs, now, maxKeys);
  }

  /** Seconds until this address may try this account again; 0 → now. */
  retryAfter(ip: string, email: string): number {
    return Math.max(
      this.pair.retryAfter(`${ip}|${email}`),
      this.account.retryAfter(email),
      this.sprayRetryAfter(ip),
    );
  }

  fail(ip: string, email: string): void {
    this.pair.fail(`${ip}|${email}`);
    this.account.fail(email);
    const now = this.now();
    let entry = this.sprayed.get(ip);
    if (!entry || entry.resetAt <= now) {
      if (this.sprayed.size >= this.maxKeys) this.pruneSprayed(now);
      entry = { accounts: new Set(), resetAt: now + this.limits.windowMs };
      this.sprayed.set(ip, entry);
    }
    // Bounded: past the limit the address is refused anyway.
    if (entry.accounts.size <= this.limits.maxFailuresPerIp) entry.accounts.add(email);
  }

  /** A success clears this address+account; the other counters run out on their own. */
  succeed(ip: string, email: string): void {
    this.pair.succeed(`${ip}|${email}`);
  }

  private sprayRetryAfter(ip: string): number {
    const entry = this.sprayed.get(ip);
    if (!entry) return 0;
    const left = entry.resetAt - this.now();
    if (left <= 0) {
      this.sprayed.delete(ip);
      return 0;
    }
    return entry.accounts.size >= this.limits.maxFailuresPerIp ? Math.ceil(left / 1000) : 0;
  }

  private pruneSprayed(now: number): void {
    for (const [ip, entry] of this.sprayed) if (entry.resetAt <= now) this.sprayed.delete(ip);
    if (this.sprayed.size >= this.maxKeys) this.sprayed.clear();
  }
}
