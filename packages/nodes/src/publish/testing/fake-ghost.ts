/**
 * An in-memory Ghost Admin API written from Ghost's public docs: `Authorization: Ghost <jwt>`
 * verified independently of the code under test (HS256 with the hex-decoded secret, `kid` = key
 * id, `aud` = "/admin/", not expired, at most 5 minutes long), posts with slug lookups and
 * `?source=html`, multipart image uploads, and Ghost's `{ errors: [...] }` error shape.
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import {
  jsonBody,
  parseMultipart,
  startFakeServer,
  type FakeReply,
  type FakeRequest,
  type RunningFake,
} from './http.js';

export interface GhostPost {
  id: string;
  uuid: string;
  title: string;
  slug: string;
  html: string;
  status: 'draft' | 'published' | 'scheduled';
  url: string;
  feature_image: string | null;
  tags: { name: string; slug: string }[];
  published_at: string | null;
  created_at: string;
  updated_at: string;
}

function ghostError(status: number, type: string, message: string, context?: string): FakeReply {
  return { status, body: { errors: [{ message, context: context ?? null, type }] } };
}

function decodeSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export class FakeGhost {
  readonly keyId: string;
  readonly secretHex: string;
  readonly posts: GhostPost[] = [];
  readonly images: { url: string; filename: string; bytes: number; contentType: string }[] = [];
  private failures: number[] = [];
  private running?: RunningFake;

  constructor(options: { adminApiKey?: string } = {}) {
    const [id, secret] = (
      options.adminApiKey ?? `${randomBytes(12).toString('hex')}:${randomBytes(32).toString('hex')}`
    ).split(':');
    this.keyId = id ?? '';
    this.secretHex = secret ?? '';
  }

  /** The Admin API key an integration would show: `id:secret`. */
  get adminApiKey(): string {
    return `${this.keyId}:${this.secretHex}`;
  }

  get url(): string {
    if (!this.running) throw new Error('FakeGhost is not started');
    return this.running.url;
  }

  get requests(): FakeRequest[] {
    return this.running?.requests ?? [];
  }

  async start(): Promise<this> {
    this.running = await startFakeServer((request) => this.handle(request));
    return this;
  }

  async stop(): Promise<void> {
    await this.running?.close();
  }

  failNext(...statuses: number[]): void {
    this.failures.push(...statuses);
  }

  /** Verifies the Admin API JWT; answers the error reply, or null when the token is good. */
  verify(header: string | undefined, nowMs: number = Date.now()): FakeReply | null {
    const match = header ? /^Ghost\s+(\S+)$/.exec(header) : null;
    if (!match?.[1]) {
      return ghostError(
        401,
        'UnauthorizedError',
        'Authorization header format is "Authorization: Ghost [token]"',
      );
    }
    const parts = match[1].split('.');
    if (parts.length !== 3)
      return ghostError(401, 'BadRequestError', 'Invalid token', 'jwt malformed');
    const [h = '', p = '', s = ''] = parts;
    const head = decodeSegment(h);
    const payload = decodeSegment(p);
    if (!head || !payload)
      return ghostError(401, 'BadRequestError', 'Invalid token', 'jwt malformed');
    if (head.alg !== 'HS256')
      return ghostError(401, 'UnauthorizedError', 'Invalid token', 'invalid algorithm');
    if (head.kid !== this.keyId)
      return ghostError(401, 'UnauthorizedError', 'Unknown Admin API Key');
    const expected = createHmac('sha256', Buffer.from(this.secretHex, 'hex'))
      .update(`${h}.${p}`)
      .digest();
    const given = Buffer.from(s, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return ghostError(401, 'UnauthorizedError', 'Invalid token', 'invalid signature');
    }
    if (payload.aud !== '/admin/')
      return ghostError(401, 'UnauthorizedError', 'Invalid token', 'jwt audience invalid');
    const now = Math.floor(nowMs / 1000);
    const { iat, exp } = payload;
    if (typeof iat !== 'number' || typeof exp !== 'number')
      return ghostError(401, 'UnauthorizedError', 'Invalid token', 'iat and exp are required');
    if (exp <= now) return ghostError(401, 'UnauthorizedError', 'Invalid token', 'jwt expired');
    if (exp - iat > 5 * 60)
      return ghostError(401, 'UnauthorizedError', 'Invalid token', 'maxAge exceeded');
    return null;
  }

  private handle(request: FakeRequest): FakeReply {
    const failure = this.failures.shift();
    if (failure !== undefined)
      return ghostError(failure, 'InternalServerError', 'Something went wrong.');
    const denied = this.verify(request.headers.authorization);
    if (denied) return denied;
    const path = request.url.pathname;
    if (!path.startsWith('/ghost/api/admin/'))
      return ghostError(404, 'NotFoundError', 'Resource not found');
    const route = path.slice('/ghost/api/admin/'.length);
    const bySlug = /^posts\/slug\/([^/]+)\/$/.exec(route);
    if (request.method === 'GET' && bySlug?.[1]) {
      const post = this.posts.find((p) => p.slug === decodeURIComponent(bySlug[1] ?? ''));
      return post
        ? { status: 200, body: { posts: [post] } }
        : ghostError(404, 'NotFoundError', 'Post not found.');
    }
    if (request.method === 'POST' && route === 'posts/') return this.createPost(request);
    if (request.method === 'POST' && route === 'images/upload/') return this.upload(request);
    return ghostError(404, 'NotFoundError', 'Resource not found');
  }

  private createPost(request: FakeRequest): FakeReply {
    const body = jsonBody(request) as { posts?: unknown } | undefined;
    const input = Array.isArray(body?.posts)
      ? (body.posts[0] as Record<string, unknown> | undefined)
      : undefined;
    if (!input) return ghostError(422, 'ValidationError', "No root key ('posts') provided.");
    if (typeof input.title !== 'string' || !input.title)
      return ghostError(
        422,
        'ValidationError',
        'Validation error, cannot save post.',
        'Value in [posts.title] cannot be blank.',
      );
    const status = input.status ?? 'draft';
    if (status !== 'draft' && status !== 'published' && status !== 'scheduled') {
      return ghostError(
        422,
        'ValidationError',
        'Validation error, cannot save post.',
        `Value in [posts.status] must be one of draft, published, scheduled.`,
      );
    }
    if (request.url.searchParams.get('source') !== 'html' && typeof input.html === 'string') {
      // Without ?source=html Ghost ignores `html` and keeps an empty post.
      input.html = '';
    }
    let slug =
      typeof input.slug === 'string' && input.slug
        ? input.slug
        : input.title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const base = slug;
    for (let n = 2; this.posts.some((p) => p.slug === slug); n += 1) slug = `${base}-${n}`;
    const now = new Date().toISOString();
    const uuid = randomUUID();
    const tags = Array.isArray(input.tags)
      ? input.tags.map((t) => {
          const name = typeof t === 'string' ? t : String((t as { name?: unknown }).name ?? '');
          return { name, slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-') };
        })
      : [];
    const post: GhostPost = {
      id: randomBytes(12).toString('hex'),
      uuid,
      title: input.title,
      slug,
      html: typeof input.html === 'string' ? input.html : '',
      status,
      url: status === 'published' ? `${this.url}/${slug}/` : `${this.url}/p/${uuid}/`,
      feature_image: typeof input.feature_image === 'string' ? input.feature_image : null,
      tags,
      published_at: status === 'published' ? now : null,
      created_at: now,
      updated_at: now,
    };
    this.posts.push(post);
    return { status: 201, body: { posts: [post] } };
  }

  private upload(request: FakeRequest): FakeReply {
    const fields = parseMultipart(request);
    const file = fields?.find((f) => f.name === 'file' && f.filename);
    if (!file?.filename) return ghostError(422, 'ValidationError', 'Please select an image.');
    const contentType = file.contentType ?? '';
    if (!/^image\/(png|jpeg|gif|webp|svg\+xml|x-icon|vnd\.microsoft\.icon)$/.test(contentType)) {
      return ghostError(415, 'UnsupportedMediaTypeError', 'Please select a valid image.');
    }
    const url = `${this.url}/content/images/2030/01/${file.filename}`;
    this.images.push({ url, filename: file.filename, bytes: file.data.length, contentType });
    const ref = fields?.find((f) => f.name === 'ref')?.data.toString('utf8') ?? null;
    return { status: 201, body: { images: [{ url, ref }] } };
  }
}
