import { HttpStatus } from '@nestjs/common';
import { ApiException } from '../http/api-error.js';

/**
 * scrypt runs on libuv's small thread pool (4 threads), which file I/O and DNS share: 40
 * parallel logins would queue everything else behind ~40 × 90 ms of hashing. At most
 * `concurrency` hashes run at once; up to `queueCap` more wait; past that a login is refused
 * with 503 and Retry-After, instead of piling up.
 */
export class HashLimiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly queueCap: number,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.concurrency) {
      if (this.waiting.length >= this.queueCap) throw new LoginBusy();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // Hand the slot straight to the next waiter (active stays the same), else free it.
      if (next) next();
      else this.active--;
    }
  }

  get pending(): number {
    return this.waiting.length;
  }
}

export class LoginBusy extends ApiException {
  readonly retryAfterSeconds = 1;

  constructor() {
    super(
      HttpStatus.SERVICE_UNAVAILABLE,
      'Too many sign-ins are being checked right now: try again in a second',
    );
  }
}
