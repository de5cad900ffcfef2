import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '../openapi/decorators.js';
import { z } from 'zod';
import { docSchemas, responseJsonSchema } from '../openapi/schemas.js';
import { loginBodySchema, type LoginAnswer, type LoginBody } from '@flowpress/shared';
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ZodBody } from '../http/zod.js';
import { AuthService } from './auth.service.js';
import { AUTH_COOKIE } from './auth-user.js';
import { tokenFromRequest } from './auth.guard.js';
import { Public } from './decorators.js';

function cookieOptions(req: FastifyRequest): CookieSerializeOptions {
  return { httpOnly: true, sameSite: 'lax', secure: req.protocol === 'https', path: '/' };
}

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** `{token, user}`; also sets an httpOnly SameSite=Lax cookie for the web app. */
  @Public()
  @Post('login')
  @ApiOkResponse({
    schema: responseJsonSchema(z.object({ token: z.string(), user: docSchemas.user })),
  })
  @HttpCode(200)
  async login(
    @ZodBody(loginBodySchema) body: LoginBody,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<LoginAnswer> {
    const answer = await this.auth.login(
      body.email,
      body.password,
      req.ip || (req.socket.remoteAddress ?? 'unknown'),
    );
    this.setCookie(req, res, answer.token);
    return answer;
  }

  /**
   * `{token, user}`: a fresh token for the same session, from the current one (Authorization or
   * the cookie), even when it has just expired. 401 once the session was ended or ran out.
   */
  @Public()
  @Post('refresh')
  @ApiOkResponse({
    schema: responseJsonSchema(z.object({ token: z.string(), user: docSchemas.user })),
  })
  @HttpCode(200)
  async refresh(
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<LoginAnswer> {
    const answer = await this.auth.refresh(tokenFromRequest(req));
    this.setCookie(req, res, answer.token);
    return answer;
  }

  /** Ends the session server-side: its tokens stop working everywhere, sockets included. */
  @Public()
  @Post('logout')
  @HttpCode(200)
  async logout(
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<{ ok: true }> {
    await this.auth.logout(tokenFromRequest(req));
    void res.clearCookie(AUTH_COOKIE, cookieOptions(req));
    return { ok: true };
  }

  private setCookie(req: FastifyRequest, res: FastifyReply, token: string): void {
    // The cookie lasts the session; the token inside is refreshed before it runs out.
    const maxAge = this.auth.sessionTtlSeconds; // seconds here (Express took milliseconds)
    void res.setCookie(AUTH_COOKIE, token, {
      ...cookieOptions(req),
      maxAge,
      expires: new Date(Date.now() + maxAge * 1000),
    });
  }
}
