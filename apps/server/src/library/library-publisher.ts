import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  LibraryPublisher,
  PublishImage,
  PublishPiece,
  PublishStatus,
  Receipt,
} from '@flowpress/nodes';
import { renderMarkdown } from '@flowpress/nodes/runtime';
import { assetIdsOf, isUuid, type StoredImage } from './library-item.js';
import { PublicUrl } from './public-url.js';

/** What is kept of an image: no bytes, only where it lives. */
function storedImage(image: PublishImage): StoredImage {
  const stored: StoredImage = { url: image.url, mimeType: image.mimeType };
  if (image.assetId && isUuid(image.assetId)) stored.assetId = image.assetId.toLowerCase();
  if (image.alt) stored.alt = image.alt;
  return stored;
}

const uuidOrNull = (value: string): string | null => (isUuid(value) ? value : null);

/**
 * The `library` publish target, server side: one row per idempotency key. A repeat with the same
 * key (a retry, a resumed run) updates that row in place — the slug, and so the URL, the status
 * and the publication date stay as they were — unless an editor changed the item since
 * (`edited_at`): a person's edits are never overwritten by a replay.
 */
@Injectable()
export class SqlLibraryPublisher implements LibraryPublisher {
  constructor(
    private readonly db: DataSource,
    private readonly publicUrl: PublicUrl,
  ) {}

  async upsert(piece: PublishPiece & { status: PublishStatus }): Promise<Receipt> {
    // Rendered again here rather than trusted: whatever reaches the page went through the sanitizer.
    const html = renderMarkdown(piece.markdown);
    const images = piece.images.map(storedImage);
    const rows = await this.db.query<{ id: string; slug: string; published_at: Date }[]>(
      `INSERT INTO library_items (slug, idempotency_key, title, markdown, html, images, asset_ids, tags,
                                  provenance, status, workflow_id, run_id)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::uuid[], $8::text[], $9::jsonb, $10, $11, $12)
       ON CONFLICT (idempotency_key) DO UPDATE SET
         title = EXCLUDED.title, markdown = EXCLUDED.markdown, html = EXCLUDED.html,
         images = EXCLUDED.images, asset_ids = EXCLUDED.asset_ids, tags = EXCLUDED.tags,
         provenance = EXCLUDED.provenance, updated_at = now()
       WHERE library_items.edited_at IS NULL
       RETURNING id, slug, published_at`,
      [
        piece.slug,
        piece.idempotencyKey,
        piece.title,
        piece.markdown,
        html,
        JSON.stringify(images),
        assetIdsOf(images, html),
        piece.tags ?? [],
        JSON.stringify(piece.provenance),
        piece.status === 'draft' ? 'unpublished' : 'published',
        uuidOrNull(piece.workflowId),
        uuidOrNull(piece.runId),
      ],
    );
    // No row: the entry exists and a person edited it since: their edits win over a replay.
    const row =
      rows[0] ??
      (
        await this.db.query<{ id: string; slug: string; published_at: Date }[]>(
          `SELECT id, slug, published_at FROM library_items WHERE idempotency_key = $1`,
          [piece.idempotencyKey],
        )
      )[0]!;
    return {
      target: 'library',
      externalId: row.id,
      url: this.publicUrl.page(row.slug),
      publishedAt: new Date(row.published_at).toISOString(),
    };
  }
}
