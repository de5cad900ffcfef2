import { Global, Module } from '@nestjs/common';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { InProcessRunQueue, RunQueue } from './run-queue.js';

/** How many runs one process executes at once (FLOWPRESS_WORKER_CONCURRENCY in queue mode). */
export const IN_PROCESS_CONCURRENCY = 16;

/** The `RunQueue` this deployment uses, chosen once from the config. */
@Global()
@Module({
  providers: [
    {
      provide: RunQueue,
      inject: [APP_CONFIG],
      useFactory: (_config: AppConfig): RunQueue => new InProcessRunQueue(IN_PROCESS_CONCURRENCY),
    },
  ],
  exports: [RunQueue],
})
export class QueueModule {}
