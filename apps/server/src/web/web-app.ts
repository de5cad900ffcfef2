import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { Logger } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { lazyAsync } from '@flowpress/shared';
import { apiError } from '../http/api-error.js';
import { requestPath } from '../http/request-path.js';

/**
 * Paths the web app never answers: the API, sockets and the public library feed — in any
 * letter case, as the router matches them (`/API/workflows` is the API's).
 */
const NOT_THE_WEB_APP = /^\/(api|socket\.io|library)(\/|$)/i;

const MISSING_BUILD_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Flowpress</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1f2937}
code{background:#f3f4f6;padding:.1rem .3rem;border-radius:4px}</style></head>
<body><h1>Flowpress is running</h1>
<p>The API is up, but the web app has not been built yet. Run <code>pnpm build</code> at the
repository root, then reload this page.</p>
<p>Meanwhile: <a href="/api/health">/api/health</a> · <a href="/api/docs">API docs</a></p></body></html>`;

/**
 * Serves the built web app (apps/web/dist) at `/` with an SPA fallback to index.html, except for
 * the API, sockets and the library. Without a build, `/` explains how to make one.
 *
 * An `onRequest` hook that tests the method and path first: requests for the API (and any
 * non-GET) never reach serve-static, which would otherwise look the path up on disk (a stat
 * through the thread pool). The rest are the web app's alone — no route of the API lives outside
 * those paths — so the hook takes them over from Fastify (`hijack`) and answers on Node's
 * response: the file, the app's index.html, or the API's 404 for a missing file (`/logo.png`).
 * serve-static (with its MIME table) loads on the first such request: an instance that only
 * answers the API never holds it.
 */
export function mountWebApp(instance: FastifyInstance, webDir: string): void {
  const logger = new Logger('WebApp');
  const index = path.join(webDir, 'index.html');
  const handlers = lazyAsync(async () => {
    const { default: serveStatic } = await import('serve-static');
    return {
      files: serveStatic(webDir, {
        index: false,
        setHeaders(res, file) {
          // Vite puts content-hashed files under assets/: cache them for good.
          if (file.includes(`${path.sep}assets${path.sep}`))
            res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        },
      }),
      indexFile: serveStatic(webDir, { index: false }),
    };
  });
  const notFound = (req: IncomingMessage, res: ServerResponse): void => {
    res.statusCode = 404;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.end(JSON.stringify(apiError(404, `Cannot ${req.method} ${requestPath(req)}`)));
  };
  const spaFallback = (
    req: IncomingMessage,
    res: ServerResponse,
    indexFile: Awaited<ReturnType<typeof handlers>>['indexFile'],
  ): void => {
    // A missing file (`/logo.png`) is a 404, not the app.
    if (path.posix.basename(requestPath(req)).includes('.')) return notFound(req, res);
    res.setHeader('Cache-Control', 'no-cache');
    if (!existsSync(index)) {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(MISSING_BUILD_PAGE);
      return;
    }
    req.url = '/index.html';
    indexFile(req, res, () => notFound(req, res));
  };
  instance.addHook('onRequest', (request, reply, done) => {
    if (
      (request.method !== 'GET' && request.method !== 'HEAD') ||
      NOT_THE_WEB_APP.test(requestPath(request.raw))
    )
      return done();
    void reply.hijack();
    const { raw: req } = request;
    const res = reply.raw;
    // A read error of the build (not a missing file: that falls through to the fallback).
    const failed = (err: unknown): void => {
      logger.error(
        `GET ${requestPath(req)} failed: ${err instanceof Error ? err.message : String(err)}`,
      );
      res.statusCode = 500;
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.end(JSON.stringify(apiError(500, 'Internal server error')));
    };
    handlers().then(
      ({ files, indexFile }) =>
        files(req, res, (err?: unknown) => (err ? failed(err) : spaFallback(req, res, indexFile))),
      failed,
    );
  });
}
