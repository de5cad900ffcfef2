import { nodeTypeInfoSchema, type NodeTypeInfo } from '@flowpress/shared';
import { Redis } from 'ioredis';
import { startTestApp, testDatabases, type Client, type TestApp } from './harness.js';

const databases = await testDatabases();

describe.each(databases)('HTTP basics on %s', (database) => {
  let t: TestApp;
  let editor: Client;

  beforeAll(async () => {
    // Small limit so the 413 test sends little; no web build so `/` shows the hint page.
    t = await startTestApp({
      database,
      env: { FLOWPRESS_BODY_LIMIT: '64kb', FLOWPRESS_WEB_DIR: '/nonexistent/flowpress-web' },
    });
    editor = await t.as('editor');
  });
  afterAll(() => t?.close());

  it('GET /api/health is public and names the database and queue', async () => {
    const res = await t.request.get('/api/health').expect(200);
    // Later fields (role, queue stats, scheduler) extend the answer; these three stay.
    // `database` is the engine: the native embedded Postgres answers 'postgres', like DATABASE_URL's.
    const engine = database === 'pglite' ? 'pglite' : 'postgres';
    expect(res.body).toMatchObject({ status: 'ok', database: engine, queue: 'in-process' });
  });

  it('GET /api/node-types lists every node type with its config JSON Schema', async () => {
    const res = await editor.get('/api/node-types').expect(200);
    const list = res.body as NodeTypeInfo[];
    expect(list.map((i) => i.type)).toEqual(
      expect.arrayContaining(['input', 'prompt', 'image', 'template']),
    );
    for (const info of list) {
      expect(nodeTypeInfoSchema.safeParse(info).success).toBe(true);
      expect(info.configSchema).toMatchObject({ type: 'object' });
    }
  });

  it('answers 413 for a body over the limit', async () => {
    const res = await editor
      .post('/api/workflows')
      .set('Content-Type', 'application/json')
      .send(
        JSON.stringify({
          name: 'big',
          description: 'x'.repeat(70 * 1024),
          graph: { nodes: [], edges: [] },
        }),
      )
      .expect(413);
    expect(res.body).toEqual({
      statusCode: 413,
      message: 'Request body is too large (limit 64 KB)',
    });
  });

  it('answers 400 for malformed JSON and for a body that is not JSON', async () => {
    const res = await editor
      .post('/api/workflows')
      .set('Content-Type', 'application/json')
      .send('{"name": "x",')
      .expect(400);
    expect(res.body).toEqual({
      statusCode: 400,
      message: expect.stringMatching(/^Malformed JSON in request body/),
    });
    const text = await editor
      .post('/api/workflows')
      .set('Content-Type', 'text/plain')
      .send('hello')
      .expect(400);
    expect(text.body.message).toMatch(/must be JSON/);
    // Malformed JSON on a public route too (body parsing happens before auth).
    await t.request
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send('{')
      .expect(400);
  });

  it('reads JSON as it always has: {} when empty, only an object or an array', async () => {
    // An empty body with a JSON type is `{}`: the route's own check answers, naming the fields.
    const empty = await editor
      .post('/api/workflows')
      .set('Content-Type', 'application/json')
      .expect(400);
    expect(empty.body.message).toBe('Invalid request body');
    expect(empty.body.issues.map((i: { path: string }) => i.path)).toEqual(['name', 'graph']);
    for (const scalar of ['"text"', '42', 'null']) {
      const res = await editor
        .post('/api/workflows')
        .set('Content-Type', 'application/json; charset=utf-8')
        .send(scalar)
        .expect(400);
      expect(res.body.message).toMatch(/^Malformed JSON in request body/);
    }
    const ok = await editor
      .post('/api/workflows')
      .set('Content-Type', 'application/json')
      .send('  {"name": "spaced", "graph": {"nodes": [], "edges": []}}')
      .expect(201);
    expect(ok.body.name).toBe('spaced');
  });

  it('routes as before: a trailing slash and letter case do not matter; a bad URL is a 400', async () => {
    for (const path of ['/api/workflows/', '/API/Workflows']) {
      const res = await editor.get(path).expect(200);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      expect(Array.isArray(res.body)).toBe(true);
    }
    const bad = await editor.get('/api/runs/%zz').expect(400);
    expect(bad.body).toEqual({ statusCode: 400, message: expect.stringMatching(/%zz/) });
    // Refused by the router before any hook, and still with the security headers.
    expect(bad.headers['x-frame-options']).toBe('DENY');
    expect(bad.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('answers JSON 404 for an unknown /api route, with or without auth', async () => {
    const res = await editor.get('/api/no-such-thing').expect(404);
    expect(res.body).toEqual({ statusCode: 404, message: expect.stringMatching(/no-such-thing/) });
    expect(res.headers['content-type']).toMatch(/application\/json/);
    await t.request.post('/api/nope/deeper').send({}).expect(404);
  });

  it('serves OpenAPI docs built from the shared zod schemas', async () => {
    const doc = (await t.request.get('/api/docs-json').expect(200)).body;
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/login',
        '/api/workflows',
        '/api/workflows/{id}',
        '/api/node-types',
        '/api/health',
        '/api/api-keys',
      ]),
    );
    const body = doc.paths['/api/workflows'].post.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(expect.arrayContaining(['name', 'graph']));
    expect(body.properties.graph.properties.nodes.type).toBe('array');
    expect(doc.components.schemas.Error.required).toEqual(['statusCode', 'message']);
    const ui = await t.request.get('/api/docs/').redirects(1).expect(200);
    expect(ui.text).toMatch(/swagger/i);
  });

  it('builds the docs on first request with what the controllers declared (tags, auth, answers)', async () => {
    const doc = (await t.request.get('/api/docs-json').expect(200)).body;
    const list = doc.paths['/api/workflows'].get;
    expect(list.tags).toEqual(['workflows']);
    expect(list.security).toEqual([{ bearer: [] }]);
    expect(list.responses['200'].content['application/json'].schema.type).toBe('array');
    expect(doc.paths['/api/workflows'].post.responses['201']).toBeDefined();
    expect(doc.paths['/api/auth/login'].post.tags).toEqual(['auth']);
    // The public library pages are excluded from the API docs.
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/library'))).toEqual([]);
    // The UI's init script carries the same document; its assets are served beside it.
    const init = await t.request.get('/api/docs/swagger-ui-init.js').expect(200);
    expect(init.text).toContain('/api/workflows');
    const css = await t.request.get('/api/docs/swagger-ui.css').expect(200);
    expect(css.headers['content-type']).toMatch(/text\/css/);
    // The docs answer under the same security headers as everything else.
    expect(css.headers['x-content-type-options']).toBe('nosniff');
    await t.request.get('/api/docs-nope').expect(404);
  });

  it('explains how to build the web app when it is missing, but never for the API', async () => {
    const res = await t.request.get('/').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toMatch(/pnpm build/);
    await t.request.get('/workflows/123').expect(200);
    await t.request.get('/api/unknown').expect(404);
  });

  it('CORS is off by default', async () => {
    const res = await t.request.get('/api/health').set('Origin', 'https://evil.example');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('a worker instance (FLOWPRESS_ROLE=worker)', () => {
  // A worker needs the queue: its own Redis database number on the machine's Redis, emptied after.
  const redisUrl = 'redis://127.0.0.1:6379/13';
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { FLOWPRESS_ROLE: 'worker', REDIS_URL: redisUrl } });
  });
  afterAll(async () => {
    await t?.close();
    const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect().then(
      () => redis.flushdb(),
      () => undefined,
    );
    redis.disconnect();
  });

  it('answers health on its port and nothing else', async () => {
    await t.request.get('/api/health').expect(200);
    const res = await t.request
      .post('/api/auth/login')
      .send({ email: t.admin.email, password: t.admin.password })
      .expect(404);
    expect(res.body.message).toMatch(/FLOWPRESS_ROLE=worker/);
    await t.request.get('/').expect(404);
  });
});
