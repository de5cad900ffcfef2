import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import helmet from 'helmet';

/** A connect-style middleware on Node's own request and response (what helmet is). */
export type NodeMiddleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (err?: unknown) => void,
) => void;

/**
 * Response headers for the web app, the API and the public library (helmet, so the set stays
 * current). The CSP allows no inline script: the built Vite app loads only its own module files.
 * Styles need 'unsafe-inline' because Mantine sets style attributes and injects <style> tags at
 * run time. Images may come from https: (library thumbnails point at published images).
 * Routes that need a stricter policy (library pages, asset downloads) set their own CSP header
 * after this one, which replaces it.
 */
export const APP_CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
  fontSrc: ["'self'", 'data:'],
  // Socket.IO: same-origin ws:/wss: is covered by 'self' in CSP level 3 browsers.
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  // Off: a self-hosted instance on plain http (a LAN address) would break if every request
  // were silently upgraded to https.
  upgradeInsecureRequests: null,
};

/** Helmet with this app's policy: the source of the header set. */
export function helmetMiddleware(): NodeMiddleware {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: APP_CSP_DIRECTIVES },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    xContentTypeOptions: true,
    // HSTS belongs to whoever terminates TLS (the reverse proxy); on plain http it is ignored.
    strictTransportSecurity: false,
    // The web app embeds nothing cross-origin that would need COEP; keep it off so
    // https: images (library thumbnails) still load.
    crossOriginEmbedderPolicy: false,
    // Same: published images are loaded by other sites' readers (feeds) from /library.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  }) as NodeMiddleware;
}

/**
 * The headers helmet sets, worked out once at start-up and then set on every response.
 *
 * Why not helmet itself per request: it is a chain of twelve middlewares and rebuilds the CSP
 * string every time (≈ 0.1 ms of a ≈ 3 ms run in the profile, BENCHMARKS.md). Every directive
 * above is a constant (no per-request nonce), so the result is the same for every request;
 * `constantHeaders()` fails the start if that ever stops being true.
 */
export function securityHeaders(): (
  req: FastifyRequest,
  reply: FastifyReply,
  done: HookHandlerDoneFunction,
) => void {
  const { set, removed } = constantHeaders(helmetMiddleware());
  // On Node's response, under whatever the route sets through the reply: Node merges the two
  // when the head is written, and the reply's value of a header wins (a route's own CSP).
  return (_req, reply, done) => {
    const res = reply.raw;
    for (const name of removed) res.removeHeader(name);
    for (const [name, value] of set) res.setHeader(name, value);
    done();
  };
}

/**
 * The headers `middleware` sets, recorded for two different requests: a policy that varies
 * them (a CSP nonce function, a header chosen by path) fails here, at start-up, instead of one
 * request's value being sent on every response.
 */
export function constantHeaders(middleware: NodeMiddleware): ReturnType<typeof helmetHeaders> {
  const first = helmetHeaders(middleware);
  const second = helmetHeaders(middleware, { method: 'POST', url: '/api/other?x=1' });
  if (JSON.stringify(first) !== JSON.stringify(second))
    throw new Error('The security headers differ between requests: they cannot be worked out once');
  return first;
}

/** Runs `middleware` once against a recording response: the headers it sets and removes. */
export function helmetHeaders(
  middleware: NodeMiddleware,
  request: { method: string; url: string } = { method: 'GET', url: '/' },
): {
  set: [string, string][];
  removed: string[];
} {
  const headers = new Map<string, string>();
  const removed = new Set<string>();
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.set(name, String(value));
      return res;
    },
    removeHeader(name: string) {
      headers.delete(name);
      removed.add(name);
    },
    getHeader: (name: string) => headers.get(name),
  };
  let passed = false;
  const req = { ...request, headers: {} } as IncomingMessage;
  middleware(req, res as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err instanceof Error ? err : new Error(String(err));
    passed = true;
  });
  if (!passed) throw new Error('The security headers middleware did not finish synchronously');
  return { set: [...headers], removed: [...removed].filter((name) => !headers.has(name)) };
}
