/**
 * A webhook receiver that does what the README asks of real ones: checks the HMAC signature
 * (computed here independently), refuses stale timestamps, and accepts each Idempotency-Key once.
 * It can be scripted to answer failures first (`script: [500, 200]`).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { startFakeServer, type FakeReply, type FakeRequest, type RunningFake } from './http.js';

export interface WebhookAttempt {
  status: number;
  idempotencyKey: string | undefined;
  signatureValid: boolean;
}

export interface AcceptedDelivery {
  id: string;
  idempotencyKey: string;
  payload: Record<string, unknown>;
  headers: FakeRequest['headers'];
}

export class FakeWebhookReceiver {
  readonly attempts: WebhookAttempt[] = [];
  readonly accepted: AcceptedDelivery[] = [];
  private readonly script: number[];
  private running?: RunningFake;

  constructor(
    private readonly options: {
      secret?: string;
      script?: number[];
      toleranceSeconds?: number;
    } = {},
  ) {
    this.script = [...(options.script ?? [])];
  }

  get url(): string {
    if (!this.running) throw new Error('FakeWebhookReceiver is not started');
    return `${this.running.url}/hooks/flowpress`;
  }

  async start(): Promise<this> {
    this.running = await startFakeServer((request) => this.handle(request));
    return this;
  }

  async stop(): Promise<void> {
    await this.running?.close();
  }

  /** Queues statuses the next deliveries get before the receiver behaves normally. */
  scriptNext(...statuses: number[]): void {
    this.script.push(...statuses);
  }

  private signatureValid(request: FakeRequest): boolean {
    const secret = this.options.secret;
    if (!secret) return true;
    const timestamp = String(request.headers['x-flowpress-timestamp'] ?? '');
    const header = String(request.headers['x-flowpress-signature'] ?? '');
    if (!/^\d+$/.test(timestamp)) return false;
    if (Math.abs(Date.now() / 1000 - Number(timestamp)) > (this.options.toleranceSeconds ?? 300))
      return false;
    const mac = createHmac('sha256', secret)
      .update(timestamp)
      .update('.')
      .update(request.body)
      .digest('hex');
    const expected = Buffer.from(`sha256=${mac}`);
    const given = Buffer.from(header);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  private handle(request: FakeRequest): FakeReply {
    const key = request.headers['idempotency-key'];
    const idempotencyKey = typeof key === 'string' ? key : undefined;
    const signatureValid = this.signatureValid(request);
    const reply = this.answer(request, idempotencyKey, signatureValid);
    this.attempts.push({ status: reply.status, idempotencyKey, signatureValid });
    return reply;
  }

  private answer(
    request: FakeRequest,
    idempotencyKey: string | undefined,
    signatureValid: boolean,
  ): FakeReply {
    if (request.method !== 'POST') return { status: 405, body: { error: 'POST only' } };
    if (!signatureValid) return { status: 401, body: { error: 'invalid signature' } };
    const scripted = this.script.shift();
    if (scripted !== undefined && scripted !== 200) {
      return {
        status: scripted,
        body:
          scripted < 500
            ? { error: `scripted ${scripted}: payload rejected` }
            : 'upstream unavailable',
      };
    }
    if (!idempotencyKey)
      return { status: 400, body: { error: 'Idempotency-Key header is required' } };
    const previous = this.accepted.find((d) => d.idempotencyKey === idempotencyKey);
    if (previous)
      return {
        status: 200,
        body: {
          id: previous.id,
          url: `https://receiver.example/posts/${previous.id}`,
          duplicate: true,
        },
      };
    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse(request.body.toString('utf8')) as Record<string, unknown>;
    } catch {
      return { status: 400, body: { error: 'body is not JSON' } };
    }
    const id = `hook-${this.accepted.length + 1}`;
    this.accepted.push({ id, idempotencyKey, payload, headers: request.headers });
    return { status: 200, body: { id, url: `https://receiver.example/posts/${id}` } };
  }
}
