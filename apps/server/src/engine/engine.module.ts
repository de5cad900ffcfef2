import {
  Global,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  validateRunInputs,
  type KnowledgeSearch,
  type NodeServices,
  type PublishServices,
} from '@flowpress/nodes';
import { createProviders } from '@flowpress/nodes/runtime';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG, InjectConfig } from '../config/config.module.js';
import { AssetsModule } from '../assets/assets.module.js';
import { AssetsService } from '../assets/assets.service.js';
import { PUBLISH_SERVICES } from '../publishing/publish-services.js';
import { KNOWLEDGE_SEARCH } from '../knowledge/knowledge-search.token.js';
import { EventBus } from '../realtime/event-bus.js';
import { EventBusModule } from '../realtime/event-bus.module.js';
import { RunQueue } from '../queue/run-queue.js';
import { QueueModule } from '../queue/queue.module.js';
import { EngineCore } from './engine-core.js';
import { nodeRuntime } from './node-runtime.js';
import { poolSql, transactOn } from './sql.js';

const NODE_SERVICES = Symbol('NODE_SERVICES');

@Global()
@Module({
  imports: [AssetsModule, QueueModule, EventBusModule],
  providers: [
    {
      provide: NODE_SERVICES,
      inject: [APP_CONFIG, AssetsService, PUBLISH_SERVICES, KNOWLEDGE_SEARCH],
      useFactory: (
        config: AppConfig,
        assets: AssetsService,
        publish: PublishServices,
        knowledge: KnowledgeSearch,
      ): NodeServices => {
        const providers = createProviders({
          ...(config.openai.apiKey ? { apiKey: config.openai.apiKey } : {}),
          ...(config.openai.baseUrl ? { baseURL: config.openai.baseUrl } : {}),
          ...(config.models.llm ? { llmModel: config.models.llm } : {}),
          ...(config.models.image ? { imageModel: config.models.image } : {}),
          ...(config.models.embedding ? { embeddingModel: config.models.embedding } : {}),
          allowPrivateNetwork: config.allowPrivateNetwork,
        });
        return { llm: providers.llm, images: providers.images, assets, publish, knowledge };
      },
    },
    {
      provide: EngineCore,
      inject: [DataSource, EventBus, RunQueue, NODE_SERVICES, APP_CONFIG],
      useFactory: (
        db: DataSource,
        bus: EventBus,
        queue: RunQueue,
        services: NodeServices,
        config: AppConfig,
      ) =>
        new EngineCore({
          sql: poolSql(db),
          transact: transactOn(db),
          runtime: nodeRuntime,
          bus,
          queue,
          services,
          validateRunInputs,
          // Without Redis this process is the only worker there is.
          options: { soleWorker: !config.redisUrl, leaseMs: config.leaseMs },
        }),
    },
  ],
  exports: [EventBusModule, QueueModule, EngineCore, NODE_SERVICES],
})
export class EngineModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Engine');

  constructor(
    private readonly engine: EngineCore,
    private readonly queue: RunQueue,
    private readonly bus: EventBus,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.role === 'api') return;
    await this.engine.orchestrator.start();
    this.logger.log(`worker started (${this.queue.kind} queue)`);
  }

  /** Stops taking jobs, gives running runs ten seconds, releases the rest, then lets go of Redis. */
  async beforeApplicationShutdown(): Promise<void> {
    const { executing } = this.engine.orchestrator.work;
    if (executing) this.logger.log(`draining: ${executing} run(s) executing here`);
    const closing = this.queue.close();
    // Half the shutdown deadline at most: interrupting and closing need the rest.
    await this.engine.orchestrator.stop(Math.min(10_000, this.config.shutdownTimeoutMs / 2));
    this.logger.log('runs drained; closing the queue');
    await closing;
    await this.bus.close();
    this.logger.log('queue and event bus closed');
  }
}
