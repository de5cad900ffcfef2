/**
 * An in-memory WordPress REST API (wp/v2 posts, media, tags) written from the public handbook:
 * application passwords over Basic auth (spaces ignored), `status=any` needing authentication,
 * `slug` lookups, raw-body media uploads with Content-Disposition, `term_exists` on duplicate
 * tags, and the `{ code, message, data: { status } }` error shape. Can be scripted to fail.
 */
import {
  jsonBody,
  startFakeServer,
  type FakeReply,
  type FakeRequest,
  type RunningFake,
} from './http.js';

export interface WpPost {
  id: number;
  date_gmt: string;
  slug: string;
  status: string;
  link: string;
  title: { raw: string; rendered: string };
  content: { raw: string; rendered: string };
  featured_media: number;
  categories: number[];
  tags: number[];
}

export interface WpMedia {
  id: number;
  slug: string;
  source_url: string;
  mime_type: string;
  media_type: 'image' | 'file';
  alt_text: string;
  bytes: number;
}

export interface FakeWordPressOptions {
  username?: string;
  /** As WordPress shows it, with spaces: "abcd efgh ijkl mnop qrst uvwx". */
  applicationPassword?: string;
}

const STATUSES = ['publish', 'future', 'draft', 'pending', 'private'];

function wpError(
  status: number,
  code: string,
  message: string,
  data: Record<string, unknown> = {},
): FakeReply {
  return { status, body: { code, message, data: { status, ...data } } };
}

function sanitizeSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export class FakeWordPress {
  readonly username: string;
  readonly applicationPassword: string;
  readonly posts: WpPost[] = [];
  readonly media: WpMedia[] = [];
  readonly tags: { id: number; name: string; slug: string }[] = [];
  private nextId = 100;
  private failures: number[] = [];
  private targeted: { method: string; route: string; status: number }[] = [];
  private running?: RunningFake;

  constructor(options: FakeWordPressOptions = {}) {
    this.username = options.username ?? 'editor';
    this.applicationPassword = options.applicationPassword ?? 'abcd EFGH 1234 ijkl MNOP 5678';
  }

  get url(): string {
    if (!this.running) throw new Error('FakeWordPress is not started');
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

  /** The next requests answer these statuses (e.g. `[500, 503]`) before normal service resumes. */
  failNext(...statuses: number[]): void {
    this.failures.push(...statuses);
  }

  /** The next `METHOD route` requests (route as in `posts`, `media`) answer these statuses. */
  failOn(method: string, route: string, ...statuses: number[]): void {
    for (const status of statuses) this.targeted.push({ method, route, status });
  }

  /** An error reply when the credentials are wrong; whether the request is signed in otherwise. */
  private authenticate(request: FakeRequest): FakeReply | 'anonymous' | 'ok' {
    const header = request.headers.authorization;
    if (!header) return 'anonymous';
    const match = /^Basic\s+(.+)$/i.exec(header);
    if (!match?.[1]) return wpError(401, 'rest_not_logged_in', 'You are not currently logged in.');
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const user = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1).replace(/[^a-z\d]/gi, '');
    if (user !== this.username) {
      return wpError(
        401,
        'invalid_username',
        'Unknown username. Check again or try your email address.',
      );
    }
    if (password !== this.applicationPassword.replace(/[^a-z\d]/gi, '')) {
      return wpError(
        401,
        'incorrect_password',
        'The provided password is an invalid application password.',
      );
    }
    return 'ok';
  }

  private handle(request: FakeRequest): FakeReply {
    const failure = this.failures.shift();
    if (failure !== undefined)
      return wpError(
        failure,
        'internal_server_error',
        'There has been a critical error on this website.',
      );
    const auth = this.authenticate(request);
    if (typeof auth === 'object') return auth;
    const signedIn = auth === 'ok';
    const route = request.url.pathname.replace(/^\/wp-json\/wp\/v2\//, '').replace(/\/+$/, '');
    if (!request.url.pathname.startsWith('/wp-json/wp/v2/'))
      return wpError(
        404,
        'rest_no_route',
        'No route was found matching the URL and request method.',
      );
    const key = `${request.method} ${route}`;
    const target = this.targeted.findIndex((t) => `${t.method} ${t.route}` === key);
    if (target >= 0) {
      const status = this.targeted.splice(target, 1)[0]?.status ?? 500;
      return wpError(
        status,
        'internal_server_error',
        'There has been a critical error on this website.',
      );
    }
    if (request.method === 'POST' && !signedIn) {
      return wpError(
        401,
        `rest_cannot_create`,
        'Sorry, you are not allowed to create items as this user.',
      );
    }
    switch (key) {
      case 'GET posts':
        return this.listPosts(request, signedIn);
      case 'POST posts':
        return this.createPost(request);
      case 'GET media':
        return {
          status: 200,
          body: this.media
            .filter((m) => this.slugMatches(request, m.slug))
            .map(({ bytes: _bytes, ...m }) => m),
        };
      case 'POST media':
        return this.upload(request);
      case 'GET tags':
        return { status: 200, body: this.tags.filter((t) => this.slugMatches(request, t.slug)) };
      case 'POST tags':
        return this.createTag(request);
      default:
        return wpError(
          404,
          'rest_no_route',
          'No route was found matching the URL and request method.',
        );
    }
  }

  private slugMatches(request: FakeRequest, slug: string): boolean {
    const wanted = request.url.searchParams.get('slug');
    return wanted === null || wanted.split(',').includes(slug);
  }

  private listPosts(request: FakeRequest, signedIn: boolean): FakeReply {
    const status = request.url.searchParams.get('status') ?? 'publish';
    if (status !== 'publish' && !signedIn) {
      return wpError(401, 'rest_forbidden_status', 'Status is forbidden.');
    }
    const statuses = status === 'any' ? STATUSES : status.split(',');
    const found = this.posts.filter(
      (p) => statuses.includes(p.status) && this.slugMatches(request, p.slug),
    );
    return { status: 200, body: found };
  }

  private createPost(request: FakeRequest): FakeReply {
    const body = jsonBody(request) as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object')
      return wpError(400, 'rest_invalid_json', 'Invalid JSON body passed.');
    const status = typeof body.status === 'string' ? body.status : 'draft';
    if (!STATUSES.includes(status))
      return wpError(400, 'rest_invalid_param', 'Invalid parameter(s): status', {
        params: { status },
      });
    const featured = typeof body.featured_media === 'number' ? body.featured_media : 0;
    if (featured && !this.media.some((m) => m.id === featured)) {
      return wpError(400, 'rest_invalid_featured_media', 'Invalid featured media ID.');
    }
    const tags = Array.isArray(body.tags)
      ? body.tags.filter((t): t is number => typeof t === 'number')
      : [];
    if (tags.some((id) => !this.tags.some((t) => t.id === id)))
      return wpError(400, 'rest_invalid_param', 'Invalid parameter(s): tags');
    const title = typeof body.title === 'string' ? body.title : '';
    let slug = sanitizeSlug(typeof body.slug === 'string' && body.slug ? body.slug : title);
    // wp_unique_post_slug runs for published posts only; drafts keep the slug they were given.
    if (status === 'publish') {
      const base = slug;
      for (let n = 2; this.posts.some((p) => p.slug === slug); n += 1) slug = `${base}-${n}`;
    }
    const id = this.nextId++;
    const content = typeof body.content === 'string' ? body.content : '';
    const post: WpPost = {
      id,
      date_gmt: new Date().toISOString().slice(0, 19),
      slug,
      status,
      link: status === 'publish' ? `${this.url}/${slug}/` : `${this.url}/?p=${id}`,
      title: { raw: title, rendered: title },
      content: { raw: content, rendered: content },
      featured_media: featured,
      categories: Array.isArray(body.categories)
        ? body.categories.filter((c): c is number => typeof c === 'number')
        : [],
      tags,
    };
    this.posts.push(post);
    return { status: 201, body: post };
  }

  private upload(request: FakeRequest): FakeReply {
    const disposition = request.headers['content-disposition'];
    const filename = disposition ? /filename="?([^";]+)"?/.exec(disposition)?.[1] : undefined;
    if (!filename)
      return wpError(400, 'rest_upload_no_content_disposition', 'No Content-Disposition supplied.');
    if (request.body.length === 0) return wpError(400, 'rest_upload_no_data', 'No data supplied.');
    const mime = (request.headers['content-type'] ?? '').split(';')[0] ?? '';
    if (!mime) return wpError(400, 'rest_upload_no_content_type', 'No Content-Type supplied.');
    const params = request.url.searchParams;
    const id = this.nextId++;
    const item: WpMedia = {
      id,
      slug: sanitizeSlug(params.get('slug') ?? filename.replace(/\.[^.]+$/, '')),
      source_url: `${this.url}/wp-content/uploads/2030/01/${filename}`,
      mime_type: mime,
      media_type: mime.startsWith('image/') ? 'image' : 'file',
      alt_text: params.get('alt_text') ?? '',
      bytes: request.body.length,
    };
    this.media.push(item);
    const { bytes: _bytes, ...answer } = item;
    return { status: 201, body: answer };
  }

  private createTag(request: FakeRequest): FakeReply {
    const body = jsonBody(request) as Record<string, unknown> | undefined;
    const name = typeof body?.name === 'string' ? body.name.trim() : '';
    if (!name) return wpError(400, 'rest_missing_callback_param', 'Missing parameter(s): name');
    const slug = sanitizeSlug(typeof body?.slug === 'string' ? body.slug : name);
    const existing = this.tags.find((t) => t.slug === slug || t.name === name);
    if (existing)
      return wpError(
        400,
        'term_exists',
        'A term with the name provided already exists in this taxonomy.',
        { term_id: existing.id },
      );
    const tag = { id: this.nextId++, name, slug };
    this.tags.push(tag);
    return { status: 201, body: tag };
  }
}
