/**
 * WordPress target (REST API, /wp-json/wp/v2) with an application password (Basic auth).
 * Idempotent: the post's slug is derived from the idempotency key and looked up (status=any)
 * before anything is created; images get derived slugs too and are looked up before uploading.
 */
import { NodeError } from '../../contract.js';
import { withRetry } from '../../net/retry.js';
import { escapeHtml, sanitize } from '../markdown.js';
import { sourcesListHtml } from '../sources.js';
import { extensionFor } from '../multipart.js';
import { field, readJson, retryOptions, send } from '../http.js';
import { slugify } from '../slug.js';
import type {
  PublishAdapter,
  PublishDeps,
  PublishImage,
  PublishPiece,
  Receipt,
  WordPressSettings,
} from '../types.js';

const WHAT = 'WordPress';

interface WpContext {
  settings: WordPressSettings;
  deps: PublishDeps;
  headers: Record<string, string>;
}

export function wordpressApi(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/wp-json/wp/v2/${path}`;
}

/** `Basic base64(username:password)`; WordPress ignores the spaces it shows in app passwords. */
export function wordpressAuth(username: string, applicationPassword: string): string {
  const password = applicationPassword.replace(/\s+/g, '');
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

async function getList(ctx: WpContext, path: string): Promise<unknown[]> {
  const response = await send(ctx.deps, {
    method: 'GET',
    url: wordpressApi(ctx.settings.baseUrl, path),
    headers: ctx.headers,
    what: WHAT,
  });
  const list = readJson(response, WHAT);
  if (!Array.isArray(list))
    throw new NodeError(`${WHAT} answered ${path.split('?')[0]} with something other than a list`, {
      code: 'bad_response',
    });
  return list;
}

async function postJson(
  ctx: WpContext,
  path: string,
  body: unknown,
  accept?: number[],
): Promise<{ status: number; json: unknown }> {
  const response = await send(ctx.deps, {
    method: 'POST',
    url: wordpressApi(ctx.settings.baseUrl, path),
    headers: { ...ctx.headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    what: WHAT,
    accept,
  });
  return { status: response.status, json: readJson(response, WHAT) };
}

function idOf(value: unknown, what: string): number {
  const id = field(value, 'id');
  if (typeof id !== 'number')
    throw new NodeError(`${WHAT} answered ${what} without an id`, { code: 'bad_response' });
  return id;
}

async function uploadImage(
  ctx: WpContext,
  image: PublishImage & { data: Buffer },
  slug: string,
): Promise<{ id: number; url: string }> {
  const existing = await getList(ctx, `media?slug=${encodeURIComponent(slug)}`);
  const found = existing[0];
  if (found)
    return { id: idOf(found, 'a media lookup'), url: String(field(found, 'source_url') ?? '') };
  const filename = `${slug}.${extensionFor(image.mimeType)}`;
  const query = new URLSearchParams({ slug, title: slug });
  if (image.alt) query.set('alt_text', image.alt);
  const response = await send(ctx.deps, {
    method: 'POST',
    url: wordpressApi(ctx.settings.baseUrl, `media?${query.toString()}`),
    headers: {
      ...ctx.headers,
      'content-type': image.mimeType,
      'content-disposition': `attachment; filename="${filename}"`,
    },
    body: image.data,
    what: `${WHAT} (media upload)`,
  });
  const media = readJson(response, WHAT);
  return { id: idOf(media, 'a media upload'), url: String(field(media, 'source_url') ?? '') };
}

/** Tag names → ids: numeric entries are ids already; names are looked up by slug, else created. */
async function tagIds(ctx: WpContext, tags: string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const tag of tags) {
    if (/^\d+$/.test(tag)) {
      ids.push(Number(tag));
      continue;
    }
    const slug = slugify(tag, 200);
    const found = (await getList(ctx, `tags?slug=${encodeURIComponent(slug)}`))[0];
    if (found) {
      ids.push(idOf(found, 'a tag lookup'));
      continue;
    }
    const created = await postJson(ctx, 'tags', { name: tag, slug }, [400]);
    // A tag created meanwhile: WordPress answers 400 term_exists with its id.
    const termId = field(field(created.json, 'data'), 'term_id');
    if (created.status === 400 && typeof termId === 'number') ids.push(termId);
    else if (created.status === 400)
      throw new NodeError(
        `${WHAT} refused tag "${tag}": ${JSON.stringify(created.json).slice(0, 200)}`,
        { code: 'http_400' },
      );
    else ids.push(idOf(created.json, 'a tag creation'));
  }
  return [...new Set(ids)];
}

function receiptOf(post: unknown, deps: PublishDeps): Receipt {
  const dateGmt = field(post, 'date_gmt');
  const link = field(post, 'link');
  return {
    target: 'wordpress',
    externalId: String(idOf(post, 'a post')),
    url: typeof link === 'string' ? link : '',
    publishedAt:
      typeof dateGmt === 'string' && dateGmt
        ? new Date(`${dateGmt}Z`).toISOString()
        : (deps.now?.() ?? new Date()).toISOString(),
  };
}

async function publishOnce(piece: PublishPiece, ctx: WpContext): Promise<Receipt> {
  const existing = (
    await getList(ctx, `posts?slug=${encodeURIComponent(piece.slug)}&status=any&context=edit`)
  )[0];
  if (existing) {
    ctx.deps.log?.(
      `WordPress already has post ${String(field(existing, 'id'))} for this run; not posting again`,
    );
    return receiptOf(existing, ctx.deps);
  }
  const uploaded: { id: number; url: string; alt: string }[] = [];
  let index = 0;
  for (const image of piece.images) {
    index += 1;
    if (!image.data) {
      ctx.deps.log?.(`image ${image.url} has no bytes to upload; skipped`);
      continue;
    }
    const media = await uploadImage(
      ctx,
      { ...image, data: image.data },
      `${piece.slug}-img-${index}`,
    );
    uploaded.push({ ...media, alt: image.alt ?? piece.title });
  }
  const [featured, ...rest] = uploaded;
  const figures = rest
    .map((m) => `\n<figure><img src="${escapeHtml(m.url)}" alt="${escapeHtml(m.alt)}" /></figure>`)
    .join('');
  const body: Record<string, unknown> = {
    title: piece.title,
    // The passages the text cites, numbered like its [n]; escaped, then sanitized like the body.
    content: piece.html + figures + sanitize(sourcesListHtml(piece.sources ?? [])),
    status: ctx.settings.status,
    slug: piece.slug,
  };
  if (featured) body.featured_media = featured.id;
  if (ctx.settings.categories.length > 0) body.categories = ctx.settings.categories;
  if (ctx.settings.tags.length > 0) body.tags = await tagIds(ctx, ctx.settings.tags);
  const created = await postJson(ctx, 'posts', body);
  return receiptOf(created.json, ctx.deps);
}

export const wordpressAdapter: PublishAdapter<'wordpress'> = {
  target: 'wordpress',
  async publish(piece, settings, deps) {
    const ctx: WpContext = {
      settings,
      deps,
      headers: {
        authorization: wordpressAuth(settings.username, settings.applicationPassword),
        accept: 'application/json',
      },
    };
    // The whole sequence is retried: the lookup first makes a repeat safe.
    return withRetry(() => publishOnce(piece, ctx), retryOptions(deps));
  },
};
