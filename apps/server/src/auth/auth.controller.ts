import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { docSchemas, responseJsonSchema } from '../openapi/schemas.js';
import { loginBodySchema, type LoginAnswer, type LoginBody } from '@flowpress/shared';
import type { CookieOptions, Request, Response } from 'express';
import { ZodBody } from '../http/zod.js';
import { AuthService } from './auth.service.js';
import { AUTH_COOKIE } from './auth-user.js';
import { Public } from './decorators.js';

function cookieOptions(req: Request): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' };
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
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginAnswer> {
    const answer = await this.auth.login(
      body.email,
      body.password,
      req.ip ?? req.socket.remoteAddress ?? 'unknown',
    );
    res.cookie(AUTH_COOKIE, answer.token, {
      ...cookieOptions(req),
      maxAge: this.auth.tokenTtlSeconds * 1000,
    });
    return answer;
  }

  @Public()
  @Post('logout')
  @HttpCode(200)
  logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): { ok: true } {
    res.clearCookie(AUTH_COOKIE, cookieOptions(req));
    return { ok: true };
  }
}
