import { Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '../openapi/decorators.js';
import { docSchemas, responseJsonSchema } from '../openapi/schemas.js';
import { createApiKeyBodySchema, type ApiKeyView } from '@flowpress/shared';
import { z } from 'zod';
import { CurrentUser } from '../auth/decorators.js';
import type { AuthUser } from '../auth/auth-user.js';
import { UuidParam } from '../http/params.js';
import { ZodBody } from '../http/zod.js';
import { ApiKeysService } from './api-keys.service.js';

/** Any signed-in user manages their own keys; a key acts with its creator's role. */
@ApiTags('api-keys')
@ApiBearerAuth()
@Controller('api/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @ApiCreatedResponse({
    schema: responseJsonSchema(docSchemas.apiKey),
    description: 'The key is in `key`, shown this once',
  })
  create(
    @CurrentUser() user: AuthUser,
    @ZodBody(createApiKeyBodySchema) body: z.infer<typeof createApiKeyBodySchema>,
  ): Promise<ApiKeyView> {
    return this.keys.create(user.id, body.name);
  }

  @Get()
  @ApiOkResponse({ schema: responseJsonSchema(z.array(docSchemas.apiKey.omit({ key: true }))) })
  list(@CurrentUser() user: AuthUser): Promise<ApiKeyView[]> {
    return this.keys.list(user.id);
  }

  @Delete(':id')
  @HttpCode(204)
  revoke(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string): Promise<void> {
    return this.keys.revoke(user, id);
  }
}
