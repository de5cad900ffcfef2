import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { io, type Socket } from 'socket.io-client';
import type {
  KnowledgeBaseView,
  KnowledgeDocumentEvent,
  KnowledgeDocumentView,
  RetrievedPassage,
} from '@flowpress/shared';
import {
  startTestApp,
  testDatabases,
  type Client,
  type TestApp,
  type TestDatabase,
} from './harness.js';
import { KnowledgeService } from '../src/knowledge/knowledge.service.js';
import { HTML, MARKDOWN, TEXT, docxFile, pdfFile } from './knowledge/files.js';

// Vector search exists on PGlite only; the embedded native Postgres searches exactly as the
// machine's Postgres does (full text), so one of the two covers that side.
const found = await testDatabases();
const databases: TestDatabase[] = ['pglite', found.includes('postgres') ? 'postgres' : 'embedded'];

const countRows = async (t: TestApp, table: string, kbId: string): Promise<number> => {
  const rows = (await t.app
    .get(DataSource)
    .query(`SELECT count(*)::int AS n FROM ${table} WHERE knowledge_base_id = $1`, [kbId])) as {
    n: number;
  }[];
  return rows[0]!.n;
};

describe.each(databases)('knowledge bases on %s', (database) => {
  let t: TestApp;
  let editor: Client;
  let viewer: Client;
  let kb: KnowledgeBaseView;
  const upload = (name: string, data: Buffer | string, title?: string) => {
    const req = editor
      .post(`/api/knowledge-bases/${kb.id}/documents`)
      .attach('file', Buffer.from(data), name);
    return title ? req.field('title', title) : req;
  };
  const search = async (q: string, topK = 4): Promise<RetrievedPassage[]> =>
    (await viewer.get(`/api/knowledge-bases/${kb.id}/search`).query({ q, topK }).expect(200))
      .body as RetrievedPassage[];

  beforeAll(async () => {
    // Offline embeddings: vectors where the database has the extension (PGlite), full text where it has not.
    t = await startTestApp({ database, env: { FLOWPRESS_EMBEDDING_MODEL: 'offline' } });
    editor = await t.as('editor');
    viewer = await t.as('viewer');
    kb = (
      await editor
        .post('/api/knowledge-bases')
        .send({ name: 'Product docs', chunkSize: 300, chunkOverlap: 40 })
        .expect(201)
    ).body as KnowledgeBaseView;
  }, 120_000);
  afterAll(() => t?.close());

  it('says how it searches: vectors only where the vector extension exists', () => {
    expect(kb).toMatchObject({
      name: 'Product docs',
      language: 'english',
      chunkSize: 300,
      documentCount: 0,
    });
    if (database === 'pglite') {
      expect(kb.search).toEqual({
        fullText: true,
        vector: true,
        embeddingModel: 'offline-hash',
        reason: null,
      });
    } else {
      expect(kb.search).toMatchObject({ fullText: true, vector: false, embeddingModel: null });
      expect(kb.search.reason).toMatch(/vector extension/);
    }
  });

  it('ingests markdown, text, HTML (readable text only), PDF and DOCX', async () => {
    const docs: Record<string, KnowledgeDocumentView> = {};
    docs.md = (await upload('aurora-care.md', MARKDOWN).expect(201)).body;
    docs.txt = (await upload('shipping.txt', TEXT).expect(201)).body;
    docs.html = (await upload('voice.html', HTML).expect(201)).body;
    docs.pdf = (await upload('lantern.pdf', await pdfFile()).expect(201)).body;
    docs.docx = (await upload('returns.docx', await docxFile()).expect(201)).body;
    expect(
      Object.fromEntries(
        Object.entries(docs).map(([k, d]) => [k, [d.type, d.title, d.chunkCount > 0]]),
      ),
    ).toEqual({
      md: ['md', 'Aurora kettle care', true],
      txt: ['txt', 'shipping', true],
      html: ['html', 'Brand voice guide', true],
      pdf: ['pdf', 'Solar lantern datasheet', true],
      docx: ['docx', 'Returns handbook', true],
    });
    expect(docs.md!.sizeBytes).toBe(Buffer.byteLength(MARKDOWN));

    const htmlChunks = (
      await viewer
        .get(`/api/knowledge-bases/${kb.id}/documents/${docs.html!.id}/chunks`)
        .expect(200)
    ).body as { content: string }[];
    const htmlText = htmlChunks.map((c) => c.content).join('\n');
    expect(htmlText).toContain('at most one per social post');
    for (const dropped of [
      'pixelsecret',
      'color: red',
      'Navigationlink',
      'Sitewide banner',
      'Copyright footer',
    ]) {
      expect(htmlText).not.toContain(dropped);
    }

    const mdChunks = (
      await viewer.get(`/api/knowledge-bases/${kb.id}/documents/${docs.md!.id}/chunks`).expect(200)
    ).body as {
      content: string;
      position: { start: number; end: number; headings: string[] };
    }[];
    const warranty = mdChunks.find((c) => c.content.includes('two-year warranty'))!;
    expect(warranty.position.headings).toEqual(['Aurora kettle care', 'Warranty']);
    expect(MARKDOWN.slice(warranty.position.start, warranty.position.end)).toBe(warranty.content);

    const pdfHits = await search('solar lantern sunlight hours');
    expect(pdfHits[0]).toMatchObject({
      title: 'Solar lantern datasheet',
      documentId: docs.pdf!.id,
    });
    expect((await search('return bicycles refund'))[0]?.title).toBe('Returns handbook');
  });

  it('adds pasted text as JSON and finds it, with highlights and the method', async () => {
    const doc = (
      await editor
        .post(`/api/knowledge-bases/${kb.id}/documents`)
        .send({ title: 'Gift cards', text: 'Gift cards never expire and can be topped up online.' })
        .expect(201)
    ).body as KnowledgeDocumentView;
    expect(doc).toMatchObject({ type: 'text', title: 'Gift cards', chunkCount: 1 });
    await t.app.get(KnowledgeService).embeddingIdle();
    const [hit] = await search('do gift cards expire?');
    expect(hit).toMatchObject({ title: 'Gift cards', documentId: doc.id, chunkIndex: 0, score: 1 });
    expect(hit!.highlight).toContain('<mark>expire</mark>');
    expect(hit!.method).toBe(database === 'pglite' ? 'hybrid' : 'fulltext');
  });

  it('keeps a file name that is not ASCII, as a browser sends it (UTF-8)', async () => {
    const doc = (await upload('Prüfbericht – Café.txt', 'Espresso notes in a report.').expect(201))
      .body as KnowledgeDocumentView;
    expect(doc).toMatchObject({ source: 'Prüfbericht – Café.txt', title: 'Prüfbericht – Café' });
  });

  it('replaces a document uploaded again with the same title, and deletes with its chunks', async () => {
    const first = (
      await upload(
        'policy-v1.txt',
        'Refunds take fourteen days to arrive.',
        'Refund policy',
      ).expect(201)
    ).body as KnowledgeDocumentView;
    const second = (
      await upload('policy-v2.txt', 'Refunds now arrive within five days.', 'Refund policy').expect(
        201,
      )
    ).body as KnowledgeDocumentView;
    expect(second).toMatchObject({ id: first.id, replaced: true, source: 'policy-v2.txt' });
    expect((await search('fourteen')).some((p) => p.documentId === first.id)).toBe(false);
    expect((await search('refunds five days'))[0]?.documentId).toBe(first.id);

    await viewer.delete(`/api/knowledge-bases/${kb.id}/documents/${first.id}`).expect(403);
    await editor.delete(`/api/knowledge-bases/${kb.id}/documents/${first.id}`).expect(204);
    await viewer.get(`/api/knowledge-bases/${kb.id}/documents/${first.id}/chunks`).expect(404);
    expect(await search('refunds five days')).not.toContainEqual(
      expect.objectContaining({ documentId: first.id }),
    );
  });

  it('refuses unsupported types (415) and unreadable files (422), leaving nothing behind', async () => {
    const before = (await viewer.get(`/api/knowledge-bases/${kb.id}/documents`).expect(200))
      .body as unknown[];
    const res = await upload('setup.exe', 'MZ binary').expect(415);
    expect(res.body.message).toMatch(/\.md, \.txt, \.html, \.pdf, \.docx/);
    await upload('broken.pdf', '%PDF-1.7 not really').expect(422);
    await editor.post(`/api/knowledge-bases/${kb.id}/documents`).send({ title: 'x' }).expect(400);
    expect(
      (await viewer.get(`/api/knowledge-bases/${kb.id}/documents`).expect(200)).body,
    ).toHaveLength(before.length);
  });

  it('lets everyone signed in read and search, and only editors write', async () => {
    await viewer.post('/api/knowledge-bases').send({ name: 'Nope' }).expect(403);
    await (
      await t.as('reviewer')
    )
      .post(`/api/knowledge-bases/${kb.id}/documents`)
      .send({ title: 'a', text: 'b' })
      .expect(403);
    expect(
      ((await viewer.get('/api/knowledge-bases').expect(200)).body as KnowledgeBaseView[]).map(
        (k) => k.id,
      ),
    ).toContain(kb.id);
    await t.request.get(`/api/knowledge-bases/${kb.id}/search?q=kettle`).expect(401);
    await viewer.get(`/api/knowledge-bases/${kb.id}/search`).expect(400);
    await viewer.get('/api/knowledge-bases/00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('deleting a knowledge base removes its documents and chunks', async () => {
    const other = (await editor.post('/api/knowledge-bases').send({ name: 'Scratch' }).expect(201))
      .body as KnowledgeBaseView;
    await editor
      .post(`/api/knowledge-bases/${other.id}/documents`)
      .send({ title: 'Temp', text: 'Temporary words here.' })
      .expect(201);
    expect(await countRows(t, 'chunks', other.id)).toBe(1);
    await editor.delete(`/api/knowledge-bases/${other.id}`).expect(204);
    expect(await countRows(t, 'documents', other.id)).toBe(0);
    expect(await countRows(t, 'chunks', other.id)).toBe(0);
  });

  if (database === 'pglite') {
    it('embeds in the background and reports progress over the socket', async () => {
      const token = await t.loginAs('viewer');
      const socket: Socket = await new Promise((resolve, reject) => {
        const s = io(t.url, { auth: { token }, transports: ['websocket'], reconnection: false });
        s.once('connect', () => resolve(s));
        s.once('connect_error', reject);
      });
      try {
        const events: KnowledgeDocumentEvent[] = [];
        const ready = new Promise<void>((resolve) =>
          socket.on('knowledge.document', (e: KnowledgeDocumentEvent) => {
            events.push(e);
            if (e.status === 'ready') resolve();
          }),
        );
        const longText = Array.from(
          { length: 120 },
          (_, i) => `Paragraph ${i} describes the Nimbus umbrella frame.`,
        ).join('\n\n');
        const doc = (
          await editor
            .post(`/api/knowledge-bases/${kb.id}/documents`)
            .send({ title: 'Nimbus umbrella', text: longText })
            .expect(201)
        ).body as KnowledgeDocumentView;
        expect(doc).toMatchObject({ status: 'embedding', progress: 0 });
        await ready;
        expect(events[0]).toMatchObject({
          documentId: doc.id,
          knowledgeBaseId: kb.id,
          status: 'embedding',
          progress: 0,
        });
        expect(events.at(-1)).toMatchObject({
          documentId: doc.id,
          status: 'ready',
          progress: 1,
          chunkCount: doc.chunkCount,
        });
        const chunks = (
          await viewer.get(`/api/knowledge-bases/${kb.id}/documents/${doc.id}/chunks`).expect(200)
        ).body as { embedded: boolean }[];
        expect(chunks.every((c) => c.embedded)).toBe(true);
      } finally {
        socket.close();
      }
    });
  }
});

describe('knowledge limits and URL import', () => {
  let t: TestApp;
  let editor: Client;
  let kbId: string;
  let site: Server;
  let siteUrl: string;

  beforeAll(async () => {
    site = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(
        '<html><head><title>Intranet page</title></head><body><p>Secret roadmap.</p></body></html>',
      );
    });
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/roadmap`;
    t = await startTestApp({
      env: {
        FLOWPRESS_UPLOAD_LIMIT: '2kb',
        FLOWPRESS_BODY_LIMIT: '1kb',
        FLOWPRESS_ALLOW_PRIVATE_NETWORK: 'false',
      },
    });
    editor = await t.as('editor');
    kbId = (
      (await editor.post('/api/knowledge-bases').send({ name: 'Limits' }).expect(201))
        .body as KnowledgeBaseView
    ).id;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await new Promise((r) => site.close(r));
  });

  it('answers 413 above FLOWPRESS_UPLOAD_LIMIT and keeps nothing', async () => {
    await editor
      .post(`/api/knowledge-bases/${kbId}/documents`)
      .attach('file', Buffer.from('a '.repeat(2000)), 'big.txt')
      .expect(413);
    await editor
      .post(`/api/knowledge-bases/${kbId}/documents`)
      .attach('file', Buffer.from('small file'), 'small.txt')
      .expect(201);
    expect(await countRows(t, 'documents', kbId)).toBe(1);
  });

  it('takes an upload larger than FLOWPRESS_BODY_LIMIT (that one is for JSON) up to its own', async () => {
    const doc = (
      await editor
        .post(`/api/knowledge-bases/${kbId}/documents`)
        .attach('file', Buffer.from('word '.repeat(300)), 'between-limits.txt')
        .expect(201)
    ).body as KnowledgeDocumentView;
    await editor.delete(`/api/knowledge-bases/${kbId}/documents/${doc.id}`).expect(204);
    const json = await editor
      .post(`/api/knowledge-bases/${kbId}/documents`)
      .send({ title: 'Too long', text: 'word '.repeat(300) })
      .expect(413);
    expect(json.body.message).toBe('Request body is too large (limit 1 KB)');
  });

  it('refuses to import a URL on a private address', async () => {
    const res = await editor
      .post(`/api/knowledge-bases/${kbId}/documents`)
      .send({ url: siteUrl })
      .expect(400);
    expect(res.body.message).toMatch(/Could not import/);
    expect(await countRows(t, 'documents', kbId)).toBe(1);
  });

  it('imports a URL where private addresses are allowed', async () => {
    const open = await startTestApp({ env: { FLOWPRESS_ALLOW_PRIVATE_NETWORK: 'true' } });
    try {
      const client = await open.as('editor');
      const id = (
        (await client.post('/api/knowledge-bases').send({ name: 'Web' }).expect(201))
          .body as KnowledgeBaseView
      ).id;
      const doc = (
        await client.post(`/api/knowledge-bases/${id}/documents`).send({ url: siteUrl }).expect(201)
      ).body as KnowledgeDocumentView;
      expect(doc).toMatchObject({
        title: 'Intranet page',
        source: siteUrl,
        type: 'html',
        chunkCount: 1,
      });
    } finally {
      await open.close();
    }
  }, 60_000);
});
