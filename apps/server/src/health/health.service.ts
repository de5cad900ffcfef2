import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HealthView } from '@flowpress/shared';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config.js';
import { InjectConfig } from '../config/config.module.js';
import { DATABASE_KIND, type DatabaseKind } from '../database/database.module.js';
import { ApiException } from '../http/api-error.js';
import { RunQueue } from '../queue/run-queue.js';
import { EngineCore } from '../engine/engine-core.js';
import { poolSql } from '../engine/sql.js';
import { schedulerHealth } from '../schedules/scheduler-health.js';

/** Health never waits on Redis longer than this: a Redis outage is reported, not hung on. */
const QUEUE_STATS_TIMEOUT_MS = 1000;

@Injectable()
export class HealthService {
  constructor(
    private readonly queue: RunQueue,
    @Inject(DATABASE_KIND) private readonly databaseKind: DatabaseKind,
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    private readonly engine: EngineCore,
  ) {}

  /**
   * 200 when the database answers, 503 otherwise (load balancers take the instance out). Redis
   * away is `degraded`, not down: runs are still accepted (stored, enqueued when Redis is back).
   */
  async check(): Promise<HealthView> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new ApiException(
        HttpStatus.SERVICE_UNAVAILABLE,
        `The ${this.databaseKind} database does not answer`,
      );
    }
    const [queueStats, scheduler] = await Promise.all([
      this.queueStats(),
      schedulerHealth(poolSql(this.dataSource)),
    ]);
    return {
      status: queueStats.error ? 'degraded' : 'ok',
      database: this.databaseKind,
      queue: this.queue.kind,
      role: this.config.role,
      queueStats,
      scheduler,
      ...(this.config.role === 'api' ? {} : { worker: this.engine.orchestrator.work }),
    };
  }

  private async queueStats(): Promise<NonNullable<HealthView['queueStats']>> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const stats = await Promise.race([
        this.queue.stats(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error('Redis did not answer within 1 s')),
            QUEUE_STATS_TIMEOUT_MS,
          );
        }),
      ]);
      return {
        depth: stats.depth,
        active: stats.active,
        workersSeen: stats.workers,
        redisRttMs: stats.redisRttMs,
      };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return {
        depth: 0,
        active: 0,
        workersSeen: 0,
        redisRttMs: null,
        error: `The queue does not answer: ${reason}`,
      };
    } finally {
      clearTimeout(timer);
    }
  }
}
