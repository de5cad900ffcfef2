import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  checkUrl,
  OutboundError,
  safeFetch,
  type HopRequest,
  type Resolver,
  type Transport,
} from './outbound-guard.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

async function serve(handler: Handler): Promise<{ server: Server; base: string; port: number }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, base: `http://127.0.0.1:${port}`, port };
}

async function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

async function refusal(promise: Promise<unknown>): Promise<OutboundError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof OutboundError) return err;
    throw err;
  }
  throw new Error('expected the request to be refused');
}

const publicResolver: Resolver = async () => [{ address: '93.184.216.34', family: 4 }];

describe('safeFetch refuses private destinations', () => {
  const strict = { allowPrivateNetwork: false };

  it.each([
    ['http://127.0.0.1/', '127.0.0.1 is a loopback address'],
    ['http://10.1.2.3/', '10.1.2.3 is a private (10.0.0.0/8) address'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254 is a link-local'],
    ['http://[::1]:8080/', '::1 is a loopback address'],
    ['http://[::ffff:127.0.0.1]/', 'loopback address (IPv4-mapped)'],
    ['http://0.0.0.0/', 'unspecified'],
    ['http://2130706433/', '127.0.0.1 is a loopback address'],
    ['http://[::ffff:0:127.0.0.1]/', 'loopback address (IPv4-translated)'],
    ['http://[64:ff9b:1::a9fe:a9fe]/', 'local-use NAT64'],
    ['http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/', 'Teredo'],
  ])('refuses %s', async (url, message) => {
    const err = await refusal(safeFetch(url, {}, strict));
    expect(err.code).toBe('blocked_address');
    expect(err.message).toContain(message);
    expect(err.message).toContain('set FLOWPRESS_ALLOW_PRIVATE_NETWORK=true to allow');
    expect(err.retryable).toBe(false);
  });

  it('gives the exact message the docs quote', async () => {
    const err = await refusal(safeFetch('http://127.0.0.1:9/', {}, strict));
    expect(err.message).toBe(
      'refused: 127.0.0.1 is a loopback address; set FLOWPRESS_ALLOW_PRIVATE_NETWORK=true to allow',
    );
  });

  it('refuses a DNS name that resolves to loopback (localhost)', async () => {
    const err = await refusal(safeFetch('http://localhost:9/', {}, strict));
    expect(err.code).toBe('blocked_address');
    expect(err.message).toMatch(
      /^refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address/,
    );
  });

  it('refuses a name when any of its addresses is private', async () => {
    const resolver: Resolver = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '10.0.0.5', family: 4 },
    ];
    const err = await refusal(safeFetch('https://mixed.example/', {}, { ...strict, resolver }));
    expect(err.message).toContain('mixed.example resolves to 10.0.0.5');
  });

  it.each([
    'file:///etc/passwd',
    'ftp://example.com/x',
    'gopher://example.com/',
    'data:text/plain,hi',
  ])('refuses the scheme of %s', async (url) => {
    const err = await refusal(safeFetch(url, {}, strict));
    expect(err.code).toBe('blocked_scheme');
    expect(err.message).toMatch(/^refused: only http and https URLs may be fetched, not [a-z]+:$/);
  });

  it('refuses something that is not a URL', async () => {
    const err = await refusal(safeFetch('not a url', {}, strict));
    expect(err.code).toBe('invalid_url');
  });

  it('reports a host that does not resolve', async () => {
    const resolver: Resolver = async () => {
      throw Object.assign(new Error('nope'), { code: 'ENOTFOUND' });
    };
    const err = await refusal(safeFetch('https://nowhere.example/', {}, { ...strict, resolver }));
    expect(err.code).toBe('dns');
    expect(err.message).toBe('could not resolve nowhere.example: ENOTFOUND');
  });
});

describe('safeFetch re-checks every redirect hop', () => {
  function scripted(answers: Record<string, { status: number; location?: string }>): {
    transport: Transport;
    seen: HopRequest[];
  } {
    const seen: HopRequest[] = [];
    const transport: Transport = async (request) => {
      seen.push({ ...request, headers: { ...request.headers } });
      const answer = answers[request.url.href] ?? { status: 200 };
      const headers = answer.location ? { location: answer.location } : undefined;
      return new Response(answer.status === 200 ? 'final' : null, {
        status: answer.status,
        headers,
      });
    };
    return { transport, seen };
  }

  it('refuses a redirect from a public name to a name resolving to loopback', async () => {
    const { transport, seen } = scripted({
      'https://public.example/start': { status: 302, location: 'http://evil.example/' },
    });
    const resolver: Resolver = async (host) =>
      host === 'evil.example'
        ? [{ address: '127.0.0.1', family: 4 }]
        : [{ address: '93.184.216.34', family: 4 }];
    const err = await refusal(
      safeFetch(
        'https://public.example/start',
        {},
        { allowPrivateNetwork: false, resolver, transport },
      ),
    );
    expect(err.message).toContain('evil.example resolves to 127.0.0.1, a loopback address');
    expect(seen.map((r) => r.url.href)).toEqual(['https://public.example/start']);
  });

  it('refuses when the same name resolves to loopback on the second hop (rebinding)', async () => {
    const { transport, seen } = scripted({
      'https://flip.example/a': { status: 307, location: '/b' },
    });
    let lookups = 0;
    const resolver: Resolver = async () => {
      lookups += 1;
      return lookups === 1
        ? [{ address: '93.184.216.34', family: 4 }]
        : [{ address: '127.0.0.1', family: 4 }];
    };
    const err = await refusal(
      safeFetch('https://flip.example/a', {}, { allowPrivateNetwork: false, resolver, transport }),
    );
    expect(err.message).toContain('flip.example resolves to 127.0.0.1');
    expect(seen).toHaveLength(1);
    expect(seen[0]?.pinned).toEqual([{ address: '93.184.216.34', family: 4 }]);
  });

  it('refuses a redirect to the metadata address', async () => {
    const { transport } = scripted({
      'https://public.example/': {
        status: 301,
        location: 'http://169.254.169.254/latest/meta-data/',
      },
    });
    const err = await refusal(
      safeFetch(
        'https://public.example/',
        {},
        { allowPrivateNetwork: false, resolver: publicResolver, transport },
      ),
    );
    expect(err.message).toContain('169.254.169.254 is a link-local');
  });

  it('turns POST into GET on 303 and drops credentials (any non-standard header) across origins', async () => {
    const { transport, seen } = scripted({
      'https://a.example/hook': { status: 303, location: 'https://b.example/done' },
    });
    const res = await safeFetch(
      'https://a.example/hook',
      {
        method: 'POST',
        body: '{}',
        headers: {
          Authorization: 'secret',
          'Content-Type': 'application/json',
          'X-Flowpress-Signature': 'sha256=abc',
          'X-Api-Key': 'k',
          Accept: 'application/json',
        },
      },
      { allowPrivateNetwork: false, resolver: publicResolver, transport },
    );
    expect(res.url).toBe('https://b.example/done');
    expect(res.redirects).toEqual(['https://b.example/done']);
    expect(res.text()).toBe('final');
    expect(seen[1]?.method).toBe('GET');
    expect(seen[1]?.body).toBeUndefined();
    expect(seen[1]?.headers).toEqual({ accept: 'application/json' });
  });

  it('keeps the method, body and (same origin) credentials on 307', async () => {
    const { transport, seen } = scripted({
      'https://a.example/x': { status: 307, location: '/y' },
    });
    await safeFetch(
      'https://a.example/x',
      { method: 'POST', body: 'payload', headers: { authorization: 'k' } },
      {
        allowPrivateNetwork: false,
        resolver: publicResolver,
        transport,
      },
    );
    expect(seen[1]).toMatchObject({
      method: 'POST',
      body: 'payload',
      headers: { authorization: 'k' },
    });
  });

  it('keeps the body but not the signature on a cross-origin 307', async () => {
    const { transport, seen } = scripted({
      'https://a.example/x': { status: 307, location: 'https://evil.example/y' },
    });
    await safeFetch(
      'https://a.example/x',
      {
        method: 'POST',
        body: 'payload',
        headers: { 'x-flowpress-signature': 'sha256=abc', 'content-type': 'application/json' },
      },
      { allowPrivateNetwork: false, resolver: publicResolver, transport },
    );
    expect(seen[1]).toMatchObject({ method: 'POST', body: 'payload' });
    expect(seen[1]?.headers).toEqual({ 'content-type': 'application/json' });
  });

  it('stops after maxRedirects', async () => {
    const { transport } = scripted({
      'https://loop.example/': { status: 302, location: 'https://loop.example/' },
    });
    const err = await refusal(
      safeFetch(
        'https://loop.example/',
        {},
        { allowPrivateNetwork: false, resolver: publicResolver, transport, maxRedirects: 3 },
      ),
    );
    expect(err.code).toBe('too_many_redirects');
  });
});

describe('safeFetch against a real server (private network allowed)', () => {
  let server: Server;
  let base: string;
  let port: number;
  const hosts: string[] = [];

  beforeAll(async () => {
    ({ server, base, port } = await serve((req, res) => {
      hosts.push(req.headers.host ?? '');
      if (req.url === '/big') {
        res.writeHead(200, { 'content-length': String(5000) });
        res.end(Buffer.alloc(5000, 97));
      } else if (req.url === '/stream') {
        res.writeHead(200);
        for (let i = 0; i < 10; i += 1) res.write(Buffer.alloc(1000, 98));
        res.end();
      } else if (req.url === '/hang') {
        // never answers
      } else if (req.url === '/hop') {
        res.writeHead(302, { location: '/hello' });
        res.end();
      } else {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('hello');
      }
    }));
  });
  afterAll(() => stop(server));

  it('allows loopback when allowPrivateNetwork is set', async () => {
    const res = await safeFetch(`${base}/hello`, {}, { allowPrivateNetwork: true });
    expect(res.status).toBe(200);
    expect(res.ok).toBe(true);
    expect(res.text()).toBe('hello');
    expect(res.headers.get('content-type')).toBe('text/plain');
  });

  it('follows a real redirect', async () => {
    const res = await safeFetch(`${base}/hop`, {}, { allowPrivateNetwork: true });
    expect(res.url).toBe(`${base}/hello`);
    expect(res.text()).toBe('hello');
  });

  it('connects to the vetted address, not whatever the system resolver says', async () => {
    const resolver: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];
    const res = await safeFetch(
      `http://pinned.invalid:${port}/hello`,
      {},
      { allowPrivateNetwork: true, resolver },
    );
    expect(res.text()).toBe('hello');
    expect(hosts.at(-1)).toBe(`pinned.invalid:${port}`);
  });

  it('refuses a response larger than the cap (declared length)', async () => {
    const err = await refusal(
      safeFetch(`${base}/big`, {}, { allowPrivateNetwork: true, maxResponseBytes: 1000 }),
    );
    expect(err.code).toBe('too_large');
    expect(err.message).toContain('larger than 1000 bytes');
  });

  it('refuses a response larger than the cap (streamed)', async () => {
    const err = await refusal(
      safeFetch(`${base}/stream`, {}, { allowPrivateNetwork: true, maxResponseBytes: 4000 }),
    );
    expect(err.code).toBe('too_large');
  });

  it('times out', async () => {
    const err = await refusal(
      safeFetch(`${base}/hang`, {}, { allowPrivateNetwork: true, timeoutMs: 150 }),
    );
    expect(err.code).toBe('timeout');
    expect(err.message).toBe(`request to 127.0.0.1:${port} timed out after 150 ms`);
    expect(err.retryable).toBe(true);
  });

  it('honours the caller signal', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const err = await refusal(
      safeFetch(`${base}/hang`, { signal: controller.signal }, { allowPrivateNetwork: true }),
    );
    expect(err.code).toBe('aborted');
    expect(err.retryable).toBe(false);
  });

  it('reports a refused connection as a retryable network error', async () => {
    const closed = await serve(() => undefined);
    await stop(closed.server);
    const err = await refusal(
      safeFetch(`${closed.base}/`, {}, { allowPrivateNetwork: true, timeoutMs: 2000 }),
    );
    expect(err.code).toBe('network');
    expect(err.message).toContain('ECONNREFUSED');
    expect(err.retryable).toBe(true);
  });
});

describe('checkUrl', () => {
  it('answers the vetted addresses of a public name', async () => {
    const result = await checkUrl('https://example.com/x', {
      allowPrivateNetwork: false,
      resolver: publicResolver,
    });
    expect(result.addresses).toEqual([{ address: '93.184.216.34', family: 4 }]);
  });

  it('refuses loopback unless allowed', async () => {
    await expect(checkUrl('http://127.0.0.1/', { allowPrivateNetwork: false })).rejects.toThrow(
      'loopback',
    );
    await expect(
      checkUrl('http://127.0.0.1/', { allowPrivateNetwork: true }),
    ).resolves.toMatchObject({ addresses: [] });
  });
});
