import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  createRunBodySchema,
  runStatusSchema,
  type CreateRunBody,
  type RunView,
} from '@flowpress/shared';
import { CurrentUser, Roles } from '../auth/decorators.js';
import type { AuthUser } from '../auth/auth-user.js';
import { UuidParam, ZodBody, ZodQuery } from '../http/index.js';
import { RunsService, type CreatedRun } from './runs.service.js';

const runQuerySchema = z.object({
  wait: z.enum(['true', 'false', '1', '0']).optional(),
  timeoutMs: z.coerce.number().int().min(0).max(600_000).optional(),
});

const listQuerySchema = z.object({
  workflowId: z.uuid().optional(),
  status: runStatusSchema.optional(),
  trigger: z.enum(['manual', 'api', 'schedule']).optional(),
  scheduleId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.iso.datetime({ offset: true }).optional(),
});

@Controller('api')
export class RunsController {
  constructor(private readonly runs: RunsService) {}

  /**
   * 201 `{id, status: "queued", workflowVersion}`; with `?wait=true` the full run once it ends or
   * waits for review (200), or as it stands at the timeout (202).
   */
  @Post('workflows/:id/runs')
  @Roles('editor')
  async create(
    @Param('id', UuidParam) workflowId: string,
    @ZodBody(createRunBodySchema) body: CreateRunBody,
    @ZodQuery(runQuerySchema) query: z.infer<typeof runQuerySchema>,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<CreatedRun | RunView> {
    const trigger = user.apiKeyId ? 'api' : 'manual';
    if (query.wait === 'true' || query.wait === '1') {
      const { run, done } = await this.runs.createAndWait(workflowId, body.inputs, {
        createdBy: user.id,
        trigger,
        timeoutMs: query.timeoutMs ?? 60_000,
      });
      void res.status(done ? 200 : 202);
      return run;
    }
    void res.status(201);
    return this.runs.create(workflowId, body.inputs, { createdBy: user.id, trigger });
  }

  @Get('runs')
  list(@ZodQuery(listQuerySchema) query: z.infer<typeof listQuerySchema>): Promise<RunView[]> {
    return this.runs.list({
      ...(query.workflowId ? { workflowId: query.workflowId } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.trigger ? { trigger: query.trigger } : {}),
      ...(query.scheduleId ? { scheduleId: query.scheduleId } : {}),
      limit: query.limit,
      ...(query.before ? { before: new Date(query.before) } : {}),
    });
  }

  @Get('runs/:id')
  get(@Param('id', UuidParam) id: string): Promise<RunView> {
    return this.runs.get(id);
  }

  @Post('runs/:id/cancel')
  @Roles('editor')
  @HttpCode(200)
  cancel(@Param('id', UuidParam) id: string): Promise<RunView> {
    return this.runs.cancel(id);
  }
}
