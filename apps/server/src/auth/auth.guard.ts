import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ROLE_RANK, type Role } from '@flowpress/shared';
import type { FastifyRequest } from 'fastify';
import { ApiException } from '../http/api-error.js';
import { AuthService } from './auth.service.js';
import { AUTH_COOKIE, type AuthUser } from './auth-user.js';
import { IS_PUBLIC, MIN_ROLE } from './decorators.js';

/** The bearer token, else the login cookie the web app holds. */
export function tokenFromRequest(
  req: Pick<FastifyRequest, 'headers'> & { cookies?: Record<string, string | undefined> },
): string | null {
  const header = req.headers.authorization;
  if (typeof header === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match?.[1] ?? null;
  }
  const cookie = req.cookies?.[AUTH_COOKIE];
  return typeof cookie === 'string' && cookie ? cookie : null;
}

export function hasRole(user: Pick<AuthUser, 'role'>, least: Role): boolean {
  return ROLE_RANK[user.role] >= ROLE_RANK[least];
}

/** What a route asks of its caller, from its decorators (the handler's win over the class's). */
interface RoutePolicy {
  isPublic: boolean;
  least: Role | undefined;
}

/** Global: every HTTP route needs a valid token unless marked `@Public()`; `@Roles()` gates by rank. */
@Injectable()
export class AuthGuard implements CanActivate {
  /**
   * Decorator metadata is fixed once the classes are defined, so each route's policy is read once
   * instead of four metadata lookups per request. Keyed by class, then handler: a method inherited
   * by two controllers may carry different class-level decorators.
   */
  private readonly policies = new WeakMap<object, WeakMap<object, RoutePolicy>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  /** The route's policy, read from its metadata the first time it is asked for. */
  policyOf(handler: object, controller: object): RoutePolicy {
    let byHandler = this.policies.get(controller);
    if (!byHandler) this.policies.set(controller, (byHandler = new WeakMap()));
    let policy = byHandler.get(handler);
    if (!policy) {
      const targets = [handler, controller] as Array<() => void>;
      policy = {
        isPublic: Boolean(
          this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets),
        ),
        least: this.reflector.getAllAndOverride<Role | undefined>(MIN_ROLE, targets),
      };
      byHandler.set(handler, policy);
    }
    return policy;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true; // sockets authenticate at the handshake
    const { isPublic, least } = this.policyOf(context.getHandler(), context.getClass());
    if (isPublic) return true;
    const req = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    const token = tokenFromRequest(req);
    if (!token)
      throw new ApiException(
        HttpStatus.UNAUTHORIZED,
        'Authentication required: send Authorization: Bearer <token>',
      );
    const user = await this.auth.verify(token);
    if (!user)
      throw new ApiException(HttpStatus.UNAUTHORIZED, 'Invalid or expired token: log in again');
    req.user = user;
    if (least && !hasRole(user, least)) {
      throw new ApiException(
        HttpStatus.FORBIDDEN,
        `This action needs the ${least} role or higher (you are ${user.role})`,
      );
    }
    return true;
  }
}
