import { Global, Module } from '@nestjs/common';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { EventBus, LocalEventBus } from './event-bus.js';

/** The `EventBus` this deployment uses, chosen once from the config. */
@Global()
@Module({
  providers: [
    {
      provide: EventBus,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig): Promise<EventBus> => {
        if (!config.redisUrl) return new LocalEventBus();
        // ioredis is imported only when REDIS_URL is set (start-up cost and idle memory).
        const { RedisEventBus } = await import('./redis-event-bus.js');
        const bus = new RedisEventBus(config.redisUrl);
        // Start with the subscription live, or wait at most a few seconds for Redis (it may be down).
        await Promise.race([bus.ready(), new Promise((r) => setTimeout(r, 5000).unref())]);
        return bus;
      },
    },
  ],
  exports: [EventBus],
})
export class EventBusModule {}
