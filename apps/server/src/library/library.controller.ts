import { Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '../openapi/decorators.js';
import { Roles } from '../auth/decorators.js';
import { UuidParam, ZodBody, ZodQuery } from '../http/index.js';
import {
  libraryListQuerySchema,
  updateLibraryItemBodySchema,
  type LibraryListQuery,
  type UpdateLibraryItemBody,
} from './library.dto.js';
import type { LibraryItemSummary, LibraryItemView } from './library-item.js';
import { LibraryService } from './library.service.js';

/** Everyone signed in reads the library; editors change and (un)publish items. */
@ApiTags('library')
@ApiBearerAuth()
@Controller('api/library')
export class LibraryController {
  constructor(private readonly library: LibraryService) {}

  @Get()
  list(@ZodQuery(libraryListQuerySchema) query: LibraryListQuery): Promise<LibraryItemSummary[]> {
    return this.library.list(query);
  }

  @Get(':id')
  get(@Param('id', UuidParam) id: string): Promise<LibraryItemView> {
    return this.library.get(id);
  }

  @Patch(':id')
  @Roles('editor')
  update(
    @Param('id', UuidParam) id: string,
    @ZodBody(updateLibraryItemBodySchema) body: UpdateLibraryItemBody,
  ): Promise<LibraryItemView> {
    return this.library.update(id, body);
  }

  @Post(':id/unpublish')
  @Roles('editor')
  @HttpCode(200)
  unpublish(@Param('id', UuidParam) id: string): Promise<LibraryItemView> {
    return this.library.setStatus(id, 'unpublished');
  }

  @Post(':id/publish')
  @Roles('editor')
  @HttpCode(200)
  publish(@Param('id', UuidParam) id: string): Promise<LibraryItemView> {
    return this.library.setStatus(id, 'published');
  }
}
