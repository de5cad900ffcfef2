import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@flowpress/shared';
import type { AuthUser } from './auth-user.js';

export const IS_PUBLIC = 'flowpress:public';
export const MIN_ROLE = 'flowpress:min-role';

/** The route needs no authentication (health, login). Everything else does. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/**
 * The least role allowed (ROLE_RANK: admin > editor > reviewer > viewer): `@Roles('editor')`
 * lets editors and admins in. Without it, any signed-in user may call the route.
 */
export const Roles = (role: Role): MethodDecorator & ClassDecorator => SetMetadata(MIN_ROLE, role);

export const CurrentUser = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): AuthUser => {
    const req = ctx.switchToHttp().getRequest<{ user?: AuthUser }>();
    if (!req.user) throw new Error('CurrentUser used on a public route');
    return req.user;
  },
);
