import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ValidationFailed } from '../http/api-error.js';
import { KnowledgeService } from '../knowledge/knowledge.service.js';
import { DEMO_DOCUMENTS, DEMO_KNOWLEDGE_BASE_NAME } from './demo-knowledge.js';
import { demoWorkflow } from './demo-workflow.js';
import { WorkflowsService } from './workflows.service.js';

/**
 * On the first start (no workflow ever saved) adds the demo knowledge base and "Blog post
 * (demo)", which searches it.
 */
@Injectable()
export class DemoSeederService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Seed');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly workflows: WorkflowsService,
    private readonly knowledge: KnowledgeService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((await this.workflows.count(this.dataSource.manager)) > 0) return;
    try {
      // Outside the seeding transaction: the embedded database serves one transaction at a time.
      const knowledgeBaseId = await this.demoKnowledgeBase();
      const seeded = await this.dataSource.transaction(async (m) => {
        await m.query(`SELECT pg_advisory_xact_lock(hashtext('flowpress:seed-workflows'))`);
        if ((await this.workflows.count(m)) > 0) return null;
        return this.workflows.create(demoWorkflow(knowledgeBaseId), null, m);
      });
      if (seeded) this.logger.log(`Added the demo workflow "${seeded.name}"`);
    } catch (err) {
      // A catalog change that breaks the demo must not keep the server from starting.
      if (!(err instanceof ValidationFailed)) throw err;
      this.logger.error(
        `The demo workflow no longer validates; not seeded: ${JSON.stringify(err.issues)}`,
      );
    }
  }

  /** The demo knowledge base, created with its documents unless one of that name exists. */
  private async demoKnowledgeBase(): Promise<string> {
    const existing = (await this.knowledge.list()).find(
      (kb) => kb.name === DEMO_KNOWLEDGE_BASE_NAME,
    );
    if (existing) return existing.id;
    const kb = await this.knowledge.create(
      {
        name: DEMO_KNOWLEDGE_BASE_NAME,
        description:
          'Product sheets and the brand voice of a made-up coffee roaster, for the demo workflow.',
        language: 'english',
        chunkSize: 600,
        chunkOverlap: 80,
      },
      null,
    );
    for (const doc of DEMO_DOCUMENTS) await this.knowledge.addJson(kb.id, doc, null);
    this.logger.log(
      `Added the demo knowledge base "${kb.name}" (${DEMO_DOCUMENTS.length} documents)`,
    );
    return kb.id;
  }
}
