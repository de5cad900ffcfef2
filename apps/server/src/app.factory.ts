import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyCookie from '@fastify/cookie';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/config.js';
import { ApiExceptionFilter } from './http/api-exception.filter.js';
import { apiError } from './http/api-error.js';
import { setupOpenApi } from './openapi/openapi.js';
import { mountWebApp } from './web/web-app.js';
import { serverLogger } from './http/quiet-logger.js';
import { registerBodyParsers } from './http/body-parsers.js';
import { requestPath } from './http/request-path.js';
import { cookieOriginCheck } from './http/origins.js';
import { securityHeaders } from './http/security-headers.js';
import { privateDir, tightenUmask } from './database/private-files.js';

export interface CreateAppOptions {
  /** Nest's logger setting; tests pass `['error']` or `false`. */
  logger?: LoggerService | LogLevel[] | false;
}

/** apps/server/package.json (the same from src/ and dist/). */
export const SERVER_VERSION: string = (() => {
  try {
    const pkg = JSON.parse(
      readFileSync(path.resolve(import.meta.dirname, '../package.json'), 'utf8'),
    ) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
})();

/** A schema compiler for a server that has no route schemas: says so if one ever appears. */
function noRouteSchemas(): () => never {
  return () => {
    throw new Error(
      'Fastify route schemas are not used here: requests are checked with zod (src/http/zod.ts)',
    );
  };
}

/**
 * Builds and initialises the whole server — everything main.ts runs, so tests exercise exactly
 * what production does. The caller only has to `listen`. Throws (never exits) on start-up errors.
 */
export async function createApp(
  config: AppConfig,
  options: CreateAppOptions = {},
): Promise<NestFastifyApplication> {
  // The data dir (database, secret key, assets) is this user's alone: 0700 / 0600.
  tightenUmask();
  privateDir(config.dataDir);
  const headers = securityHeaders();
  const adapter = new FastifyAdapter({
    // `request.ip` is the socket's address unless a reverse proxy is declared (FLOWPRESS_TRUST_PROXY).
    // A hop count trusts that many proxies in front (what Fastify does with a number itself).
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (
            (hops: number) => (_address: string, hop: number) =>
              hop < hops
          )(config.trustProxy)
        : config.trustProxy,
    bodyLimit: config.bodyLimitBytes,
    // Routes match as they did on Express: a trailing slash and the letters' case do not matter.
    routerOptions: { ignoreTrailingSlash: true, caseSensitive: false, maxParamLength: 500 },
    // Node's own timeouts, as before (Fastify's keep-alive default is 72 s).
    keepAliveTimeout: 5_000,
    requestTimeout: 300_000,
    // Nothing here uses Express-style middleware (app.use): every step below is a Fastify hook.
    skipMiddie: true,
    // No route has a Fastify schema (zod checks requests, replies are JSON.stringify'd), so
    // Fastify's schema compilers are never needed: without these it loads ajv and
    // fast-json-stringify at start-up anyway (≈ MiB of idle memory, BENCHMARKS.md).
    schemaController: {
      compilersFactory: { buildValidator: noRouteSchemas, buildSerializer: noRouteSchemas },
    },
    // The router refuses a malformed URL (`%zz`) before any hook runs: answered here in the
    // contract's shape, with the security headers the hook would have set.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      headers(request, reply, () => undefined);
      const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 400;
      void reply.status(status).send(apiError(status, error.message));
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bodyParser: false,
    cors: false,
    abortOnError: false,
    logger: options.logger ?? serverLogger(config.logVerbose),
  });
  const instance = app.getHttpAdapter().getInstance();
  // Every request, in this order: the security headers; a worker's 404; cookies; the login
  // cookie's origin check; the web app's files; the API docs; then Nest's routes, whose JSON
  // bodies ./http/body-parsers.ts reads.
  instance.addHook('onRequest', headers);
  if (config.role === 'worker') {
    // A worker runs jobs; its port only answers health checks (CONTRACT §4).
    instance.addHook('onRequest', (request, reply, done) => {
      if (requestPath(request.raw) === '/api/health') return done();
      void reply.status(404).send({
        statusCode: 404,
        message: 'This instance only runs jobs (FLOWPRESS_ROLE=worker); use an api instance',
      });
    });
  }
  await app.register(fastifyCookie);
  instance.addHook('onRequest', cookieOriginCheck(config));
  registerBodyParsers(instance, { limit: config.bodyLimitBytes, maxDepth: config.maxJsonDepth });
  mountWebApp(instance, config.webDir);
  app.useGlobalFilters(new ApiExceptionFilter({ bodyLimitBytes: config.bodyLimitBytes }));
  setupOpenApi(app, instance, SERVER_VERSION);
  // No enableShutdownHooks(): main.ts handles SIGTERM/SIGINT itself, with a deadline.
  try {
    await app.init();
  } catch (err) {
    await app.close().catch(() => undefined);
    throw err;
  }
  return app;
}
