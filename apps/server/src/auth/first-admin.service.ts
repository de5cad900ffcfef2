import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config.js';
import { InjectConfig } from '../config/config.module.js';
import { UsersService } from '../users/users.service.js';
import { generatePassword } from './password.js';

/**
 * On the first start (no users at all) creates the admin from FLOWPRESS_ADMIN_EMAIL/PASSWORD, or
 * with a generated password printed once in a box. Serialised with an advisory lock, so several
 * instances starting together on one Postgres create exactly one admin.
 */
@Injectable()
export class FirstAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger('FirstAdmin');

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const generated = this.config.admin.password === null;
    const password = this.config.admin.password ?? generatePassword();
    const created = await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('flowpress:first-admin'))`);
      if ((await this.users.count(manager)) > 0) return null;
      return this.users.create(
        { email: this.config.admin.email, password, role: 'admin', name: 'Admin' },
        manager,
      );
    });
    if (!created) return;
    if (!generated) {
      this.logger.log(
        `Created the admin account ${created.email} (password from FLOWPRESS_ADMIN_PASSWORD)`,
      );
      return;
    }
    this.logger.warn(
      `\n${box([
        'Flowpress created the first admin account:',
        '',
        `  email:    ${created.email}`,
        `  password: ${password}`,
        '',
        'Save it now: it is shown only this once.',
        'Set FLOWPRESS_ADMIN_EMAIL / FLOWPRESS_ADMIN_PASSWORD to choose them.',
      ])}`,
    );
  }
}

export function box(lines: string[]): string {
  const width = Math.max(...lines.map((l) => l.length));
  const bar = '═'.repeat(width + 2);
  return [`╔${bar}╗`, ...lines.map((l) => `║ ${l.padEnd(width)} ║`), `╚${bar}╝`].join('\n');
}
