import { Controller, Get, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiException } from '../http/api-error.js';
import type { AuthService } from './auth.service.js';
import type { AuthUser } from './auth-user.js';
import { AuthGuard } from './auth.guard.js';
import { Public, Roles } from './decorators.js';

const viewer: AuthUser = {
  id: 'u1',
  email: 'v@example.com',
  name: null,
  role: 'viewer',
  createdAt: '2026-01-01T00:00:00.000Z',
  apiKeyId: null,
};

class BaseController {
  @Get('shared')
  shared(): string {
    return 'shared';
  }
}

@Controller('open')
@Public()
class OpenController extends BaseController {
  @Get('gated')
  @Roles('admin')
  gated(): string {
    return 'gated';
  }
}

@Controller('closed')
@Roles('editor')
class ClosedController extends BaseController {
  @Get('any')
  @Roles('viewer')
  any(): string {
    return 'any';
  }
}

function context(
  controller: object,
  handler: object,
  headers: Record<string, string> = {},
): { ctx: ExecutionContext; req: { headers: Record<string, string>; user?: AuthUser } } {
  const req: { headers: Record<string, string>; user?: AuthUser } = { headers };
  const ctx = {
    getType: () => 'http',
    getHandler: () => handler,
    getClass: () => controller,
    switchToHttp: () => ({ getRequest: () => req }),
  } as unknown as ExecutionContext;
  return { ctx, req };
}

/** The HTTP status a refused activation carries. */
async function statusOf(activation: Promise<boolean>): Promise<number> {
  const err = await activation.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof ApiException)) throw new Error('expected an ApiException');
  return err.getStatus();
}

describe('AuthGuard', () => {
  let verified = 0;
  const auth = {
    verify: (token: string): Promise<AuthUser | null> => {
      verified++;
      return Promise.resolve(token === 'good' ? viewer : null);
    },
  };
  const guard = new AuthGuard(new Reflector(), auth as unknown as AuthService);
  const bearer = { authorization: 'Bearer good' };

  beforeEach(() => (verified = 0));

  it('lets a @Public() class through without a token, and a handler-level @Roles there does not undo it', async () => {
    await expect(
      guard.canActivate(context(OpenController, BaseController.prototype.shared).ctx),
    ).resolves.toBe(true);
    expect(verified).toBe(0);
    // The handler's @Roles does not undo the class's @Public (getAllAndOverride: first defined
    // key wins per key), so this one is public too — the same answer as before the cache.
    await expect(
      guard.canActivate(context(OpenController, OpenController.prototype.gated).ctx),
    ).resolves.toBe(true);
  });

  it('refuses a missing or bad token with 401 and a too-low role with 403', async () => {
    const shared = BaseController.prototype.shared;
    expect(await statusOf(guard.canActivate(context(ClosedController, shared).ctx))).toBe(401);
    expect(
      await statusOf(
        guard.canActivate(context(ClosedController, shared, { authorization: 'Bearer bad' }).ctx),
      ),
    ).toBe(401);
    const err = (await guard
      .canActivate(context(ClosedController, shared, bearer).ctx)
      .catch((e: unknown) => e)) as ApiException;
    expect(err.getStatus()).toBe(403);
    expect(err.message).toMatch(/editor role or higher \(you are viewer\)/);
  });

  it("lets the handler's @Roles override the class's, and attaches the user", async () => {
    const { ctx, req } = context(ClosedController, ClosedController.prototype.any, bearer);
    await expect(guard.canActivate(ctx)).resolves.toBe(true);
    expect(req.user).toBe(viewer);
  });

  it('keeps a policy per controller for a handler two controllers inherit, call after call', async () => {
    const shared = BaseController.prototype.shared;
    for (let i = 0; i < 3; i++) {
      expect(guard.policyOf(shared, OpenController)).toEqual({ isPublic: true, least: undefined });
      expect(guard.policyOf(shared, ClosedController)).toEqual({
        isPublic: false,
        least: 'editor',
      });
    }
    await expect(guard.canActivate(context(OpenController, shared).ctx)).resolves.toBe(true);
    expect(await statusOf(guard.canActivate(context(ClosedController, shared, bearer).ctx))).toBe(
      403,
    );
  });

  it('leaves sockets to the handshake', async () => {
    const ctx = { getType: () => 'ws' } as unknown as ExecutionContext;
    await expect(guard.canActivate(ctx)).resolves.toBe(true);
  });
});
