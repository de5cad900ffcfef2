import { Global, Injectable, Logger, Module, type OnModuleDestroy } from '@nestjs/common';

/**
 * The process is stopping. Anything that holds a request open for a long time (`?wait=true`
 * long-polls, open sockets) listens to `signal` and lets go at once, so shutdown is not held
 * up by a client's timeout. Aborted by main.ts as soon as SIGTERM/SIGINT arrives, and at the
 * latest when Nest starts destroying modules (`app.close()` in tests).
 */
@Injectable()
export class Lifecycle implements OnModuleDestroy {
  private readonly logger = new Logger('Lifecycle');
  private readonly controller = new AbortController();

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get shuttingDown(): boolean {
    return this.controller.signal.aborted;
  }

  beginShutdown(reason = 'the server is shutting down'): void {
    if (this.controller.signal.aborted) return;
    this.logger.debug(`shutdown: ${reason}`);
    this.controller.abort(new Error(reason));
  }

  onModuleDestroy(): void {
    this.beginShutdown();
  }
}

@Global()
@Module({ providers: [Lifecycle], exports: [Lifecycle] })
export class LifecycleModule {}
