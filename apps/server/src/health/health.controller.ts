import { Controller, Get } from '@nestjs/common';
import { Public } from '../auth/decorators.js';
import { ApiTags } from '../openapi/decorators.js';
import type { HealthView } from '@flowpress/shared';
import { HealthService } from './health.service.js';

@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Public: `{status: 'ok', database: 'pglite' | 'postgres', queue: 'in-process' | 'bullmq'}`. */
  @Public()
  @Get()
  check(): Promise<HealthView> {
    return this.health.check();
  }
}
