import {
  Global,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Pool } from 'pg';
import {
  registry,
  validateRunInputs,
  type KnowledgeSearch,
  type NodeServices,
  type PublishServices,
} from '@flowpress/nodes';
import { classifyError, createProviders, executors } from '@flowpress/nodes/runtime';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG, InjectConfig } from '../config/config.module.js';
import { AssetsModule } from '../assets/assets.module.js';
import { AssetsService } from '../assets/assets.service.js';
import { PUBLISH_SERVICES } from '../publishing/publish-services.js';
import { KNOWLEDGE_SEARCH } from '../knowledge/knowledge-search.token.js';
import { EventBus, LocalEventBus } from '../realtime/event-bus.js';
import { InProcessRunQueue, RunQueue } from '../queue/run-queue.js';
import { EngineCore } from './engine-core.js';
import type { NodeRuntime } from './node-runtime.js';
import type { Sql } from './run-store.js';

/** Node types as the engine sees them: the registry's definitions and the runtime executors. */
export const nodeRuntime: NodeRuntime = {
  definition: (type) => registry.definition(type),
  info: (type) => registry.info(type),
  executor: (type) => executors.get(type),
  classifyError,
};

/** The engine's SQL goes straight to the pg pool behind TypeORM: fewer layers on the hot path. */
export function poolSql(db: DataSource): Sql {
  const pool = (db.driver as unknown as { master: Pool }).master;
  return { query: async (text, params) => (await pool.query(text, params)).rows };
}

/** Runs `fn` in one transaction on one pooled connection; rolls back when it throws. */
export async function inTransaction<T>(db: DataSource, fn: (sql: Sql) => Promise<T>): Promise<T> {
  const pool = (db.driver as unknown as { master: Pool }).master;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn({ query: async (text, params) => (await client.query(text, params)).rows });
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const NODE_SERVICES = Symbol('NODE_SERVICES');

@Global()
@Module({
  imports: [AssetsModule],
  providers: [
    { provide: EventBus, useFactory: () => new LocalEventBus() },
    { provide: RunQueue, useFactory: () => new InProcessRunQueue(16) },
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
        });
        return { llm: providers.llm, images: providers.images, assets, publish, knowledge };
      },
    },
    {
      provide: EngineCore,
      inject: [DataSource, EventBus, RunQueue, NODE_SERVICES],
      useFactory: (db: DataSource, bus: EventBus, queue: RunQueue, services: NodeServices) =>
        new EngineCore(poolSql(db), nodeRuntime, bus, queue, services, validateRunInputs),
    },
  ],
  exports: [EventBus, RunQueue, EngineCore, NODE_SERVICES],
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

  async beforeApplicationShutdown(): Promise<void> {
    const closing = this.queue.close();
    await this.engine.orchestrator.stop(10_000);
    await closing;
    await this.bus.close();
  }
}
