/** Library rows, the API's views of them, and the small text helpers both need. */

export type LibraryStatus = 'published' | 'unpublished';

/** An image as stored: a Flowpress asset (by id) or an absolute URL. */
export interface StoredImage {
  assetId?: string;
  url: string;
  mimeType: string;
  alt?: string;
}

export interface LibraryRow {
  id: string;
  slug: string;
  idempotency_key: string;
  title: string;
  markdown: string;
  html: string;
  images: StoredImage[];
  tags: string[];
  provenance: Record<string, unknown>;
  status: LibraryStatus;
  workflow_id: string | null;
  run_id: string | null;
  published_at: Date;
  updated_at: Date;
}

export const LIBRARY_COLUMNS = `id, slug, idempotency_key, title, markdown, html, images, tags, provenance,
  status, workflow_id, run_id, published_at, updated_at`;

/** An image as answered: `url` is public (a `/library/assets/<id>` URL for assets). */
export interface LibraryImageView {
  assetId: string | null;
  url: string;
  mimeType: string;
  alt: string | null;
}

/** `GET /api/library` items. */
export interface LibraryItemSummary {
  id: string;
  slug: string;
  /** The public page: `<public base>/library/<slug>`; stable across edits and unpublishing. */
  url: string;
  title: string;
  excerpt: string;
  status: LibraryStatus;
  tags: string[];
  /** The first image's public URL, for thumbnails. */
  image: string | null;
  workflowId: string | null;
  runId: string | null;
  publishedAt: string;
  updatedAt: string;
}

/** `GET /api/library/:id`. */
export interface LibraryItemView extends LibraryItemSummary {
  markdown: string;
  /** Sanitized HTML rendered from `markdown`. */
  html: string;
  images: LibraryImageView[];
  provenance: Record<string, unknown>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID.test(value);

const API_ASSET = /\/api\/assets\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/gi;

/** Asset ids an item shows: its images' and those its HTML links to (`/api/assets/<id>`). */
export function assetIdsOf(images: StoredImage[], html: string): string[] {
  const ids = new Set<string>();
  for (const image of images)
    if (image.assetId && isUuid(image.assetId)) ids.add(image.assetId.toLowerCase());
  for (const match of html.matchAll(API_ASSET)) if (match[1]) ids.add(match[1].toLowerCase());
  return [...ids];
}

/** Private asset links in HTML → their public library URLs (relative or under `base`). */
export function publicAssetLinks(html: string, base = ''): string {
  return html.replace(
    API_ASSET,
    (_all, id: string) => `${base}/library/assets/${id.toLowerCase()}`,
  );
}

/** The public URL of an image, or null when it has none (a private relative path). */
export function publicImageUrl(image: StoredImage, base: string): string | null {
  if (image.assetId && isUuid(image.assetId))
    return `${base}/library/assets/${image.assetId.toLowerCase()}`;
  return /^https?:\/\//i.test(image.url) ? image.url : null;
}

/** Plain text of some HTML, at most `max` characters, cut at a word. */
export function excerptOf(html: string, max = 200): string {
  const text = html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

const iso = (d: Date | string): string => new Date(d).toISOString();

export function toSummary(row: LibraryRow, base: string): LibraryItemSummary {
  const first = row.images.map((i) => publicImageUrl(i, base)).find((u) => u !== null) ?? null;
  return {
    id: row.id,
    slug: row.slug,
    url: `${base}/library/${row.slug}`,
    title: row.title,
    excerpt: excerptOf(row.html),
    status: row.status,
    tags: row.tags,
    image: first,
    workflowId: row.workflow_id,
    runId: row.run_id,
    publishedAt: iso(row.published_at),
    updatedAt: iso(row.updated_at),
  };
}

export function toView(row: LibraryRow, base: string): LibraryItemView {
  return {
    ...toSummary(row, base),
    markdown: row.markdown,
    html: row.html,
    images: row.images.flatMap((image) => {
      const url = publicImageUrl(image, base);
      return url
        ? [
            {
              assetId: image.assetId ?? null,
              url,
              mimeType: image.mimeType,
              alt: image.alt ?? null,
            },
          ]
        : [];
    }),
    provenance: row.provenance,
  };
}
