import { Module } from '@nestjs/common';
import { RunsModule } from '../runs/runs.module.js';
import { ScheduleLauncher } from './schedule-launcher.js';
import { SchedulerHost } from './scheduler.host.js';
import { SchedulesController } from './schedules.controller.js';
import { SchedulesService } from './schedules.service.js';

/** Schedules, their fires and this process's scheduler loop (see scheduler.ts). */
@Module({
  imports: [RunsModule],
  controllers: [SchedulesController],
  providers: [ScheduleLauncher, SchedulerHost, SchedulesService],
  exports: [SchedulesService],
})
export class SchedulesModule {}
