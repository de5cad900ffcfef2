import type { IncomingMessage } from 'node:http';

/**
 * The request's path without the query (what Express called `req.path`), for the hooks that run
 * before Fastify's router: the web app, the API docs, a worker's health-only port.
 */
export function requestPath(req: Pick<IncomingMessage, 'url'>): string {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}
