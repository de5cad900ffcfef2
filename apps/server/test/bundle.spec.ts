/**
 * The bundle `pnpm start` runs (scripts/bundle.mjs) on the paths that load code late. Each of
 * them is a chunk of its own or a package left outside the bundle, and those are where bundling
 * breaks what works from dist/: a CommonJS package imported by name, a file found next to its
 * module, a worker that requires a package by path. On PGlite (its WASM is found from its
 * package): the OpenAPI document, the knowledge extractors (PDF, DOCX, HTML), the text splitter
 * and offline embeddings, offline chat and images, and the regex worker thread. The native
 * database, queue mode on Redis, publishing and kill -9 run on the bundle in their own specs.
 * And that nothing bundled is loaded a second time from node_modules behind esbuild's back.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {
  KnowledgeBaseView,
  KnowledgeDocumentView,
  RetrievedPassage,
  RunView,
  WorkflowGraph,
} from '@flowpress/shared';
import { docxFile, HTML, MARKDOWN, pdfFile } from './knowledge/files.js';
import { SERVER_MAIN, waitHealthy } from './server-main.js';
import { freePort } from '../src/bench/ports.js';

const SERVER_PACKAGE = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../package.json'), 'utf8'),
) as { version: string };
const ADMIN = { email: 'bundle@flowpress.test', password: 'bundle-test-password' };

// input → condition (`matches`, large enough for the worker thread) → prompt → image → template
const graph: WorkflowGraph = {
  version: 1,
  nodes: [
    {
      id: 'brief',
      type: 'input',
      position: { x: 0, y: 0 },
      data: {
        fields: [
          { name: 'topic', type: 'text', required: true },
          { name: 'notes', type: 'text', required: true },
        ],
      },
    },
    {
      id: 'gate',
      type: 'condition',
      position: { x: 200, y: 0 },
      data: { when: 'matches', value: '(?:a?){300}a{300}', input: '{{brief.notes}}' },
    },
    {
      id: 'draft',
      type: 'prompt',
      position: { x: 400, y: 0 },
      data: { system: 'You write for ACME.', template: 'Write about {{brief.topic}}.' },
    },
    {
      id: 'hero',
      type: 'image',
      position: { x: 600, y: 0 },
      data: { prompt: 'Hero for {{brief.topic}}', size: '256x256' },
    },
    {
      id: 'post',
      type: 'template',
      position: { x: 800, y: 0 },
      data: { template: '{{draft.text}}' },
    },
  ],
  edges: [
    { id: 'e1', source: 'brief', target: 'gate' },
    { id: 'e2', source: 'gate', sourceHandle: 'true', target: 'draft' },
    { id: 'e3', source: 'draft', target: 'hero' },
    { id: 'e4', source: 'hero', target: 'post' },
  ],
};

describe('the bundled server (dist/bundle/main.js) on the late-loaded paths, PGlite', () => {
  let dataDir: string;
  let loadedFile: string;
  let child: ChildProcess | undefined;
  let stderr = '';
  let url: string;
  let headers: Record<string, string>;

  const api = async <T>(
    method: string,
    route: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${url}${route}`, {
      method,
      headers: body instanceof FormData ? { authorization: headers.authorization! } : headers,
      body: body instanceof FormData ? body : body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, body: (type.includes('json') ? JSON.parse(text) : text) as T };
  };

  beforeAll(async () => {
    if (!existsSync(SERVER_MAIN))
      throw new Error(`${SERVER_MAIN} is missing: run \`pnpm build\` before the server tests`);
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'flowpress-bundle-'));
    // Preloaded: at exit, writes the CommonJS modules the process loaded (the bundle is ESM, so
    // every entry but this file is a package required at run time from node_modules), and how
    // many Intl.DateTimeFormat were built before the first request (ICU data: ≈ 5 MiB resident).
    const recorder = path.join(dataDir, 'record-loaded.cjs');
    loadedFile = path.join(dataDir, 'loaded.json');
    writeFileSync(
      recorder,
      `const http = require('node:http');
let built = 0, beforeFirstRequest = null;
Intl.DateTimeFormat = new Proxy(Intl.DateTimeFormat, {
  construct: (target, args, newTarget) => (built++, Reflect.construct(target, args, newTarget)),
  apply: (target, self, args) => (built++, Reflect.apply(target, self, args)),
});
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, ...args) {
  if (event === 'request' && beforeFirstRequest === null) beforeFirstRequest = built;
  return emit.call(this, event, ...args);
};
process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(loadedFile)},
  JSON.stringify({ modules: Object.keys(require.cache), dateFormatsBeforeFirstRequest: beforeFirstRequest })));`,
    );
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      FLOWPRESS_DATA_DIR: dataDir,
      FLOWPRESS_EMBEDDED_DB: 'pglite',
      FLOWPRESS_EMBEDDING_MODEL: 'offline',
      FLOWPRESS_ADMIN_EMAIL: ADMIN.email,
      FLOWPRESS_ADMIN_PASSWORD: ADMIN.password,
    };
    delete env['OPENAI_API_KEY']; // the offline providers: no model is reached
    delete env['DATABASE_URL'];
    child = spawn(process.execPath, ['--require', recorder, SERVER_MAIN], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    await waitHealthy(url, child, () => stderr);
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const { token } = (await login.json()) as { token: string };
    headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  }, 120_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('serves the OpenAPI document and its page', async () => {
    const doc = await api<{
      openapi: string;
      info: { version: string };
      paths: Record<string, unknown>;
    }>('GET', '/api/docs-json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    // Read from package.json next to where app.factory.ts is, not next to the bundle's chunk.
    expect(doc.body.info.version).toBe(SERVER_PACKAGE.version);
    expect(Object.keys(doc.body.paths)).toContain('/api/workflows');
    const page = await api<string>('GET', '/api/docs');
    expect(page.status).toBe(200);
    expect(page.body).toContain('swagger-ui');
  });

  it('ingests PDF, DOCX, HTML and markdown into a knowledge base and finds a passage', async () => {
    const kb = await api<KnowledgeBaseView>('POST', '/api/knowledge-bases', {
      name: 'Bundle docs',
      chunkSize: 300,
      chunkOverlap: 40,
    });
    expect(kb.status).toBe(201);
    expect(kb.body.search).toMatchObject({ vector: true, embeddingModel: 'offline-hash' });
    const files: Array<[string, Buffer | string]> = [
      ['lantern.pdf', await pdfFile()],
      ['returns.docx', await docxFile()],
      ['voice.html', HTML],
      ['aurora-care.md', MARKDOWN],
    ];
    const titles: Record<string, [string, boolean]> = {};
    for (const [name, data] of files) {
      const form = new FormData();
      form.append('file', new Blob([data]), name);
      const doc = await api<KnowledgeDocumentView>(
        'POST',
        `/api/knowledge-bases/${kb.body.id}/documents`,
        form,
      );
      expect({ name, status: doc.status }).toEqual({ name, status: 201 });
      titles[doc.body.type] = [doc.body.title, doc.body.chunkCount > 0];
    }
    expect(titles).toEqual({
      pdf: ['Solar lantern datasheet', true],
      docx: ['Returns handbook', true],
      html: ['Brand voice guide', true],
      md: ['Aurora kettle care', true],
    });
    const found = await api<RetrievedPassage[]>(
      'GET',
      `/api/knowledge-bases/${kb.body.id}/search?q=${encodeURIComponent('solar lantern sunlight')}&topK=1`,
    );
    expect(found.status).toBe(200);
    expect(found.body[0]?.title).toBe('Solar lantern datasheet');
  });

  it('runs a condition in the regex worker, offline chat and an offline image to the end', async () => {
    const wf = await api<{ id: string }>('POST', '/api/workflows', { name: 'Bundle run', graph });
    expect(wf.status).toBe(201);
    const run = await api<RunView>('POST', `/api/workflows/${wf.body.id}/runs?wait=true`, {
      // 98,300 characters against a 600-instruction program: past the inline budget, so the
      // match runs in the worker thread, which loads re2js by path.
      inputs: { topic: 'lanterns', notes: `${'ab'.repeat(49_000)}${'a'.repeat(300)}` },
    });
    expect(run.status).toBe(200);
    const status = Object.fromEntries(run.body.nodes.map((n) => [n.nodeId, n.status]));
    expect({ run: run.body.status, error: run.body.error, ...status }).toEqual({
      run: 'succeeded',
      error: null,
      brief: 'succeeded',
      gate: 'succeeded',
      draft: 'succeeded',
      hero: 'succeeded',
      post: 'succeeded',
    });
    const post = run.body.nodes.find((n) => n.nodeId === 'post')!;
    expect(String((post.output as { text?: unknown }).text).length).toBeGreaterThan(0);
  }, 60_000);

  // Last two: they stop the server.
  it('starts without building an Intl date formatter (ICU locale data, ≈ 5 MiB resident)', async () => {
    const exited = new Promise((r) => child!.once('exit', r));
    child!.kill('SIGTERM');
    await exited;
    const recorded = JSON.parse(readFileSync(loadedFile, 'utf8')) as {
      dateFormatsBeforeFirstRequest: number | null;
    };
    // Nest's loggers built one each at load (patches/@nestjs__common), and formatted every
    // log line's timestamp with one (http/quiet-logger.ts).
    expect(recorded.dateFormatsBeforeFirstRequest).toBe(0);
  }, 30_000);

  // Reads what the stopped server recorded. A package required through `createRequire` (TypeORM
  // by @nestjs/typeorm, pg by TypeORM) came whole from node_modules, beside the bundled copy:
  // ≈ 360 more modules and ≈ 10 MiB of idle memory, and type parsers set on one copy only.
  it('loads every package once, from the bundle: no CommonJS copy of TypeORM or pg', () => {
    const loaded = (JSON.parse(readFileSync(loadedFile, 'utf8')) as { modules: string[] }).modules;
    expect(loaded).toContain(path.join(dataDir, 'record-loaded.cjs')); // the recorder ran
    const packages = new Set(
      loaded.flatMap((f) => /.*node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f)?.[1] ?? []),
    );
    expect([...packages].filter((p) => /^(typeorm|pg|pg-.*|@nestjs\/typeorm)$/.test(p))).toEqual(
      [],
    );
  }, 30_000);
});
