/**
 * Ghost target (Admin API). Idempotent: the post's slug is derived from the idempotency key and
 * looked up (GET posts/slug/<slug>/) before creating. Images are uploaded (multipart) and the first
 * becomes the feature image.
 */
import { NodeError } from '../../contract.js';
import { withRetry } from '../../net/retry.js';
import { ghostAdminToken } from '../ghost-jwt.js';
import { escapeHtml, sanitize } from '../markdown.js';
import { sourcesListHtml } from '../sources.js';
import { extensionFor, multipartBody } from '../multipart.js';
import { field, readJson, retryOptions, send } from '../http.js';
import type {
  GhostSettings,
  PublishAdapter,
  PublishDeps,
  PublishPiece,
  Receipt,
} from '../types.js';

const WHAT = 'Ghost';
export const GHOST_ACCEPT_VERSION = 'v5.0';

export function ghostApi(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/ghost/api/admin/${path}`;
}

function headers(settings: GhostSettings, deps: PublishDeps): Record<string, string> {
  const now = (deps.now?.() ?? new Date()).getTime();
  return {
    authorization: `Ghost ${ghostAdminToken(settings.adminApiKey, now)}`,
    'accept-version': GHOST_ACCEPT_VERSION,
    accept: 'application/json',
  };
}

function firstPost(answer: unknown): unknown {
  const posts = field(answer, 'posts');
  return Array.isArray(posts) ? posts[0] : undefined;
}

function receiptOf(post: unknown, deps: PublishDeps): Receipt {
  const id = field(post, 'id');
  const url = field(post, 'url');
  const publishedAt = field(post, 'published_at') ?? field(post, 'updated_at');
  if (typeof id !== 'string')
    throw new NodeError(`${WHAT} answered without a post id`, { code: 'bad_response' });
  return {
    target: 'ghost',
    externalId: id,
    url: typeof url === 'string' ? url : '',
    publishedAt:
      typeof publishedAt === 'string'
        ? new Date(publishedAt).toISOString()
        : (deps.now?.() ?? new Date()).toISOString(),
  };
}

async function findBySlug(
  piece: PublishPiece,
  settings: GhostSettings,
  deps: PublishDeps,
): Promise<unknown> {
  const response = await send(deps, {
    method: 'GET',
    url: ghostApi(settings.baseUrl, `posts/slug/${encodeURIComponent(piece.slug)}/`),
    headers: headers(settings, deps),
    what: WHAT,
    accept: [404],
  });
  return response.status === 404 ? undefined : firstPost(readJson(response, WHAT));
}

async function uploadImage(
  data: Buffer,
  mimeType: string,
  filename: string,
  settings: GhostSettings,
  deps: PublishDeps,
): Promise<string> {
  const { body, contentType } = multipartBody([
    { name: 'file', filename, contentType: mimeType, data },
    { name: 'purpose', value: 'image' },
    { name: 'ref', value: filename },
  ]);
  const response = await send(deps, {
    method: 'POST',
    url: ghostApi(settings.baseUrl, 'images/upload/'),
    headers: { ...headers(settings, deps), 'content-type': contentType },
    body,
    what: `${WHAT} (image upload)`,
  });
  const images = field(readJson(response, WHAT), 'images');
  const url = Array.isArray(images) ? field(images[0], 'url') : undefined;
  if (typeof url !== 'string')
    throw new NodeError(`${WHAT} answered an image upload without a url`, { code: 'bad_response' });
  return url;
}

async function publishOnce(
  piece: PublishPiece,
  settings: GhostSettings,
  deps: PublishDeps,
): Promise<Receipt> {
  const existing = await findBySlug(piece, settings, deps);
  if (existing) {
    deps.log?.(
      `Ghost already has post ${String(field(existing, 'id'))} for this run; not posting again`,
    );
    return receiptOf(existing, deps);
  }
  const urls: { url: string; alt: string }[] = [];
  let index = 0;
  for (const image of piece.images) {
    index += 1;
    if (!image.data) {
      deps.log?.(`image ${image.url} has no bytes to upload; skipped`);
      continue;
    }
    const filename = `${piece.slug}-img-${index}.${extensionFor(image.mimeType)}`;
    urls.push({
      url: await uploadImage(image.data, image.mimeType, filename, settings, deps),
      alt: image.alt ?? piece.title,
    });
  }
  const [feature, ...rest] = urls;
  const figures = rest
    .map((m) => `\n<figure><img src="${escapeHtml(m.url)}" alt="${escapeHtml(m.alt)}" /></figure>`)
    .join('');
  const post: Record<string, unknown> = {
    title: piece.title,
    // The passages the text cites, numbered like its [n]; escaped, then sanitized like the body.
    html: piece.html + figures + sanitize(sourcesListHtml(piece.sources ?? [])),
    status: settings.status === 'publish' ? 'published' : 'draft',
    slug: piece.slug,
  };
  if (feature) post.feature_image = feature.url;
  if (settings.tags.length > 0) post.tags = settings.tags.map((name) => ({ name }));
  const response = await send(deps, {
    method: 'POST',
    url: ghostApi(settings.baseUrl, 'posts/?source=html'),
    headers: { ...headers(settings, deps), 'content-type': 'application/json' },
    body: JSON.stringify({ posts: [post] }),
    what: WHAT,
  });
  return receiptOf(firstPost(readJson(response, WHAT)), deps);
}

export const ghostAdapter: PublishAdapter<'ghost'> = {
  target: 'ghost',
  async publish(piece, settings, deps) {
    return withRetry(() => publishOnce(piece, settings, deps), retryOptions(deps));
  },
};
