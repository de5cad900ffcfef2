/**
 * Login hardening at the HTTP boundary (issue 9, item 7) and the cookie Origin check (item 5):
 * spraying many accounts from one address is refused, FLOWPRESS_TRUST_PROXY decides which
 * address counts, logout ends the session server-side, tokens refresh within the session, many
 * parallel logins are answered (not piled up), cookie requests from another origin are refused.
 */
import { startTestApp, testDatabases, type TestApp } from './harness.js';

const databases = await testDatabases();
/** Starting PGlite takes seconds, far more on a loaded machine. */
const START_TIMEOUT_MS = 120_000;

describe.each(databases)('login spraying on %s', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ database });
    await t.as('editor');
  }, START_TIMEOUT_MS);
  afterAll(() => t?.close());

  it('refuses an address spraying 15 accounts with 429, even for a right password', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 15; i++) {
      const res = await t.request
        .post('/api/auth/login')
        .send({ email: `sprayed-${i}@flowpress.test`, password: 'Winter2026!' });
      codes.push(res.status);
    }
    expect(codes.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(codes.slice(10)).toEqual(Array(5).fill(429));
    const res = await t.request
      .post('/api/auth/login')
      .send({ email: t.admin.email, password: t.admin.password })
      .expect(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });
});

async function logoutCase(t: TestApp): Promise<void> {
  const token = await t.loginAs('editor');
  const client = t.withToken(token);
  await client.get('/api/me').expect(200);
  const refreshed = await client.post('/api/auth/refresh').expect(200);
  expect(refreshed.body).toMatchObject({ token: expect.any(String), user: { role: 'editor' } });
  const second = t.withToken(refreshed.body.token as string);
  await second.get('/api/me').expect(200);

  await client.post('/api/auth/logout').expect(200);
  await client.get('/api/me').expect(401);
  // The refreshed token belongs to the same session: ended too.
  await second.get('/api/me').expect(401);
  const again = await second.post('/api/auth/refresh').expect(401);
  expect(again.body.message).toMatch(/session has ended/);
}

describe.each(databases)('token refresh on %s', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    // Access tokens of one minute (the shortest the setting allows).
    t = await startTestApp({ database, env: { FLOWPRESS_ACCESS_TOKEN_TTL: '60' } });
  }, START_TIMEOUT_MS);
  afterAll(() => t?.close());

  it('logout ends the session server-side; refresh renews within it', () => logoutCase(t));

  it('issues tokens that expire with the access lifetime and refreshes them by cookie', async () => {
    const login = await t.request
      .post('/api/auth/login')
      .send({ email: t.admin.email, password: t.admin.password })
      .expect(200);
    const payload = JSON.parse(
      Buffer.from((login.body.token as string).split('.')[1]!, 'base64url').toString(),
    ) as { exp: number; iat: number; sid: string };
    expect(payload.exp - payload.iat).toBe(60);
    expect(payload.sid).toMatch(/^[0-9a-f-]{36}$/);
    const cookie = (login.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!;
    const refreshed = await t.request
      .post('/api/auth/refresh')
      .set('Cookie', cookie)
      .set('Origin', t.url)
      .expect(200);
    expect(refreshed.headers['set-cookie']).toBeDefined();
    await t
      .withToken(refreshed.body.token as string)
      .get('/api/me')
      .expect(200);
  });

  it('answers 40 parallel logins with 401 or 503, never a 500, and stays up', async () => {
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        t.request
          .post('/api/auth/login')
          .send({ email: `parallel-${i}@flowpress.test`, password: 'not-the-password' })
          .then((r) => r.status),
      ),
    );
    expect(answers.every((s) => s === 401 || s === 503 || s === 429)).toBe(true);
    await t.request.get('/api/health').expect(200);
  });
});

describe.each(databases)('FLOWPRESS_TRUST_PROXY on %s', (database) => {
  it(
    'without it, X-Forwarded-For is ignored: spraying through "many addresses" is still one address',
    async () => {
      const t = await startTestApp({ database });
      try {
        const codes: number[] = [];
        for (let i = 0; i < 12; i++) {
          const res = await t.request
            .post('/api/auth/login')
            .set('X-Forwarded-For', `203.0.113.${i + 1}`)
            .send({ email: `xff-${i}@flowpress.test`, password: 'guess' });
          codes.push(res.status);
        }
        expect(codes.slice(10)).toEqual([429, 429]);
      } finally {
        await t.close();
      }
    },
    START_TIMEOUT_MS,
  );

  it.each(['loopback', '1'])(
    'with it (%s), each client behind the proxy is limited on its own address',
    async (trust) => {
      const t = await startTestApp({ database, env: { FLOWPRESS_TRUST_PROXY: trust } });
      try {
        for (let i = 0; i < 10; i++) {
          await t.request
            .post('/api/auth/login')
            .set('X-Forwarded-For', '203.0.113.7')
            .send({ email: `proxied-${i}@flowpress.test`, password: 'guess' })
            .expect(401);
        }
        await t.request
          .post('/api/auth/login')
          .set('X-Forwarded-For', '203.0.113.7')
          .send({ email: t.admin.email, password: t.admin.password })
          .expect(429);
        // Another user behind the same proxy is not locked out; behind https its cookie is Secure.
        const behindHttps = await t.request
          .post('/api/auth/login')
          .set('X-Forwarded-For', '198.51.100.9')
          .set('X-Forwarded-Proto', 'https')
          .send({ email: t.admin.email, password: t.admin.password })
          .expect(200);
        expect(String(behindHttps.headers['set-cookie'])).toMatch(/; Secure/);
        // On plain http it is not (a LAN address without TLS must still log in).
        const plain = await t.request
          .post('/api/auth/login')
          .set('X-Forwarded-For', '198.51.100.10')
          .send({ email: t.admin.email, password: t.admin.password })
          .expect(200);
        expect(String(plain.headers['set-cookie'])).not.toMatch(/Secure/);
        expect(String(plain.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Lax/);
      } finally {
        await t.close();
      }
    },
    START_TIMEOUT_MS,
  );
});

describe.each(databases)('cookie requests and Origin on %s', (database) => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await startTestApp({
      database,
      env: { FLOWPRESS_ALLOWED_ORIGINS: 'https://admin.example.test' },
    });
    const login = await t.request
      .post('/api/auth/login')
      .send({ email: t.admin.email, password: t.admin.password })
      .expect(200);
    cookie = (login.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!;
  }, START_TIMEOUT_MS);
  afterAll(() => t?.close());

  const graph = {
    version: 1,
    nodes: [{ id: 'out', type: 'template', position: { x: 0, y: 0 }, data: { template: 'x' } }],
    edges: [],
  };

  it('refuses a state-changing cookie request from another origin with 403, changing nothing', async () => {
    const before = (await t.request.get('/api/workflows').set('Cookie', cookie).expect(200)).body;
    const res = await t.request
      .post('/api/workflows')
      .set('Cookie', cookie)
      .set('Origin', 'https://evil.example.test')
      .send({ name: 'Forged', graph })
      .expect(403);
    expect(res.body.message).toMatch(/FLOWPRESS_ALLOWED_ORIGINS/);
    const after = (await t.request.get('/api/workflows').set('Cookie', cookie).expect(200)).body;
    expect(after).toHaveLength((before as unknown[]).length);
  });

  it('accepts the same origin, a configured origin, and bearer tokens from anywhere', async () => {
    await t.request
      .post('/api/workflows')
      .set('Cookie', cookie)
      .set('Origin', t.url)
      .send({ name: 'Same origin', graph })
      .expect(201);
    await t.request
      .post('/api/workflows')
      .set('Cookie', cookie)
      .set('Origin', 'https://admin.example.test')
      .send({ name: 'Allowed origin', graph })
      .expect(201);
    const admin = await t.as('admin');
    await admin
      .post('/api/workflows')
      .set('Origin', 'https://evil.example.test')
      .send({ name: 'Bearer', graph })
      .expect(201);
  });
});
