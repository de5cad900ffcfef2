import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  FakeGhost,
  FakeWebhookReceiver,
  FakeWordPress,
  startMockOpenAI,
  type MockOpenAI,
} from '@flowpress/nodes/testing';
import type { RunView } from '@flowpress/shared';
import { DataSource } from 'typeorm';
import { RunQueue } from '../src/queue/run-queue.js';
import { startTestApp, testDatabases, type Client, type TestApp } from './harness.js';
import {
  articleReply,
  createWorkflow,
  directGraph,
  publishGraph,
  receiptOf,
  runDirect,
  runThroughReview,
  settle,
  shipError,
} from './publishing-fixture.js';

const HOOK_SECRET = 'whsec-0123456789-abcdef';

const databases = await testDatabases();

describe.each(databases)('publish targets on %s', (database) => {
  let t: TestApp;
  let mock: MockOpenAI;
  let editor: Client;
  let reviewer: Client;
  let wp: FakeWordPress;
  let ghost: FakeGhost;
  let hook: FakeWebhookReceiver;
  const credentials: Record<string, string> = {};

  const credential = async (type: string, name: string, data: Record<string, unknown>) => {
    const res = await editor.post('/api/credentials').send({ type, name, data }).expect(201);
    return (res.body as { id: string }).id;
  };

  /** Forces the publish node's checkpoint back and runs the run again, as a crash would. */
  const replayPublish = async (runId: string): Promise<RunView> => {
    const db = t.app.get(DataSource);
    await db.query(
      `UPDATE run_nodes SET status = 'pending', output = NULL, finished_at = NULL WHERE run_id = $1 AND node_id = 'ship'`,
      [runId],
    );
    await db.query(`UPDATE runs SET status = 'queued', finished_at = NULL WHERE id = $1`, [runId]);
    await t.app.get(RunQueue).enqueue({ runId });
    return settle(editor, runId);
  };

  beforeAll(async () => {
    mock = await startMockOpenAI({ reply: articleReply });
    wp = await new FakeWordPress().start();
    ghost = await new FakeGhost().start();
    hook = await new FakeWebhookReceiver({ secret: HOOK_SECRET }).start();
    t = await startTestApp({
      database,
      env: {
        OPENAI_BASE_URL: mock.url,
        OPENAI_API_KEY: 'test',
        FLOWPRESS_ALLOW_PRIVATE_NETWORK: 'true',
      },
    });
    editor = await t.as('editor');
    reviewer = await t.as('reviewer');
    credentials['webhook'] = await credential('webhook', 'Receiver', {
      secret: HOOK_SECRET,
      baseUrl: new URL(hook.url).origin,
    });
    credentials['wordpress'] = await credential('wordpress', 'Blog', {
      username: wp.username,
      applicationPassword: wp.applicationPassword,
      baseUrl: wp.url,
    });
    credentials['ghost'] = await credential('ghost', 'Ghost', {
      adminApiKey: ghost.adminApiKey,
      baseUrl: ghost.url,
    });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await Promise.all([mock?.close(), wp?.stop(), ghost?.stop(), hook?.stop()]);
  });

  it('webhook: a signed POST with the piece, its provenance and an Idempotency-Key; a replay is not a second delivery', async () => {
    const id = await createWorkflow(
      editor,
      'To the hook',
      publishGraph({ target: 'webhook', url: hook.url, credentialId: credentials['webhook'] }),
    );
    const run = await runThroughReview(editor, reviewer, id, 'latte');
    expect(run.status).toBe('succeeded');
    expect(receiptOf(run)).toMatchObject({
      target: 'webhook',
      externalId: 'hook-1',
      url: 'https://receiver.example/posts/hook-1',
    });
    expect(hook.attempts).toEqual([
      { status: 200, idempotencyKey: `${run.id}:ship`, signatureValid: true },
    ]);
    const delivery = hook.accepted[0]!;
    expect(delivery.headers['x-flowpress-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(delivery.payload).toMatchObject({
      event: 'publish',
      title: 'All about latte',
      markdown: expect.stringContaining('A **short** piece on latte.'),
      html: expect.stringContaining('<strong>short</strong>'),
      images: [
        {
          url: expect.stringMatching(/^\/api\/assets\//),
          mimeType: 'image/png',
          assetId: expect.any(String),
        },
      ],
      runId: run.id,
      workflowId: id,
      idempotencyKey: `${run.id}:ship`,
      provenance: {
        workflow: { id, name: 'To the hook', version: 1 },
        models: expect.arrayContaining([expect.objectContaining({ model: 'gpt-4o-mini' })]),
        reviews: [
          expect.objectContaining({ action: 'approve', reviewer: 'reviewer@flowpress.test' }),
        ],
      },
    });

    const again = await replayPublish(run.id);
    expect(again.status).toBe('succeeded');
    expect(hook.accepted).toHaveLength(1);
    expect(hook.attempts.map((a) => a.idempotencyKey)).toEqual([
      `${run.id}:ship`,
      `${run.id}:ship`,
    ]);
    expect(receiptOf(again).externalId).toBe('hook-1');
  }, 30_000);

  it('webhook: a 500 then a 200 delivers once', async () => {
    const id = await createWorkflow(
      editor,
      'Flaky hook',
      directGraph({ target: 'webhook', url: hook.url, credentialId: credentials['webhook'] }),
    );
    const before = hook.accepted.length;
    const attempts = hook.attempts.length;
    hook.scriptNext(500);
    const run = await runDirect(editor, id, 'retries');
    expect(run.status).toBe('succeeded');
    expect(hook.attempts.slice(attempts).map((a) => a.status)).toEqual([500, 200]);
    expect(hook.accepted).toHaveLength(before + 1);
    expect(run.nodes.find((n) => n.nodeId === 'ship')!.attempts).toBe(1);
  }, 30_000);

  it('webhook: a 4xx fails clearly without retrying', async () => {
    const id = await createWorkflow(
      editor,
      'Refusing hook',
      directGraph({ target: 'webhook', url: hook.url, credentialId: credentials['webhook'] }),
    );
    const attempts = hook.attempts.length;
    hook.scriptNext(422);
    const run = await runDirect(editor, id, 'refused');
    expect(run.status).toBe('failed');
    expect(shipError(run)).toMatch(/the webhook answered 422.*scripted 422: payload rejected/);
    expect(hook.attempts.length - attempts).toBe(1);
  });

  it('WordPress: media upload, featured image, draft post; a replay finds the post instead of creating one', async () => {
    const id = await createWorkflow(
      editor,
      'To WordPress',
      publishGraph({
        target: 'wordpress',
        credentialId: credentials['wordpress'],
        tags: ['coffee'],
      }),
    );
    const run = await runThroughReview(editor, reviewer, id, 'cortado');
    expect(run.status).toBe('succeeded');
    expect(wp.posts).toHaveLength(1);
    const post = wp.posts[0]!;
    expect(post).toMatchObject({ status: 'draft', title: { raw: 'All about cortado' } });
    expect(post.content.raw).toContain('<strong>short</strong>');
    expect(post.featured_media).toBe(wp.media[0]!.id);
    expect(wp.media).toHaveLength(1);
    expect(wp.tags.map((tag) => tag.name)).toEqual(['coffee']);
    expect(receiptOf(run)).toMatchObject({ target: 'wordpress', externalId: String(post.id) });

    const again = await replayPublish(run.id);
    expect(again.status).toBe('succeeded');
    expect(wp.posts).toHaveLength(1);
    expect(wp.media).toHaveLength(1);
    expect(receiptOf(again).externalId).toBe(String(post.id));
  }, 30_000);

  it("WordPress: a wrong application password fails with the site's own message", async () => {
    const bad = await credential('wordpress', 'Wrong password', {
      username: wp.username,
      applicationPassword: 'nope nope nope',
      baseUrl: wp.url,
    });
    const id = await createWorkflow(
      editor,
      'Bad WP',
      directGraph({ target: 'wordpress', credentialId: bad }),
    );
    const run = await runDirect(editor, id, 'auth');
    expect(run.status).toBe('failed');
    expect(shipError(run)).toMatch(/WordPress answered 401.*check the credential/);
  });

  it('Ghost: Admin API JWT, image upload as feature image; a replay finds the post by slug', async () => {
    const id = await createWorkflow(
      editor,
      'To Ghost',
      publishGraph({ target: 'ghost', credentialId: credentials['ghost'], status: 'publish' }),
    );
    const run = await runThroughReview(editor, reviewer, id, 'flat white');
    expect(run.status).toBe('succeeded');
    expect(ghost.posts).toHaveLength(1);
    expect(ghost.posts[0]).toMatchObject({
      title: 'All about flat white',
      status: 'published',
      feature_image: ghost.images[0]!.url,
    });
    expect(ghost.posts[0]!.html).toContain('<strong>short</strong>');
    const again = await replayPublish(run.id);
    expect(again.status).toBe('succeeded');
    expect(ghost.posts).toHaveLength(1);
    expect(receiptOf(again).externalId).toBe(ghost.posts[0]!.id);
  }, 30_000);

  it('file: markdown with front matter and the image inside <data dir>/exports', async () => {
    const id = await createWorkflow(
      editor,
      'To a file',
      publishGraph({ target: 'file', folder: 'blog/posts' }),
    );
    const run = await runThroughReview(editor, reviewer, id, 'macchiato');
    expect(run.status).toBe('succeeded');
    const receipt = receiptOf(run);
    expect(receipt.externalId).toMatch(/^blog\/posts\/all-about-macchiato-fp-[0-9a-f]{10}\.md$/);
    const file = path.join(t.dataDir, 'exports', receipt.externalId);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^---\n/);
    expect(text).toContain('title: "All about macchiato"');
    expect(text).toContain(`idempotency_key: "${run.id}:ship"`);
    expect(text).toContain('workflow: "{\\"id\\":');
    expect(text).toContain('A **short** piece on macchiato.');
    const slug = path.basename(receipt.externalId, '.md');
    expect(existsSync(path.join(t.dataDir, 'exports', 'blog', 'posts', slug, 'image-1.png'))).toBe(
      true,
    );
  }, 30_000);

  it('a credential of the wrong type, or a missing one, fails the node clearly', async () => {
    const wrong = await createWorkflow(
      editor,
      'Wrong type',
      directGraph({ target: 'webhook', url: hook.url, credentialId: credentials['ghost'] }),
    );
    const run = await runDirect(editor, wrong, 'types');
    expect(run.status).toBe('failed');
    expect(shipError(run)).toBe(
      `credential ${credentials['ghost']} is a "ghost" credential; the webhook target needs a "webhook" credential`,
    );
    const missingId = '00000000-0000-4000-8000-000000000000';
    const missing = await createWorkflow(
      editor,
      'Missing',
      directGraph({ target: 'wordpress', credentialId: missingId }),
    );
    const run2 = await runDirect(editor, missing, 'gone');
    expect(run2.status).toBe('failed');
    expect(shipError(run2)).toMatch(
      new RegExp(
        `credential ${missingId} could not be read: no credential with id ${missingId} exists`,
      ),
    );
  });

  it('credentials in use by these workflows cannot be deleted', async () => {
    const res = await editor.delete(`/api/credentials/${credentials['webhook']}`).expect(409);
    expect(res.body.message).toMatch(/used by \d+ workflows/);
    expect(res.body.message).toContain('"To the hook"');
  });
});

describe.each(databases)(
  'the outbound guard on %s (FLOWPRESS_ALLOW_PRIVATE_NETWORK=false)',
  (database) => {
    let t: TestApp;
    let editor: Client;
    let hook: FakeWebhookReceiver;

    beforeAll(async () => {
      hook = await new FakeWebhookReceiver().start();
      t = await startTestApp({ database, env: { FLOWPRESS_ALLOW_PRIVATE_NETWORK: 'false' } });
      editor = await t.as('editor');
    }, 60_000);
    afterAll(async () => {
      await t?.close();
      await hook?.stop();
    });

    it.each([
      [
        '127.0.0.1',
        () => hook.url,
        /refused: 127\.0\.0\.1 is a loopback address; set FLOWPRESS_ALLOW_PRIVATE_NETWORK=true to allow/,
      ],
      [
        'a name resolving to loopback',
        () => hook.url.replace('127.0.0.1', 'localhost'),
        /refused: .*loopback address; set FLOWPRESS_ALLOW_PRIVATE_NETWORK=true/,
      ],
      [
        '10.x',
        () => 'http://10.1.2.3/hook',
        /refused: 10\.1\.2\.3 is a private .*FLOWPRESS_ALLOW_PRIVATE_NETWORK=true/,
      ],
      [
        'the metadata address',
        () => 'http://169.254.169.254/latest/meta-data/',
        /refused: 169\.254\.169\.254 is a link-local .*FLOWPRESS_ALLOW_PRIVATE_NETWORK=true/,
      ],
    ])(
      'refuses %s with a clear node.failed message and sends nothing',
      async (_what, url, message) => {
        const id = await createWorkflow(
          editor,
          `Guarded ${_what}`,
          directGraph({ target: 'webhook', url: url() }),
        );
        const run = await runDirect(editor, id, 'guard');
        expect(run.status).toBe('failed');
        const ship = run.nodes.find((n) => n.nodeId === 'ship')!;
        expect(ship.status).toBe('failed');
        expect(ship.error?.message).toMatch(message);
        expect(ship.attempts).toBe(1);
        expect(run.error?.message).toMatch(/^ship: /);
        expect(hook.attempts).toHaveLength(0);
      },
    );
  },
);
