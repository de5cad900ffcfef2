import { Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '../openapi/decorators.js';
import { z } from 'zod';
import { docSchemas, responseJsonSchema } from '../openapi/schemas.js';
import { createUserBodySchema, type CreateUserBody, type UserView } from '@flowpress/shared';
import { CurrentUser, Roles } from '../auth/decorators.js';
import type { AuthUser } from '../auth/auth-user.js';
import { ZodBody } from '../http/zod.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('me')
  @ApiOkResponse({ schema: responseJsonSchema(docSchemas.user) })
  me(@CurrentUser() user: AuthUser): UserView {
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      createdAt: user.createdAt,
    };
  }

  @Roles('admin')
  @Post('users')
  @ApiCreatedResponse({ schema: responseJsonSchema(docSchemas.user) })
  create(@ZodBody(createUserBodySchema) body: CreateUserBody): Promise<UserView> {
    return this.users.create(body);
  }

  @Roles('admin')
  @Get('users')
  @ApiOkResponse({ schema: responseJsonSchema(z.array(docSchemas.user)) })
  list(): Promise<UserView[]> {
    return this.users.list();
  }
}
