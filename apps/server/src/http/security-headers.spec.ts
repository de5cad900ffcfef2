import fastify, { type FastifyInstance } from 'fastify';
import {
  constantHeaders,
  helmetHeaders,
  helmetMiddleware,
  securityHeaders,
  type NodeMiddleware,
} from './security-headers.js';

/**
 * An app with the headers set in front of two routes (one replaces the CSP, as library pages
 * do): by helmet itself on Node's response, or by the hook the server uses.
 */
async function serve(
  headers: NodeMiddleware | ReturnType<typeof securityHeaders>,
  kind: 'helmet' | 'hook',
): Promise<{ url: string; server: FastifyInstance }> {
  const app = fastify();
  if (kind === 'hook') app.addHook('onRequest', headers as ReturnType<typeof securityHeaders>);
  else
    app.addHook('onRequest', (req, reply, done) =>
      (headers as NodeMiddleware)(req.raw, reply.raw, (err) => done(err as Error | undefined)),
    );
  app.get('/page', () => ({ ok: true }));
  app.get('/strict', (_req, reply) =>
    reply.header('Content-Security-Policy', "default-src 'none'").send('strict'),
  );
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, server: app };
}

async function headersOf(url: string): Promise<Record<string, string>> {
  const res = await fetch(url, { headers: { origin: 'http://elsewhere.test', cookie: 'a=b' } });
  await res.text();
  const out: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (name !== 'date' && name !== 'keep-alive') out[name] = value;
  });
  return out;
}

describe('securityHeaders', () => {
  const servers: FastifyInstance[] = [];
  afterAll(() => Promise.all(servers.map((s) => s.close())));

  it('answers with exactly the headers helmet sets, per route', async () => {
    const viaHelmet = await serve(helmetMiddleware(), 'helmet');
    const precomputed = await serve(securityHeaders(), 'hook');
    servers.push(viaHelmet.server, precomputed.server);
    for (const route of ['/page', '/strict', '/missing']) {
      const expected = await headersOf(viaHelmet.url + route);
      expect(await headersOf(precomputed.url + route)).toEqual(expected);
    }
    const page = await headersOf(precomputed.url + '/page');
    expect(page['content-security-policy']).toContain("script-src 'self'");
    expect(page['x-frame-options']).toBe('DENY');
    expect(page['strict-transport-security']).toBeUndefined();
    expect((await headersOf(precomputed.url + '/strict'))['content-security-policy']).toBe(
      "default-src 'none'",
    );
  });

  it('records removals, and refuses a middleware that does not finish synchronously', () => {
    const removing: NodeMiddleware = (_req, res, next) => {
      res.removeHeader('X-Powered-By');
      res.setHeader('X-Test', '1');
      next();
    };
    expect(helmetHeaders(removing)).toEqual({ set: [['X-Test', '1']], removed: ['X-Powered-By'] });
    const later: NodeMiddleware = (_req, _res, next) => void setImmediate(next);
    expect(() => helmetHeaders(later)).toThrow(/did not finish synchronously/);
  });

  it('refuses headers that vary between requests (a nonce, a header by path)', () => {
    let n = 0;
    const nonce: NodeMiddleware = (_req, res, next) => {
      res.setHeader('Content-Security-Policy', `script-src 'nonce-${++n}'`);
      next();
    };
    const byPath: NodeMiddleware = (req, res, next) => {
      if (req.url === '/') res.setHeader('X-Home', '1');
      next();
    };
    for (const middleware of [nonce, byPath])
      expect(() => constantHeaders(middleware)).toThrow(/differ between requests/);
    expect(constantHeaders(helmetMiddleware()).set.length).toBeGreaterThan(5);
  });
});
