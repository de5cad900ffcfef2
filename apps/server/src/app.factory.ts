import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import express, { type NextFunction, type Request, type Response } from 'express';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/config.js';
import { ApiExceptionFilter, toApiError } from './http/api-exception.filter.js';
import { setupOpenApi } from './openapi/openapi.js';
import { mountWebApp } from './web/web-app.js';
import { serverLogger } from './http/quiet-logger.js';
import { verifyJsonDepth } from './http/json-depth.js';
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

/**
 * Builds and initialises the whole server — everything main.ts runs, so tests exercise exactly
 * what production does. The caller only has to `listen`. Throws (never exits) on start-up errors.
 */
export async function createApp(
  config: AppConfig,
  options: CreateAppOptions = {},
): Promise<NestExpressApplication> {
  // The data dir (database, secret key, assets) is this user's alone: 0700 / 0600.
  tightenUmask();
  privateDir(config.dataDir);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    cors: false,
    abortOnError: false,
    logger: options.logger ?? serverLogger(config.logVerbose),
  });
  app.disable('x-powered-by');
  // `req.ip` is the socket's address unless a reverse proxy is declared (FLOWPRESS_TRUST_PROXY).
  app.set('trust proxy', config.trustProxy);
  app.use(securityHeaders());
  if (config.role === 'worker') {
    // A worker runs jobs; its port only answers health checks (CONTRACT §4).
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (req.path === '/api/health') return next();
      res.status(404).json({
        statusCode: 404,
        message: 'This instance only runs jobs (FLOWPRESS_ROLE=worker); use an api instance',
      });
    });
  }
  app.use(cookieParser());
  app.use(cookieOriginCheck(config));
  app.use(
    express.json({ limit: config.bodyLimitBytes, verify: verifyJsonDepth(config.maxJsonDepth) }),
  );
  // Malformed JSON → 400, too large → 413, in the contract's error shape.
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const body = toApiError(err);
    res.status(body.statusCode).json(body);
  });
  mountWebApp(app, config.webDir);
  app.useGlobalFilters(new ApiExceptionFilter());
  setupOpenApi(app, SERVER_VERSION);
  // No enableShutdownHooks(): main.ts handles SIGTERM/SIGINT itself, with a deadline.
  try {
    await app.init();
  } catch (err) {
    await app.close().catch(() => undefined);
    throw err;
  }
  return app;
}
