import os from 'node:os';
import { Global, Module } from '@nestjs/common';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { InProcessRunQueue, RunQueue } from './run-queue.js';

/** How many runs the single process executes at once without Redis (FLOWPRESS_WORKER_CONCURRENCY with). */
export const IN_PROCESS_CONCURRENCY = 16;

/** The `RunQueue` this deployment uses, chosen once from the config. */
@Global()
@Module({
  providers: [
    {
      provide: RunQueue,
      inject: [APP_CONFIG],
      // BullMQ and ioredis (~260 files) are imported only when REDIS_URL asks for them.
      useFactory: async (config: AppConfig): Promise<RunQueue> => {
        if (!config.redisUrl) return new InProcessRunQueue(IN_PROCESS_CONCURRENCY);
        const { BullMQRunQueue } = await import('./bullmq-run-queue.js');
        return new BullMQRunQueue({
          redisUrl: config.redisUrl,
          concurrency: config.workerConcurrency,
          lockMs: config.leaseMs,
          workerName: `${os.hostname()}:${process.pid}:${config.role}`,
        });
      },
    },
  ],
  exports: [RunQueue],
})
export class QueueModule {}
