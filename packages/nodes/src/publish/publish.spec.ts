import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { NodeError, type NodeResult } from '../contract.js';
import { publishConfigSchema, publishDefinition, type PublishConfig } from './definition.js';
import { createPublishExecutor } from './executor.js';
import { publishServices } from './services.js';
import {
  fakePublishServices,
  memoryCredentials,
  MemoryLibrary,
  publishContext,
} from './testing/context.js';
import { FakeWebhookReceiver } from './testing/fake-webhook.js';
import { FakeWordPress } from './testing/fake-wordpress.js';
import { startFakeServer } from './testing/http.js';
import { PNG_BYTES } from './testing/fixtures.js';

const CRED = '6f1c2b9e-3d4a-4f5b-9c8d-7e6f5a4b3c2d';
const executor = createPublishExecutor({
  retry: { minDelayMs: 1, maxDelayMs: 4 },
  timeoutMs: 5_000,
});

function messages(data: unknown): string[] {
  const result = publishConfigSchema.safeParse(data);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

function receiptOf(result: NodeResult): Record<string, unknown> {
  if (!('output' in result)) throw new Error('expected an output');
  return result.output.receipt as Record<string, unknown>;
}

async function caught(promise: Promise<unknown>): Promise<NodeError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof NodeError) return err;
    throw err;
  }
  throw new Error('expected a NodeError');
}

describe('publish definition', () => {
  it('describes a side-effecting publish node', () => {
    expect(publishDefinition).toMatchObject({
      type: 'publish',
      category: 'publish',
      icon: 'send',
      sideEffects: true,
      inputs: [{ name: 'content', type: 'any', multiple: true }],
      outputs: [{ name: 'receipt', type: 'json' }],
      templateFields: ['title', 'content'],
    });
    expect(publishConfigSchema.parse(publishDefinition.defaults)).toEqual({ target: 'library' });
    const schema = z.toJSONSchema(publishConfigSchema, { io: 'input' });
    expect(JSON.stringify(schema)).toContain('"const":"wordpress"');
  });

  it("checks each target's settings with clear messages", () => {
    expect(messages({ target: 'medium' })).toEqual([
      'target: target must be one of library, webhook, wordpress, ghost, file',
    ]);
    expect(messages({ target: 'webhook' })).toEqual(['url: a webhook target needs a url']);
    expect(messages({ target: 'webhook', url: 'ftp://example.com/x' })).toEqual([
      'url: url must be an http(s) URL',
    ]);
    expect(messages({ target: 'wordpress' })).toEqual([
      'credentialId: a WordPress target needs credentialId: a WordPress credential (username + application password)',
    ]);
    expect(messages({ target: 'ghost', credentialId: 'nope' })).toEqual([
      'credentialId: credentialId must be the id of a saved credential',
    ]);
    expect(messages({ target: 'file', folder: '../etc' })).toEqual([
      'folder: folder must stay inside the export directory: no "..", no absolute path',
    ]);
    expect(messages({ target: 'library', status: 'live' })).toEqual([
      'status: status must be "draft" or "publish"',
    ]);
    expect(
      messages({
        target: 'wordpress',
        credentialId: CRED,
        baseUrl: 'https://blog.example',
        categories: [3],
      }),
    ).toEqual([]);
    expect(
      messages({
        target: 'webhook',
        url: 'https://example.com/hook',
        credentialId: CRED,
        title: '{{brief.topic}}',
      }),
    ).toEqual([]);
  });
});

describe('publish executor', () => {
  it('publishes upstream text to the library with title, sanitized HTML and provenance', async () => {
    const library = new MemoryLibrary();
    const ctx = publishContext({
      config: { target: 'library' },
      inputs: { content: ['# Hello <i>World</i>\n\nBody with <script>x()</script> **bold**.'] },
      publish: fakePublishServices({ library }),
    });
    const receipt = receiptOf(await executor.execute(ctx));
    expect(receipt).toMatchObject({ target: 'library', externalId: 'lib-1' });
    const entry = library.entries.get('run-1:ship');
    expect(entry).toMatchObject({
      title: 'Hello World',
      status: 'publish',
      runId: 'run-1',
      workflowId: 'wf-1',
      provenance: { workflowVersion: 3, model: 'offline', runId: 'run-1' },
    });
    expect(entry?.slug).toMatch(/^hello-world-fp-[0-9a-f]{10}$/);
    expect(entry?.html).toBe('<p>Body with  <strong>bold</strong>.</p>\n');
    expect(ctx.events).toContainEqual({
      type: 'log',
      level: 'info',
      message: 'published to library: /library/' + entry?.slug,
    });
  });

  it('uses the content template, tags and the disclosure line', async () => {
    const library = new MemoryLibrary();
    const config: PublishConfig = {
      target: 'library',
      title: 'Set title',
      content: 'Rendered body',
      tags: ['a'],
      disclosure: true,
      status: 'draft',
    };
    await executor.execute(
      publishContext({
        config,
        inputs: { content: 'ignored' },
        publish: fakePublishServices({ library }),
      }),
    );
    const entry = library.entries.get('run-1:ship');
    expect(entry).toMatchObject({ title: 'Set title', tags: ['a'], status: 'draft' });
    expect(entry?.markdown).toBe(
      'Rendered body\n\n---\n\n_AI-assisted: this piece was produced with the help of AI._\n',
    );
  });

  it('loads image bytes from the asset store and through the outbound guard', async () => {
    const cdn = await startFakeServer(() => ({
      status: 200,
      headers: { 'content-type': 'image/jpeg' },
      body: Buffer.from('jpeg!'),
    }));
    const exportDir = await mkdtemp(path.join(tmpdir(), 'flowpress-img-'));
    try {
      const assets = { read: async () => ({ data: PNG_BYTES, mimeType: 'image/png' }) };
      const inputs = {
        content: [
          { text: '# Pics\n\nBody' },
          {
            images: [
              { assetId: 'a1', url: '/api/assets/a1', mimeType: 'image/png' },
              { url: `${cdn.url}/b.jpg`, mimeType: 'image/jpeg' },
            ],
          },
        ],
      };
      const config: PublishConfig = { target: 'file' };
      const services = fakePublishServices({ exportDir, assets });
      const receipt = receiptOf(
        await executor.execute(publishContext({ config, inputs, publish: services })),
      );
      const dir = path.join(exportDir, String(receipt.externalId).replace(/\.md$/, ''));
      expect(await readFile(path.join(dir, 'image-1.png'))).toEqual(PNG_BYTES);
      expect(await readFile(path.join(dir, 'image-2.jpg'), 'utf8')).toBe('jpeg!');

      const strict = fakePublishServices({ exportDir, assets, allowPrivateNetwork: false });
      const ctx = publishContext({ config, inputs, publish: strict, idempotencyKey: 'run-2:ship' });
      await executor.execute(ctx);
      expect(ctx.events).toContainEqual(
        expect.objectContaining({
          level: 'warn',
          message: expect.stringContaining('127.0.0.1 is a loopback address'),
        }),
      );

      // Targets that do not upload get the image references only.
      const library = new MemoryLibrary();
      let reads = 0;
      const read = async () => {
        reads += 1;
        return assets.read();
      };
      await executor.execute(
        publishContext({
          config: { target: 'library' },
          inputs,
          publish: fakePublishServices({ library, assets: { read } }),
        }),
      );
      expect(reads).toBe(0);
      expect(library.entries.get('run-1:ship')?.images.map((i) => i.url)).toEqual([
        '/api/assets/a1',
        `${cdn.url}/b.jpg`,
      ]);
    } finally {
      await cdn.close();
      await rm(exportDir, { recursive: true, force: true });
    }
  });

  it('fails clearly without publishing services or content', async () => {
    const missing = await caught(
      executor.execute(
        publishContext({ config: { target: 'library' }, inputs: { content: 'x' }, publish: null }),
      ),
    );
    expect(missing.options.code).toBe('publish_services_missing');
    expect(() =>
      publishServices(publishContext({ config: { target: 'library' }, publish: null })),
    ).toThrow('NodeServices.publish');
    const empty = await caught(
      executor.execute(
        publishContext({ config: { target: 'library' }, inputs: { content: [{ images: [] }] } }),
      ),
    );
    expect(empty.message).toBe(
      'nothing to publish: connect a node with text to "content" or set the content template',
    );
  });

  it('publishes to WordPress once across two executions with the same idempotency key', async () => {
    const wp = await new FakeWordPress().start();
    try {
      const credentials = memoryCredentials({
        [CRED]: {
          type: 'wordpress',
          data: {
            username: wp.username,
            applicationPassword: wp.applicationPassword,
            baseUrl: wp.url,
          },
        },
      });
      const config: PublishConfig = { target: 'wordpress', credentialId: CRED, status: 'publish' };
      const inputs = {
        content: [
          '# Launch day\n\nIt shipped.',
          { images: [{ assetId: 'a1', url: '/api/assets/a1', mimeType: 'image/png' }] },
        ],
      };
      const services = fakePublishServices({
        credentials,
        assets: { read: async () => ({ data: PNG_BYTES, mimeType: 'image/png' }) },
      });
      const first = receiptOf(
        await executor.execute(publishContext({ config, inputs, publish: services })),
      );
      const second = receiptOf(
        await executor.execute(publishContext({ config, inputs, publish: services })),
      );
      expect(second).toEqual(first);
      expect(wp.posts).toHaveLength(1);
      expect(wp.posts[0]?.featured_media).toBe(wp.media[0]?.id);
      expect(first).toMatchObject({
        target: 'wordpress',
        externalId: String(wp.posts[0]?.id),
        url: wp.posts[0]?.link,
      });
    } finally {
      await wp.stop();
    }
  });

  it('explains credential problems', async () => {
    const inputs = { content: 'Body' };
    const wrongType = fakePublishServices({
      credentials: memoryCredentials({ [CRED]: { type: 'ghost', data: {} } }),
    });
    const a = await caught(
      executor.execute(
        publishContext({
          config: { target: 'wordpress', credentialId: CRED },
          inputs,
          publish: wrongType,
        }),
      ),
    );
    expect(a.message).toBe(
      `credential ${CRED} is a "ghost" credential; the wordpress target needs a "wordpress" credential`,
    );
    const b = await caught(
      executor.execute(publishContext({ config: { target: 'ghost', credentialId: CRED }, inputs })),
    );
    expect(b.message).toBe(`credential ${CRED} could not be read: credential ${CRED} not found`);
    const noBase = fakePublishServices({
      credentials: memoryCredentials({
        [CRED]: { type: 'wordpress', data: { username: 'u', applicationPassword: 'p' } },
      }),
    });
    const c = await caught(
      executor.execute(
        publishContext({
          config: { target: 'wordpress', credentialId: CRED },
          inputs,
          publish: noBase,
        }),
      ),
    );
    expect(c.message).toBe(
      'the WordPress target needs a baseUrl, in the node or in its credential',
    );
  });

  it('signs webhooks with the credential secret and refuses private addresses unless allowed', async () => {
    const secret = 'whsec_abcdefghijklmnop';
    const receiver = await new FakeWebhookReceiver({ secret }).start();
    try {
      const credentials = memoryCredentials({
        [CRED]: { type: 'webhook', data: { secret, baseUrl: new URL(receiver.url).origin } },
      });
      const config: PublishConfig = { target: 'webhook', url: receiver.url, credentialId: CRED };
      const receipt = receiptOf(
        await executor.execute(
          publishContext({
            config,
            inputs: { content: 'Hi' },
            publish: fakePublishServices({ credentials }),
          }),
        ),
      );
      expect(receipt).toMatchObject({ target: 'webhook', externalId: 'hook-1' });
      expect(receiver.attempts).toEqual([
        { status: 200, idempotencyKey: 'run-1:ship', signatureValid: true },
      ]);

      const strict = fakePublishServices({ credentials, allowPrivateNetwork: false });
      const err = await caught(
        executor.execute(publishContext({ config, inputs: { content: 'Hi' }, publish: strict })),
      );
      // A signed request needs https: before the guard even looks at the (loopback) address.
      expect(err.message).toBe(
        'url: a target that uses a credential must use https: (FLOWPRESS_ALLOW_PRIVATE_NETWORK=true allows http for tests and intranets)',
      );
      expect(err.retryable).toBe(false);
      const unsigned = await caught(
        executor.execute(
          publishContext({
            config: { target: 'webhook', url: receiver.url },
            inputs: { content: 'Hi' },
            publish: strict,
          }),
        ),
      );
      expect(unsigned.message).toBe(
        'the webhook: refused: 127.0.0.1 is a loopback address; set FLOWPRESS_ALLOW_PRIVATE_NETWORK=true to allow',
      );
    } finally {
      await receiver.stop();
    }
  });

  it('exports to a file inside the export directory', async () => {
    const exportDir = await mkdtemp(path.join(tmpdir(), 'flowpress-exec-'));
    try {
      const services = fakePublishServices({ exportDir });
      const result = await executor.execute(
        publishContext({
          config: { target: 'file', folder: 'out' },
          inputs: { content: '# T\n\nBody' },
          publish: services,
        }),
      );
      const receipt = receiptOf(result);
      expect(receipt.externalId).toMatch(/^out\/t-fp-[0-9a-f]{10}\.md$/);
      expect(await readFile(path.join(exportDir, String(receipt.externalId)), 'utf8')).toContain(
        'title: "T"',
      );
    } finally {
      await rm(exportDir, { recursive: true, force: true });
    }
  });
});
