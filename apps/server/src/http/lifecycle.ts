import { setMaxListeners } from 'node:events';
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
  private readonly controller = lifecycleController();

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

/**
 * Every pending long-poll holds one listener on the shutdown signal until it answers, so 32 in
 * flight are 32 listeners, none leaked (each is removed with its poll): Node's warning past 10
 * would be noise here.
 */
function lifecycleController(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}

@Global()
@Module({ providers: [Lifecycle], exports: [Lifecycle] })
export class LifecycleModule {}
