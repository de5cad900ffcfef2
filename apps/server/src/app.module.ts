import { DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import { ApiKeysModule } from './api-keys/api-keys.module.js';
import { AuthModule } from './auth/auth.module.js';
import type { AppConfig } from './config/config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { LifecycleModule } from './http/lifecycle.js';
import { HealthModule } from './health/health.module.js';
import { NodeTypesModule } from './node-types/node-types.module.js';
import { UsersModule } from './users/users.module.js';
import { WorkflowsModule } from './workflows/workflows.module.js';
import { EngineModule } from './engine/engine.module.js';
import { RunsModule } from './runs/runs.module.js';
import { RealtimeModule } from './realtime/realtime.module.js';
import { AssetsModule } from './assets/assets.module.js';
import { ReviewsModule } from './reviews/reviews.module.js';
import { CredentialsModule } from './credentials/credentials.module.js';
import { LibraryModule } from './library/library.module.js';
import { PublishingModule } from './publishing/publishing.module.js';
import { SchedulesModule } from './schedules/schedules.module.js';
import { KnowledgeModule } from './knowledge/knowledge.module.js';

type Imports = NonNullable<ModuleMetadata['imports']>;

/**
 * THE list of feature modules. Add new features here (engine, runs, queue, realtime, reviews,
 * schedules, knowledge, credentials, assets, library, …). Config and database come first and are
 * global; every feature may inject `APP_CONFIG` and TypeORM repositories.
 */
export const FEATURE_MODULES: Imports = [
  AuthModule,
  UsersModule,
  ApiKeysModule,
  NodeTypesModule,
  WorkflowsModule,
  HealthModule,
  EngineModule,
  RunsModule,
  RealtimeModule,
  AssetsModule,
  ReviewsModule,
  CredentialsModule,
  LibraryModule,
  PublishingModule,
  SchedulesModule,
  KnowledgeModule,
];

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(config),
        LifecycleModule,
        ...FEATURE_MODULES,
      ],
    };
  }
}
