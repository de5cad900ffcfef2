import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { reviewDecisionBodySchema, type ReviewDecisionBody } from '@flowpress/shared';
import { CurrentUser, Roles } from '../auth/decorators.js';
import type { AuthUser } from '../auth/auth-user.js';
import { UuidParam, ZodBody, ZodQuery } from '../http/index.js';
import { ReviewsService } from './reviews.service.js';
import type { ReviewView } from './review-view.js';

const listQuerySchema = z.object({
  status: z.enum(['pending', 'approved', 'rejected', 'changes_requested', 'canceled']).optional(),
  workflowId: z.uuid().optional(),
  runId: z.uuid().optional(),
  assignee: z.string().trim().min(1).max(120).optional(),
  sort: z.enum(['created', 'due']).default('created'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const exportQuerySchema = z.object({
  format: z.literal('jsonl').default('jsonl'),
  workflowId: z.uuid().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

@Controller('api/reviews')
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @Get()
  list(@ZodQuery(listQuerySchema) query: z.infer<typeof listQuerySchema>, @CurrentUser() user: AuthUser): Promise<ReviewView[]> {
    return this.reviews.list(
      {
        ...(query.status ? { status: query.status } : {}),
        ...(query.workflowId ? { workflowId: query.workflowId } : {}),
        ...(query.runId ? { runId: query.runId } : {}),
        ...(query.assignee ? { assignee: query.assignee } : {}),
        sort: query.sort,
        limit: query.limit,
      },
      user,
    );
  }

  /** Streams `application/x-ndjson`, one decision per line. */
  @Get('export')
  @Roles('editor')
  async export(@ZodQuery(exportQuerySchema) query: z.infer<typeof exportQuerySchema>, @Res() res: FastifyReply): Promise<void> {
    const lines = this.reviews.exportJsonl({
      ...(query.workflowId ? { workflowId: query.workflowId } : {}),
      ...(query.from ? { from: new Date(query.from) } : {}),
      ...(query.to ? { to: new Date(query.to) } : {}),
    })[Symbol.asyncIterator]();
    // The first line is read before anything is sent: a failure there is still a JSON error.
    const first = await lines.next();
    async function* all(): AsyncGenerator<string> {
      if (first.done) return;
      yield first.value;
      for (let next = await lines.next(); !next.done; next = await lines.next()) yield next.value;
    }
    void res
      .header('Content-Type', 'application/x-ndjson; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="flowpress-review-feedback.jsonl"')
      .send(Readable.from(all()));
  }

  @Get(':id')
  get(@Param('id', UuidParam) id: string): Promise<ReviewView> {
    return this.reviews.get(id);
  }

  @Post(':id/decision')
  @Roles('reviewer')
  @HttpCode(200)
  decide(
    @Param('id', UuidParam) id: string,
    @ZodBody(reviewDecisionBodySchema) body: ReviewDecisionBody,
    @CurrentUser() user: AuthUser,
  ): Promise<ReviewView> {
    return this.reviews.decide(id, body, user);
  }
}
