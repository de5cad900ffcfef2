import { Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { z } from 'zod';
import {
  createScheduleBodySchema,
  type CalendarFire,
  schedulePreviewBodySchema,
  updateScheduleBodySchema,
  type CreateScheduleBody,
  type ScheduleFireView,
  type SchedulePreview,
  type ScheduleView,
  type UpdateScheduleBody,
} from '@flowpress/shared';
import { CurrentUser, Roles } from '../auth/decorators.js';
import type { AuthUser } from '../auth/auth-user.js';
import { UuidParam, ZodBody, ZodQuery } from '../http/index.js';
import type { CreatedRun } from '../runs/runs.service.js';
import { SchedulesService } from './schedules.service.js';

const listQuerySchema = z.object({ workflowId: z.uuid().optional() });
const calendarQuerySchema = z
  .object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
  .refine((q) => new Date(q.to) > new Date(q.from), {
    message: 'to must be after from',
    path: ['to'],
  })
  .refine((q) => new Date(q.to).getTime() - new Date(q.from).getTime() <= 62 * 86_400_000, {
    message: 'a calendar range is at most 62 days',
    path: ['to'],
  });
const firesQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

/** CONTRACT §2 `/schedules`. Reading is for every role; changing is for editors and admins. */
@Controller('api')
export class SchedulesController {
  constructor(private readonly schedules: SchedulesService) {}

  @Post('workflows/:id/schedules')
  @Roles('editor')
  create(
    @Param('id', UuidParam) workflowId: string,
    @ZodBody(createScheduleBodySchema) body: CreateScheduleBody,
    @CurrentUser() user: AuthUser,
  ): Promise<ScheduleView> {
    return this.schedules.create(workflowId, body, user.id);
  }

  @Get('workflows/:id/schedules')
  listOfWorkflow(@Param('id', UuidParam) workflowId: string): Promise<ScheduleView[]> {
    return this.schedules.list({ workflowId });
  }

  @Get('schedules')
  list(@ZodQuery(listQuerySchema) query: z.infer<typeof listQuerySchema>): Promise<ScheduleView[]> {
    return this.schedules.list(query.workflowId ? { workflowId: query.workflowId } : {});
  }

  /** The description and next fires of a cron as the user types it; changes nothing. */
  @Post('schedules/preview')
  @HttpCode(200)
  preview(
    @ZodBody(schedulePreviewBodySchema) body: z.output<typeof schedulePreviewBodySchema>,
  ): SchedulePreview {
    return this.schedules.preview(body);
  }

  /** What the content calendar shows of schedules between `from` and `to` (≤ 62 days). */
  @Get('schedules/calendar')
  calendar(
    @ZodQuery(calendarQuerySchema) query: z.infer<typeof calendarQuerySchema>,
  ): Promise<CalendarFire[]> {
    return this.schedules.calendar(new Date(query.from), new Date(query.to));
  }

  @Get('schedules/:id')
  get(@Param('id', UuidParam) id: string): Promise<ScheduleView> {
    return this.schedules.get(id);
  }

  @Get('schedules/:id/fires')
  fires(
    @Param('id', UuidParam) id: string,
    @ZodQuery(firesQuerySchema) query: z.infer<typeof firesQuerySchema>,
  ): Promise<ScheduleFireView[]> {
    return this.schedules.fires(id, query.limit);
  }

  @Patch('schedules/:id')
  @Roles('editor')
  update(
    @Param('id', UuidParam) id: string,
    @ZodBody(updateScheduleBodySchema) body: UpdateScheduleBody,
  ): Promise<ScheduleView> {
    return this.schedules.update(id, body);
  }

  @Delete('schedules/:id')
  @Roles('editor')
  @HttpCode(204)
  delete(@Param('id', UuidParam) id: string): Promise<void> {
    return this.schedules.delete(id);
  }

  /** "Run now": a run with the schedule's inputs (201, like `POST /workflows/:id/runs`). */
  @Post('schedules/:id/run')
  @Roles('editor')
  runNow(@Param('id', UuidParam) id: string, @CurrentUser() user: AuthUser): Promise<CreatedRun> {
    return this.schedules.runNow(id, user);
  }
}
