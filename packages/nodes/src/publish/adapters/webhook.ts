/**
 * Webhook target: POST the piece as JSON, signed like Stripe/GitHub webhooks so the receiver can
 * trust it: `X-Flowpress-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`. Retried with
 * backoff on 5xx and timeouts with the same `Idempotency-Key`; a 4xx fails at once.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { withRetry } from '../../net/retry.js';
import { field, readJson, retryOptions, send } from '../http.js';
import { sourcesPayload } from '../sources.js';
import type { PublishAdapter, PublishPiece } from '../types.js';

export const SIGNATURE_HEADER = 'X-Flowpress-Signature';
export const TIMESTAMP_HEADER = 'X-Flowpress-Timestamp';
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** `sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>` */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface VerifyOptions {
  /** Refuse timestamps further than this from now (replay protection); default 300 s. */
  toleranceSeconds?: number;
  now?: number;
}

/**
 * For receivers: true when `header` is the signature of `body` (the raw request body, exactly as
 * received) at `timestamp` with `secret`, and the timestamp is recent. Constant-time comparison.
 */
export function verifyWebhookSignature(
  secret: string,
  timestamp: string,
  body: string | Buffer,
  header: string | null | undefined,
  options: VerifyOptions = {},
): boolean {
  if (!header || !/^\d+$/.test(timestamp)) return false;
  const tolerance = options.toleranceSeconds ?? 300;
  const nowSeconds = Math.floor((options.now ?? Date.now()) / 1000);
  if (Math.abs(nowSeconds - Number(timestamp)) > tolerance) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body.toString()));
  const given = Buffer.from(header.trim());
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The JSON body the receiver gets. */
export function webhookPayload(piece: PublishPiece, publishedAt: string): Record<string, unknown> {
  return {
    event: 'publish',
    title: piece.title,
    slug: piece.slug,
    markdown: piece.markdown,
    html: piece.html,
    images: piece.images.map((image) => ({
      url: image.url,
      mimeType: image.mimeType,
      ...(image.assetId ? { assetId: image.assetId } : {}),
      ...(image.alt ? { alt: image.alt } : {}),
    })),
    tags: piece.tags ?? [],
    runId: piece.runId,
    workflowId: piece.workflowId,
    idempotencyKey: piece.idempotencyKey,
    provenance: piece.provenance,
    /** The numbered passages the text cites: `[n]` in `markdown` is `sources[i].n`. */
    sources: sourcesPayload(piece.sources ?? []),
    publishedAt,
  };
}

export const webhookAdapter: PublishAdapter<'webhook'> = {
  target: 'webhook',
  async publish(piece, settings, deps) {
    const publishedAt = (deps.now?.() ?? new Date()).toISOString();
    const body = JSON.stringify(webhookPayload(piece, publishedAt));
    const response = await withRetry(async () => {
      const timestamp = String(Math.floor((deps.now?.() ?? new Date()).getTime() / 1000));
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'user-agent': 'Flowpress-Webhook/1',
        [IDEMPOTENCY_HEADER]: piece.idempotencyKey,
        [TIMESTAMP_HEADER]: timestamp,
      };
      if (settings.secret)
        headers[SIGNATURE_HEADER] = signWebhook(settings.secret, timestamp, body);
      return send(deps, { method: 'POST', url: settings.url, headers, body, what: 'the webhook' });
    }, retryOptions(deps));
    // The receiver may answer { id, url }; otherwise the key and the hook's URL identify the post.
    let answer: unknown;
    try {
      answer = response.body.length > 0 ? readJson(response, 'the webhook') : undefined;
    } catch {
      answer = undefined;
    }
    const id = field(answer, 'id');
    const url = field(answer, 'url');
    return {
      target: 'webhook',
      externalId:
        typeof id === 'string' || typeof id === 'number' ? String(id) : piece.idempotencyKey,
      url: typeof url === 'string' && url ? url : settings.url,
      publishedAt,
    };
  },
};
