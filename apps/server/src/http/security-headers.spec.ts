import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { type RequestHandler } from 'express';
import {
  constantHeaders,
  helmetHeaders,
  helmetMiddleware,
  securityHeaders,
} from './security-headers.js';

/** An app with `middleware` in front of two routes (one replaces the CSP, as library pages do). */
async function serve(middleware: RequestHandler): Promise<{ url: string; server: Server }> {
  const app = express();
  app.disable('x-powered-by');
  app.use(middleware);
  app.get('/page', (_req, res) => res.json({ ok: true }));
  app.get('/strict', (_req, res) => {
    res.setHeader('Content-Security-Policy', "default-src 'none'");
    res.send('strict');
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
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
  const servers: Server[] = [];
  afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

  it('answers with exactly the headers helmet sets, per route', async () => {
    const viaHelmet = await serve(helmetMiddleware());
    const precomputed = await serve(securityHeaders());
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
    const removing: RequestHandler = (_req, res, next) => {
      res.removeHeader('X-Powered-By');
      res.setHeader('X-Test', '1');
      next();
    };
    expect(helmetHeaders(removing)).toEqual({ set: [['X-Test', '1']], removed: ['X-Powered-By'] });
    const later: RequestHandler = (_req, _res, next) => void setImmediate(next);
    expect(() => helmetHeaders(later)).toThrow(/did not finish synchronously/);
  });

  it('refuses headers that vary between requests (a nonce, a header by path)', () => {
    let n = 0;
    const nonce: RequestHandler = (_req, res, next) => {
      res.setHeader('Content-Security-Policy', `script-src 'nonce-${++n}'`);
      next();
    };
    const byPath: RequestHandler = (req, res, next) => {
      if (req.url === '/') res.setHeader('X-Home', '1');
      next();
    };
    for (const middleware of [nonce, byPath])
      expect(() => constantHeaders(middleware)).toThrow(/differ between requests/);
    expect(constantHeaders(helmetMiddleware()).set.length).toBeGreaterThan(5);
  });
});
