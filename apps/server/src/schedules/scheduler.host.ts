import os from 'node:os';
import { randomBytes } from 'node:crypto';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { inTransaction, poolSql } from '../engine/sql.js';
import { ScheduleLauncher } from './schedule-launcher.js';
import { Scheduler } from './scheduler.js';

/** Runs this process's scheduler loop from start-up to shutdown (every role: the claim is in SQL). */
@Injectable()
export class SchedulerHost implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('Scheduler');
  readonly scheduler: Scheduler;

  constructor(db: DataSource, launcher: ScheduleLauncher) {
    this.scheduler = new Scheduler({
      sql: poolSql(db),
      transaction: (fn) => inTransaction(db, fn),
      launch: (row, fireAt) => launcher.launch(row, fireAt),
      owner: `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
      onError: (message) => this.log.error(message),
    });
  }

  onApplicationBootstrap(): void {
    this.scheduler.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.scheduler.stop();
  }
}
