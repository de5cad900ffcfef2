import { existsSync } from 'node:fs';
import path from 'node:path';
import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';

/** Anything with Express's `use` (the Nest app, or a bare Express app in tests). */
export interface MiddlewareHost {
  use(handler: RequestHandler): unknown;
}

/** Paths the web app never answers: the API, sockets and the public library feed. */
const NOT_THE_WEB_APP = /^\/(api|socket\.io|library)(\/|$)/;

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
 * One layer that tests the method and path first: requests for the API (and any non-GET) never
 * reach serve-static, which would otherwise look the path up on disk (a stat through the thread
 * pool) for every GET/HEAD it sees, API calls included, before Nest gets them.
 */
export function mountWebApp(app: MiddlewareHost, webDir: string): void {
  const index = path.join(webDir, 'index.html');
  const serveStatic = express.static(webDir, {
    index: false,
    setHeaders(res, file) {
      // Vite puts content-hashed files under assets/: cache them for good.
      if (file.includes(`${path.sep}assets${path.sep}`))
        res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    },
  });
  const spaFallback = (req: Request, res: Response, next: NextFunction): void => {
    // A missing file (`/logo.png`) is a 404, not the app.
    if (path.posix.basename(req.path).includes('.')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    if (existsSync(index)) return res.sendFile(index);
    res.status(200).type('html').send(MISSING_BUILD_PAGE);
  };
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_THE_WEB_APP.test(req.path))
      return next();
    void serveStatic(req, res, (err?: unknown) => (err ? next(err) : spaFallback(req, res, next)));
  });
}
