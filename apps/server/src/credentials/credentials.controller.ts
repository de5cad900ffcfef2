import { Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '../openapi/decorators.js';
import { CurrentUser, Roles } from '../auth/decorators.js';
import type { AuthUser } from '../auth/auth-user.js';
import { UuidParam, ZodBody } from '../http/index.js';
import {
  createCredentialBodySchema,
  updateCredentialBodySchema,
  type CreateCredentialBody,
  type CredentialDetailView,
  type CredentialView,
  type UpdateCredentialBody,
} from './credential-types.js';
import { CredentialsService } from './credentials.service.js';

/** Editors and admins; `data` goes in and is never answered. */
@ApiTags('credentials')
@ApiBearerAuth()
@Roles('editor')
@Controller('api/credentials')
export class CredentialsController {
  constructor(private readonly credentials: CredentialsService) {}

  @Post()
  create(
    @ZodBody(createCredentialBodySchema) body: CreateCredentialBody,
    @CurrentUser() user: AuthUser,
  ): Promise<CredentialDetailView> {
    return this.credentials.create(body, user.id);
  }

  @Get()
  list(): Promise<CredentialView[]> {
    return this.credentials.list();
  }

  /** Seals every credential under the current FLOWPRESS_SECRET_KEY (after a key rotation). */
  @Post('rotate')
  @Roles('admin')
  @HttpCode(200)
  rotate(): Promise<{ keyVersion: string; rotated: number; unreadable: string[] }> {
    return this.credentials.rotate();
  }

  @Get(':id')
  get(@Param('id', UuidParam) id: string): Promise<CredentialDetailView> {
    return this.credentials.get(id);
  }

  @Patch(':id')
  update(
    @Param('id', UuidParam) id: string,
    @ZodBody(updateCredentialBodySchema) body: UpdateCredentialBody,
    @CurrentUser() user: AuthUser,
  ): Promise<CredentialDetailView> {
    return this.credentials.update(id, body, user);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id', UuidParam) id: string): Promise<void> {
    return this.credentials.remove(id);
  }
}
