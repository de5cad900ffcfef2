import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { startMockOpenAI, type MockOpenAI } from '@flowpress/nodes/testing';
import { DataSource } from 'typeorm';
import { RunQueue } from '../src/queue/run-queue.js';
import { startTestApp, testDatabases, type Client, type TestApp } from './harness.js';
import {
  articleReply,
  createWorkflow,
  publishGraph,
  receiptOf,
  runThroughReview,
  settle,
  type Receipt,
} from './publishing-fixture.js';

interface LibraryItem {
  id: string;
  slug: string;
  url: string;
  title: string;
  excerpt: string;
  status: string;
  tags: string[];
  image: string | null;
  markdown: string;
  html: string;
  images: { assetId: string | null; url: string; mimeType: string }[];
  provenance: Record<string, unknown>;
  runId: string;
  workflowId: string;
  publishedAt: string;
  updatedAt: string;
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });
const asList = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

interface RssItem {
  title: string;
  link: string;
  guid: { '#text': string; '@isPermaLink': string };
  pubDate: string;
  description: string;
  'content:encoded': string;
  category?: string | string[];
}
interface AtomEntry {
  title: { '#text': string };
  id: string;
  link: { '@href': string } | { '@href': string }[];
  updated: string;
  published: string;
  content: { '#text': string; '@type': string };
}

const databases = await testDatabases();

describe.each(databases)('the content library on %s', (database) => {
  let t: TestApp;
  let mock: MockOpenAI;
  let editor: Client;
  let reviewer: Client;
  let workflowId: string;
  let receipt: Receipt;
  let item: LibraryItem;

  const rss = async () => {
    const res = await t.request.get('/library/feed.xml').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/rss\+xml/);
    expect(XMLValidator.validate(res.text)).toBe(true);
    const doc = parser.parse(res.text) as {
      rss: {
        '@version': string;
        channel: Record<string, unknown> & { item?: RssItem | RssItem[] };
      };
    };
    return { doc, items: asList(doc.rss.channel.item) };
  };
  const atom = async () => {
    const res = await t.request.get('/library/atom.xml').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/atom\+xml/);
    expect(XMLValidator.validate(res.text)).toBe(true);
    const doc = parser.parse(res.text) as {
      feed: Record<string, unknown> & { entry?: AtomEntry | AtomEntry[] };
    };
    return { doc, entries: asList(doc.feed.entry) };
  };

  beforeAll(async () => {
    mock = await startMockOpenAI({ reply: articleReply });
    t = await startTestApp({
      database,
      env: { OPENAI_BASE_URL: mock.url, OPENAI_API_KEY: 'test' },
    });
    editor = await t.as('editor');
    reviewer = await t.as('reviewer');
    workflowId = await createWorkflow(
      editor,
      'Blog pipeline',
      publishGraph({ target: 'library', tags: ['coffee', 'guides'] }),
    );
    const run = await runThroughReview(editor, reviewer, workflowId, 'espresso');
    expect(run.status).toBe('succeeded');
    receipt = receiptOf(run);
    const list = (await editor.get('/api/library').expect(200)).body as LibraryItem[];
    item = (await editor.get(`/api/library/${list[0]!.id}`).expect(200)).body as LibraryItem;
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await mock?.close();
  });

  it('lists the node type and publishes through input → prompt → review → publish', async () => {
    const types = (await editor.get('/api/node-types').expect(200)).body as { type: string }[];
    expect(types.map((n) => n.type)).toContain('publish');
    expect(receipt).toEqual({
      target: 'library',
      externalId: item.id,
      url: `${t.url}/library/${item.slug}`,
      publishedAt: item.publishedAt,
    });
    expect(item).toMatchObject({
      title: 'All about espresso',
      status: 'published',
      tags: ['coffee', 'guides'],
      workflowId,
      url: receipt.url,
    });
    expect(item.slug).toMatch(/^all-about-espresso-fp-[0-9a-f]{10}$/);
    expect(item.html).toContain('<strong>short</strong>');
    expect(item.images).toEqual([
      {
        assetId: expect.any(String),
        url: `${t.url}/library/assets/${item.images[0]!.assetId}`,
        mimeType: 'image/png',
        alt: null,
      },
    ]);
    expect(item.image).toBe(item.images[0]!.url);
  });

  it('records provenance: workflow version, models, prompt hashes, reviewer decisions, timestamps', () => {
    expect(item.provenance).toMatchObject({
      generator: 'Flowpress',
      aiAssisted: true,
      workflow: { id: workflowId, name: 'Blog pipeline', version: 1 },
      run: {
        id: item.runId,
        trigger: expect.any(String),
        createdAt: expect.any(String),
        startedAt: expect.any(String),
      },
      nodeId: 'ship',
      models: expect.arrayContaining([
        expect.objectContaining({ nodeId: 'draft', model: 'gpt-4o-mini' }),
        expect.objectContaining({ nodeId: 'hero', model: 'gpt-image-1' }),
      ]),
      prompts: [
        { nodeId: 'draft', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
        { nodeId: 'hero', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      ],
      promptsSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      reviews: [
        {
          nodeId: 'check',
          round: 1,
          status: 'approved',
          action: 'approve',
          reviewer: 'reviewer@flowpress.test',
          comment: 'Looks good',
          edited: false,
          decidedAt: expect.any(String),
        },
      ],
    });
  });

  it('serves a clean public page with the AI-assisted line and public images', async () => {
    const page = await t.request.get(`/library/${item.slug}`).expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.text).toContain('<h1>All about espresso</h1>');
    expect(page.text).toContain('<strong>short</strong>');
    expect(page.text).toContain(`<link rel="canonical" href="${receipt.url}">`);
    expect(page.text).toContain(
      'AI-assisted: produced with gpt-4o-mini, gpt-image-1 and approved by a human reviewer.',
    );
    expect(page.text).not.toContain('reviewer@flowpress.test');
    const imageUrl = item.images[0]!.url;
    expect(page.text).toContain(`<img src="${imageUrl}"`);
    const image = await t.request.get(new URL(imageUrl).pathname).expect(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect((image.body as Buffer).subarray(1, 4).toString()).toBe('PNG');
    // The same asset stays private on the API, and assets no published item shows stay hidden.
    await t.request.get(`/api/assets/${item.images[0]!.assetId}`).expect(401);
    await t.request.get('/library/assets/00000000-0000-4000-8000-000000000000').expect(404);
    await t.request.get('/library/assets/not-a-uuid').expect(404);
    const index = await t.request.get('/library').expect(200);
    expect(index.text).toContain(`href="${receipt.url}"`);
  });

  it('publishes RSS 2.0 and Atom feeds that parse, with items, absolute links and dates', async () => {
    const { doc, items } = await rss();
    expect(doc.rss['@version']).toBe('2.0');
    expect(doc.rss.channel).toMatchObject({ title: 'Flowpress library', link: `${t.url}/library` });
    expect(items).toHaveLength(1);
    const first = items[0]!;
    expect(first.title).toBe('All about espresso');
    expect(first.link).toBe(receipt.url);
    expect(first.guid).toEqual({ '#text': `urn:uuid:${item.id}`, '@isPermaLink': 'false' });
    expect(new Date(first.pubDate).toUTCString()).toBe(new Date(item.publishedAt).toUTCString());
    expect(first['content:encoded']).toContain(`<img src="${item.images[0]!.url}"`);
    expect(asList(first.category)).toEqual(['coffee', 'guides']);
    // The hero image as the item's enclosure (feed readers show it as the item's picture).
    const enclosure = (first as unknown as { enclosure?: Record<string, string> }).enclosure;
    expect(enclosure).toMatchObject({ '@url': item.images[0]!.url, '@type': 'image/png' });

    const { doc: feed, entries } = await atom();
    expect(feed.feed['id']).toBe(`${t.url}/library`);
    expect(
      asList(feed.feed['link'] as { '@rel': string; '@href': string }[]).find(
        (l) => l['@rel'] === 'self',
      )?.['@href'],
    ).toBe(`${t.url}/library/atom.xml`);
    expect(feed.feed['author']).toEqual({ name: 'Flowpress' });
    expect(entries).toHaveLength(1);
    const entry = entries[0]!;
    expect(entry.title['#text']).toBe('All about espresso');
    expect(entry.id).toBe(`urn:uuid:${item.id}`);
    expect(asList(entry.link)[0]!['@href']).toBe(receipt.url);
    expect(new Date(entry.published).toISOString()).toBe(item.publishedAt);
    expect(new Date(entry.updated).toISOString()).toBe(item.updatedAt);
    expect(entry.content['@type']).toBe('html');
    expect(entry.content['#text']).toContain(`<img src="${item.images[0]!.url}"`);
  });

  it('an update keeps the slug and URL; the page and feeds follow it', async () => {
    await (
      await t.as('viewer')
    )
      .patch(`/api/library/${item.id}`)
      .send({ title: 'Nope' })
      .expect(403);
    await editor.patch(`/api/library/${item.id}`).send({}).expect(400);
    const updated = (
      await editor
        .patch(`/api/library/${item.id}`)
        .send({
          title: 'Espresso, explained',
          markdown: 'Now with _more_ crema.',
          tags: ['coffee'],
        })
        .expect(200)
    ).body as LibraryItem;
    expect(updated).toMatchObject({
      slug: item.slug,
      url: item.url,
      title: 'Espresso, explained',
      tags: ['coffee'],
      publishedAt: item.publishedAt,
    });
    expect(updated.html).toBe('<p>Now with <em>more</em> crema.</p>\n');
    const page = await t.request.get(`/library/${item.slug}`).expect(200);
    expect(page.text).toContain('<h1>Espresso, explained</h1>');
    const { items } = await rss();
    expect(items[0]).toMatchObject({ title: 'Espresso, explained', link: item.url });
  });

  it('unpublishing 404s the page and its images and leaves the feeds; publishing brings the same URL back', async () => {
    const off = (await editor.post(`/api/library/${item.id}/unpublish`).expect(200))
      .body as LibraryItem;
    expect(off.status).toBe('unpublished');
    const gone = await t.request.get(`/library/${item.slug}`).expect(404);
    expect(gone.headers['content-type']).toMatch(/^text\/html/);
    await t.request.get(new URL(item.images[0]!.url).pathname).expect(404);
    expect((await rss()).items).toHaveLength(0);
    expect((await atom()).entries).toHaveLength(0);
    expect(
      ((await editor.get('/api/library?status=unpublished').expect(200)).body as LibraryItem[]).map(
        (i) => i.id,
      ),
    ).toContain(item.id);
    expect(
      ((await editor.get('/api/library?status=published').expect(200)).body as LibraryItem[]).map(
        (i) => i.id,
      ),
    ).not.toContain(item.id);

    const on = (await editor.post(`/api/library/${item.id}/publish`).expect(200))
      .body as LibraryItem;
    expect(on).toMatchObject({ status: 'published', url: item.url, slug: item.slug });
    await t.request.get(`/library/${item.slug}`).expect(200);
    expect((await rss()).items.map((i) => i.link)).toEqual([item.url]);
    await (await t.as('reviewer')).post(`/api/library/${item.id}/unpublish`).expect(403);
  });

  it("a resumed run finds the same entry instead of adding one (and keeps an editor's edits)", async () => {
    const db = t.app.get(DataSource);
    await db.query(
      `UPDATE run_nodes SET status = 'pending', output = NULL, finished_at = NULL WHERE run_id = $1 AND node_id = 'ship'`,
      [item.runId],
    );
    await db.query(`UPDATE runs SET status = 'queued', finished_at = NULL WHERE id = $1`, [
      item.runId,
    ]);
    await t.app.get(RunQueue).enqueue({ runId: item.runId });
    const again = await settle(editor, item.runId);
    expect(again.status).toBe('succeeded');
    expect(receiptOf(again)).toMatchObject({
      externalId: item.id,
      url: item.url,
      publishedAt: item.publishedAt,
    });
    const rows = await db.query<{ n: string }[]>(
      `SELECT count(*)::text AS n FROM library_items WHERE run_id = $1`,
      [item.runId],
    );
    expect(rows[0]!.n).toBe('1');
    const kept = (await editor.get(`/api/library/${item.id}`).expect(200)).body as LibraryItem;
    expect(kept).toMatchObject({ title: 'Espresso, explained', slug: item.slug });
  });

  it('sanitizes what reaches the page (a reviewer edit with script and handlers)', async () => {
    const run = await runThroughReview(editor, reviewer, workflowId, 'mocha', {
      text: '# Safe title\n\n<script>alert(1)</script>\n\n<img src="x" onerror="alert(2)">\n\n[click](javascript:alert(3)) <a href="https://ok.example" onclick="alert(4)">ok</a>',
    });
    const { url } = receiptOf(run);
    const page = await t.request.get(new URL(url).pathname).expect(200);
    expect(page.text).toContain('<h1>Safe title</h1>');
    expect(page.text).not.toMatch(/<script|onerror|onclick|javascript:/i);
    expect(page.text).toContain('href="https://ok.example"');
    const list = (await editor.get('/api/library').expect(200)).body as LibraryItem[];
    expect(list[0]!.title).toBe('Safe title');
    expect(list.map((i) => i.title)).toEqual(['Safe title', 'Espresso, explained']);
  }, 30_000);

  it('answers 404s cleanly, and the API needs a sign-in', async () => {
    await t.request.get('/library/no-such-piece').expect(404);
    await t.request.get('/library/..%2F..%2Fetc').expect(404);
    await t.request.get('/api/library').expect(401);
    await editor.get('/api/library/00000000-0000-4000-8000-000000000000').expect(404);
    await editor.get('/api/library?status=bogus').expect(400);
  });
});
