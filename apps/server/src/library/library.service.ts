import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { renderMarkdown } from '@flowpress/nodes/runtime';
import { AssetsService } from '../assets/assets.service.js';
import { ApiException } from '../http/index.js';
import type { LibraryListQuery, UpdateLibraryItemBody } from './library.dto.js';
import {
  assetIdsOf,
  LIBRARY_COLUMNS,
  toSummary,
  toView,
  type LibraryItemSummary,
  type LibraryItemView,
  type LibraryRow,
  type LibraryStatus,
} from './library-item.js';
import { PublicUrl } from './public-url.js';

const notFound = () => new ApiException(HttpStatus.NOT_FOUND, 'Library item not found');

/** The content library: what the `library` publish target stored, for the API and public pages. */
@Injectable()
export class LibraryService {
  constructor(
    private readonly db: DataSource,
    private readonly publicUrl: PublicUrl,
    private readonly assets: AssetsService,
  ) {}

  async list(query: LibraryListQuery): Promise<LibraryItemSummary[]> {
    const rows = await this.db.query<LibraryRow[]>(
      `SELECT ${LIBRARY_COLUMNS} FROM library_items
        WHERE ($1::text IS NULL OR status = $1) AND ($2::uuid IS NULL OR workflow_id = $2)
        ORDER BY published_at DESC, id DESC LIMIT $3`,
      [query.status ?? null, query.workflowId ?? null, query.limit],
    );
    const base = this.publicUrl.base;
    return rows.map((row) => toSummary(row, base));
  }

  async get(id: string): Promise<LibraryItemView> {
    return toView(await this.row(id), this.publicUrl.base);
  }

  /**
   * Title, body and tags change; the slug (and so the URL) never does. An edited item keeps its
   * edits even if its run publishes again (see SqlLibraryPublisher).
   */
  async update(id: string, body: UpdateLibraryItemBody): Promise<LibraryItemView> {
    const row = await this.row(id);
    const markdown = body.markdown ?? row.markdown;
    const html = body.markdown !== undefined ? renderMarkdown(markdown) : row.html;
    await this.db.query(
      `UPDATE library_items SET title = $2, markdown = $3, html = $4, tags = $5::text[],
              asset_ids = $6::uuid[], updated_at = now(), edited_at = now()
        WHERE id = $1`,
      [
        id,
        body.title ?? row.title,
        markdown,
        html,
        body.tags ?? row.tags,
        assetIdsOf(row.images, html),
      ],
    );
    return this.get(id);
  }

  /** Unpublished items leave the public pages and feeds; publishing again brings the same URL back. */
  async setStatus(id: string, status: LibraryStatus): Promise<LibraryItemView> {
    const rows = await this.db.query<{ id: string }[]>(
      `UPDATE library_items SET status = $2::text, updated_at = CASE WHEN status = $2::text THEN updated_at ELSE now() END
        WHERE id = $1 RETURNING id`,
      [id, status],
    );
    if (!rows.length) throw notFound();
    return this.get(id);
  }

  /** A published item by slug; null when missing or unpublished. */
  async published(slug: string): Promise<LibraryRow | null> {
    const rows = await this.db.query<LibraryRow[]>(
      `SELECT ${LIBRARY_COLUMNS} FROM library_items WHERE slug = $1 AND status = 'published'`,
      [slug],
    );
    return rows[0] ?? null;
  }

  /** The newest published items, for the index page and the feeds. */
  async recent(limit = 50): Promise<LibraryRow[]> {
    return this.db.query<LibraryRow[]>(
      `SELECT ${LIBRARY_COLUMNS} FROM library_items WHERE status = 'published'
        ORDER BY published_at DESC, id DESC LIMIT $1`,
      [limit],
    );
  }

  /** An asset's bytes when a published item shows it; null otherwise (the asset stays private). */
  async publicAsset(assetId: string): Promise<{ data: Buffer; mimeType: string } | null> {
    const rows = await this.db.query<{ found: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM library_items WHERE status = 'published' AND asset_ids @> ARRAY[$1::uuid]) AS found`,
      [assetId],
    );
    if (!rows[0]?.found) return null;
    try {
      return await this.assets.get(assetId);
    } catch {
      return null;
    }
  }

  private async row(id: string): Promise<LibraryRow> {
    const rows = await this.db.query<LibraryRow[]>(
      `SELECT ${LIBRARY_COLUMNS} FROM library_items WHERE id = $1`,
      [id],
    );
    if (!rows[0]) throw notFound();
    return rows[0];
  }
}
