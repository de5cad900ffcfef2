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
      useFactory: (_config: AppConfig): EventBus => new LocalEventBus(),
    },
  ],
  exports: [EventBus],
})
export class EventBusModule {}
