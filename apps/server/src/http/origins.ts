import { HttpStatus } from '@nestjs/common';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { AppConfig } from '../config/config.js';
import { AUTH_COOKIE } from '../auth/auth-user.js';
import { apiError } from './api-error.js';

/**
 * Which browser origins may act with a user's cookie or open a socket: the server's own (the
 * `Host` the browser used — proxies keep it), FLOWPRESS_PUBLIC_URL's, and FLOWPRESS_ALLOWED_ORIGINS.
 * A request without an `Origin` header is not from another site's page (browsers always send
 * one cross-origin), so it passes; bearer-token callers are not affected at all.
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  config: Pick<AppConfig, 'publicUrl' | 'allowedOrigins'>,
): boolean {
  if (origin === undefined) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false; // "null" (sandboxed frames, file:) and garbage
  }
  if (host && parsed.host.toLowerCase() === host.toLowerCase()) return true;
  const normalized = parsed.origin.toLowerCase();
  if (config.publicUrl && new URL(config.publicUrl).origin.toLowerCase() === normalized)
    return true;
  return config.allowedOrigins.some((o) => o.toLowerCase() === normalized);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF backstop on top of SameSite=Lax: a state-changing request that authenticates with the
 * login cookie (no Authorization header) must come from an allowed origin.
 */
export function cookieOriginCheck(config: AppConfig) {
  // An `onRequest` hook after @fastify/cookie's, which fills `req.cookies`.
  return (req: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    if (SAFE_METHODS.has(req.method) || req.headers.authorization) return done();
    if (!req.cookies[AUTH_COOKIE]) return done();
    const origin = req.headers.origin ?? refererOrigin(req.headers.referer);
    if (originAllowed(origin, req.headers.host, config)) return done();
    void reply
      .status(HttpStatus.FORBIDDEN)
      .send(
        apiError(
          HttpStatus.FORBIDDEN,
          `Requests from ${origin} may not use the login cookie: open Flowpress at its own address, or add the origin to FLOWPRESS_ALLOWED_ORIGINS`,
        ),
      );
  };
}

function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return 'null';
  }
}
