import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HealthView } from '@flowpress/shared';
import { DataSource } from 'typeorm';
import { DATABASE_KIND, type DatabaseKind } from '../database/database.module.js';
import { ApiException } from '../http/api-error.js';
import { RunQueue } from '../queue/run-queue.js';
import { poolSql } from '../engine/engine.module.js';
import { schedulerHealth } from '../schedules/scheduler-health.js';

@Injectable()
export class HealthService {
  constructor(
    private readonly queue: RunQueue,
    @Inject(DATABASE_KIND) private readonly databaseKind: DatabaseKind,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** 200 when the database answers, 503 otherwise (load balancers take the instance out). */
  async check(): Promise<HealthView> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new ApiException(
        HttpStatus.SERVICE_UNAVAILABLE,
        `The ${this.databaseKind} database does not answer`,
      );
    }
    const scheduler = await schedulerHealth(poolSql(this.dataSource));
    return { status: 'ok', database: this.databaseKind, queue: this.queue.kind, scheduler };
  }
}
