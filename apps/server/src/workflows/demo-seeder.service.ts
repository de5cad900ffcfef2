import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ValidationFailed } from '../http/api-error.js';
import { demoWorkflow } from './demo-workflow.js';
import { WorkflowsService } from './workflows.service.js';

/** On the first start (no workflow ever saved) adds "Blog post (demo)". */
@Injectable()
export class DemoSeederService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Seed');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly workflows: WorkflowsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      const seeded = await this.dataSource.transaction(async (m) => {
        await m.query(`SELECT pg_advisory_xact_lock(hashtext('flowpress:seed-workflows'))`);
        if ((await this.workflows.count(m)) > 0) return null;
        return this.workflows.create(demoWorkflow(), null, m);
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
}
