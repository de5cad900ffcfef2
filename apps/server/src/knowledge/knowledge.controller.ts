import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '../openapi/decorators.js';
import {
  addDocumentBodySchema,
  createKnowledgeBaseBodySchema,
  knowledgeSearchQuerySchema,
  type CreateKnowledgeBaseBody,
  type KnowledgeBaseView,
  type KnowledgeChunkView,
  type KnowledgeDocumentView,
  type KnowledgeSearchQuery,
  type RetrievedPassage,
} from '@flowpress/shared';
import { CurrentUser, Roles } from '../auth/decorators.js';
import type { AuthUser } from '../auth/auth-user.js';
import {
  ApiException,
  UuidParam,
  ValidationFailed,
  ZodBody,
  ZodQuery,
  zodIssues,
} from '../http/index.js';
import { KnowledgeService, type UploadedFile as Upload } from './knowledge.service.js';

/** Everyone signed in reads and searches; editors and admins create, upload and delete. */
@ApiTags('knowledge')
@ApiBearerAuth()
@Controller('api/knowledge-bases')
export class KnowledgeController {
  constructor(private readonly knowledge: KnowledgeService) {}

  @Post()
  @Roles('editor')
  create(
    @ZodBody(createKnowledgeBaseBodySchema) body: CreateKnowledgeBaseBody,
    @CurrentUser() user: AuthUser,
  ): Promise<KnowledgeBaseView> {
    return this.knowledge.create(body, user.id);
  }

  @Get()
  list(): Promise<KnowledgeBaseView[]> {
    return this.knowledge.list();
  }

  @Get(':id')
  get(@Param('id', UuidParam) id: string): Promise<KnowledgeBaseView> {
    return this.knowledge.get(id);
  }

  @Delete(':id')
  @Roles('editor')
  @HttpCode(204)
  remove(@Param('id', UuidParam) id: string): Promise<void> {
    return this.knowledge.remove(id);
  }

  /** A multipart `file` (with an optional `title` field), or JSON `{title, text}` / `{url}`. */
  @Post(':id/documents')
  @Roles('editor')
  @ApiConsumes('multipart/form-data', 'application/json')
  @UseInterceptors(FileInterceptor('file'))
  addDocument(
    @Param('id', UuidParam) id: string,
    @UploadedFile() file: Upload | undefined,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
  ): Promise<KnowledgeDocumentView> {
    if (file) {
      const title = isRecord(body) && typeof body['title'] === 'string' ? body['title'] : undefined;
      return this.knowledge.addFile(id, file, title, user.id);
    }
    if (!isRecord(body) || Object.keys(body).length === 0) {
      throw new ApiException(
        HttpStatus.BAD_REQUEST,
        'Send a file (multipart field "file"), JSON {title, text}, or JSON {url}',
      );
    }
    const parsed = addDocumentBodySchema.safeParse(body);
    if (!parsed.success) throw new ValidationFailed('Invalid document', zodIssues(parsed.error));
    return this.knowledge.addJson(id, parsed.data, user.id);
  }

  @Get(':id/documents')
  documents(@Param('id', UuidParam) id: string): Promise<KnowledgeDocumentView[]> {
    return this.knowledge.documents(id);
  }

  @Get(':id/documents/:documentId')
  document(
    @Param('id', UuidParam) id: string,
    @Param('documentId', UuidParam) documentId: string,
  ): Promise<KnowledgeDocumentView> {
    return this.knowledge.document(id, documentId);
  }

  @Delete(':id/documents/:documentId')
  @Roles('editor')
  @HttpCode(204)
  removeDocument(
    @Param('id', UuidParam) id: string,
    @Param('documentId', UuidParam) documentId: string,
  ): Promise<void> {
    return this.knowledge.removeDocument(id, documentId);
  }

  @Get(':id/documents/:documentId/chunks')
  chunks(
    @Param('id', UuidParam) id: string,
    @Param('documentId', UuidParam) documentId: string,
  ): Promise<KnowledgeChunkView[]> {
    return this.knowledge.chunks(id, documentId);
  }

  /** Ranked passages, exactly what a retrieval step would receive, with the method that found each. */
  @Get(':id/search')
  search(
    @Param('id', UuidParam) id: string,
    @ZodQuery(knowledgeSearchQuerySchema) query: KnowledgeSearchQuery,
  ): Promise<RetrievedPassage[]> {
    return this.knowledge.searchQuery(id, query);
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
