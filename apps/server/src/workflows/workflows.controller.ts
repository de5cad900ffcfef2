import {
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Res,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '../openapi/decorators.js';
import {
  createWorkflowBodySchema,
  workflowFileSchema,
  type CreateWorkflowBody,
  type WorkflowFile,
  type WorkflowVersionView,
  type WorkflowView,
} from '@flowpress/shared';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { CurrentUser, Roles } from '../auth/decorators.js';
import type { AuthUser } from '../auth/auth-user.js';
import { PositiveIntParam, UuidParam } from '../http/params.js';
import { ZodBody } from '../http/zod.js';
import { docSchemas, responseJsonSchema } from '../openapi/schemas.js';
import { MaskWebhookUrlsInterceptor } from '../publishing/mask-webhooks.js';
import {
  restoreVersionRequestSchema,
  updateWorkflowRequestSchema,
  type RestoreVersionRequest,
  type UpdateWorkflowRequest,
} from './dto/workflow.dto.js';
import { WorkflowsService, type WorkflowVersionDetail } from './workflows.service.js';

const workflowDoc = { schema: responseJsonSchema(docSchemas.workflow) };

/** Everyone signed in reads (webhook URLs masked below editor); editors and admins write. */
@ApiTags('workflows')
@ApiBearerAuth()
@UseInterceptors(MaskWebhookUrlsInterceptor)
@Controller('api/workflows')
export class WorkflowsController {
  constructor(private readonly workflows: WorkflowsService) {}

  @Get()
  @ApiOkResponse({ schema: responseJsonSchema(z.array(docSchemas.workflow)) })
  list(): Promise<WorkflowView[]> {
    return this.workflows.list();
  }

  @Roles('editor')
  @Post()
  @ApiCreatedResponse(workflowDoc)
  create(
    @ZodBody(createWorkflowBodySchema) body: CreateWorkflowBody,
    @CurrentUser() user: AuthUser,
  ): Promise<WorkflowView> {
    return this.workflows.create(body, user.id);
  }

  @Roles('editor')
  @Post('import')
  @ApiCreatedResponse(workflowDoc)
  import(
    @ZodBody(workflowFileSchema, 'a file from GET /api/workflows/{id}/export') file: WorkflowFile,
    @CurrentUser() user: AuthUser,
  ): Promise<WorkflowView> {
    return this.workflows.importFile(file, user.id);
  }

  @Get(':id')
  @ApiOkResponse(workflowDoc)
  get(@Param('id', UuidParam) id: string): Promise<WorkflowView> {
    return this.workflows.get(id);
  }

  @Roles('editor')
  @Put(':id')
  @ApiOkResponse(workflowDoc)
  update(
    @Param('id', UuidParam) id: string,
    @ZodBody(updateWorkflowRequestSchema) body: UpdateWorkflowRequest,
    @CurrentUser() user: AuthUser,
  ): Promise<WorkflowView> {
    return this.workflows.update(id, body, user.id);
  }

  @Roles('editor')
  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id', UuidParam) id: string): Promise<void> {
    return this.workflows.remove(id);
  }

  @Get(':id/versions')
  @ApiOkResponse({ schema: responseJsonSchema(z.array(docSchemas.workflowVersion)) })
  versions(@Param('id', UuidParam) id: string): Promise<WorkflowVersionView[]> {
    return this.workflows.listVersions(id);
  }

  @Get(':id/versions/:version')
  version(
    @Param('id', UuidParam) id: string,
    @Param('version', PositiveIntParam) version: number,
  ): Promise<WorkflowVersionDetail> {
    return this.workflows.versionDetail(id, version);
  }

  @Roles('editor')
  @Post(':id/versions/:version/restore')
  @HttpCode(200)
  @ApiOkResponse(workflowDoc)
  restore(
    @Param('id', UuidParam) id: string,
    @Param('version', PositiveIntParam) version: number,
    @ZodBody(restoreVersionRequestSchema, 'optional') body: RestoreVersionRequest,
    @CurrentUser() user: AuthUser,
  ): Promise<WorkflowView> {
    return this.workflows.restore(id, version, user.id, body.baseVersion);
  }

  /** The workflow file (`{flowpress: 1, name, description, graph}`) as a download. */
  @Get(':id/export')
  async export(
    @Param('id', UuidParam) id: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<WorkflowFile> {
    const file = await this.workflows.exportFile(id);
    void res.header('Content-Disposition', `attachment; filename="${fileName(file.name)}"`);
    return file;
  }
}

function fileName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '-')
    .slice(0, 80);
  return `${slug || 'workflow'}.flowpress.json`;
}
