import { Global, Module } from '@nestjs/common';
import { MultipartModule } from '@nestjs/platform-fastify';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { KnowledgeController } from './knowledge.controller.js';
import { KnowledgeEvents } from './knowledge.events.js';
import { KnowledgeService } from './knowledge.service.js';
import { KNOWLEDGE_SEARCH } from './knowledge-search.token.js';

/**
 * Knowledge bases, ingestion and search. Global so the engine can hand the search to the
 * retrieval step without importing this feature's internals.
 */
@Global()
@Module({
  imports: [
    // Uploads stay in memory (they are extracted at once) and stop at FLOWPRESS_UPLOAD_LIMIT (413).
    MultipartModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        limits: { fileSize: config.uploadLimitBytes, files: 1 },
      }),
    }),
  ],
  controllers: [KnowledgeController],
  providers: [
    KnowledgeEvents,
    KnowledgeService,
    { provide: KNOWLEDGE_SEARCH, useExisting: KnowledgeService },
  ],
  exports: [KNOWLEDGE_SEARCH, KnowledgeService],
})
export class KnowledgeModule {}
