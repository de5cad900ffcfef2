import { NodeError } from '../../contract.js';
import { FakeWebhookReceiver } from '../testing/fake-webhook.js';
import { samplePiece, testDeps } from '../testing/fixtures.js';
import { signWebhook, verifyWebhookSignature, webhookAdapter } from './webhook.js';

const SECRET = 'whsec_0123456789abcdef0123456789';

async function caught(promise: Promise<unknown>): Promise<NodeError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof NodeError) return err;
    throw err;
  }
  throw new Error('expected a NodeError');
}

describe('webhook adapter', () => {
  let receiver: FakeWebhookReceiver;
  beforeEach(async () => {
    receiver = await new FakeWebhookReceiver({ secret: SECRET }).start();
  });
  afterEach(() => receiver.stop());

  it('posts a signed JSON payload the receiver verifies', async () => {
    const receipt = await webhookAdapter.publish(
      samplePiece(),
      { url: receiver.url, secret: SECRET },
      testDeps(),
    );
    expect(receiver.accepted).toHaveLength(1);
    const delivery = receiver.accepted[0];
    expect(delivery?.headers['idempotency-key']).toBe('run-1:ship');
    expect(delivery?.headers['x-flowpress-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(delivery?.payload).toMatchObject({
      title: 'Spring Launch Notes',
      markdown: expect.stringContaining('**three**'),
      html: expect.stringContaining('<strong>three</strong>'),
      images: [{ url: '/api/assets/a1', mimeType: 'image/png', assetId: 'a1', alt: 'Hero' }],
      runId: 'run-1',
      workflowId: 'wf-1',
      provenance: { workflowVersion: 3, model: 'offline' },
      publishedAt: receipt.publishedAt,
    });
    expect(receipt).toEqual({
      target: 'webhook',
      externalId: 'hook-1',
      url: 'https://receiver.example/posts/hook-1',
      publishedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('retries a 500 with the same Idempotency-Key and is accepted exactly once', async () => {
    receiver.scriptNext(500, 200);
    const deps = testDeps();
    const receipt = await webhookAdapter.publish(
      samplePiece(),
      { url: receiver.url, secret: SECRET },
      deps,
    );
    expect(receiver.attempts.map((a) => a.status)).toEqual([500, 200]);
    expect(new Set(receiver.attempts.map((a) => a.idempotencyKey))).toEqual(
      new Set(['run-1:ship']),
    );
    expect(receiver.attempts.every((a) => a.signatureValid)).toBe(true);
    expect(receiver.accepted).toHaveLength(1);
    expect(receipt.externalId).toBe('hook-1');
    expect(deps.logs.some((l) => l.includes('retrying'))).toBe(true);
  });

  it('does not deliver twice when published again with the same key', async () => {
    await webhookAdapter.publish(samplePiece(), { url: receiver.url, secret: SECRET }, testDeps());
    const again = await webhookAdapter.publish(
      samplePiece(),
      { url: receiver.url, secret: SECRET },
      testDeps(),
    );
    expect(receiver.accepted).toHaveLength(1);
    expect(again.externalId).toBe('hook-1');
  });

  it('fails a 400 at once, with the status and the body in the message', async () => {
    receiver.scriptNext(400);
    const err = await caught(
      webhookAdapter.publish(samplePiece(), { url: receiver.url, secret: SECRET }, testDeps()),
    );
    expect(receiver.attempts).toHaveLength(1);
    expect(receiver.accepted).toHaveLength(0);
    expect(err.retryable).toBe(false);
    expect(err.options.code).toBe('http_400');
    expect(err.message).toBe(
      'the webhook answered 400 Bad Request: scripted 400: payload rejected',
    );
  });

  it('gives up after the retries with a retryable error', async () => {
    receiver.scriptNext(503, 503, 503);
    const err = await caught(
      webhookAdapter.publish(
        samplePiece(),
        { url: receiver.url, secret: SECRET },
        testDeps({ retry: { retries: 2, minDelayMs: 1 } }),
      ),
    );
    expect(receiver.attempts).toHaveLength(3);
    expect(err.retryable).toBe(true);
    expect(err.message).toContain('503');
  });

  it('is refused by a receiver checking a different secret', async () => {
    const err = await caught(
      webhookAdapter.publish(
        samplePiece(),
        { url: receiver.url, secret: 'another-secret-value' },
        testDeps(),
      ),
    );
    expect(err.message).toContain('401');
    expect(err.message).toContain('invalid signature');
  });

  it('refuses loopback when private networking is not allowed', async () => {
    const err = await caught(
      webhookAdapter.publish(
        samplePiece(),
        { url: receiver.url, secret: SECRET },
        testDeps({ allowPrivateNetwork: false }),
      ),
    );
    expect(err.message).toBe(
      'the webhook: refused: 127.0.0.1 is a loopback address; set FLOWPRESS_ALLOW_PRIVATE_NETWORK=true to allow',
    );
    expect(err.retryable).toBe(false);
    expect(receiver.attempts).toHaveLength(0);
  });
});

describe('verifyWebhookSignature', () => {
  const now = Date.parse('2030-01-01T00:00:00Z');
  const timestamp = String(now / 1000);
  const body = '{"title":"x"}';
  const header = signWebhook(SECRET, timestamp, body);

  it('accepts the signature of the exact body', () => {
    expect(verifyWebhookSignature(SECRET, timestamp, body, header, { now })).toBe(true);
    expect(verifyWebhookSignature(SECRET, timestamp, Buffer.from(body), header, { now })).toBe(
      true,
    );
  });

  it('refuses a changed body, another secret, a stale timestamp, or no header', () => {
    expect(verifyWebhookSignature(SECRET, timestamp, '{"title":"y"}', header, { now })).toBe(false);
    expect(verifyWebhookSignature('other', timestamp, body, header, { now })).toBe(false);
    expect(verifyWebhookSignature(SECRET, timestamp, body, header, { now: now + 301_000 })).toBe(
      false,
    );
    expect(verifyWebhookSignature(SECRET, timestamp, body, undefined, { now })).toBe(false);
    expect(verifyWebhookSignature(SECRET, 'soon', body, header, { now })).toBe(false);
  });
});
