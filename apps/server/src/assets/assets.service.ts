import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AssetStore, StoredAsset } from '@flowpress/nodes';
import { ApiException } from '../http/index.js';

/** Generated files (images) kept in the database, so every API instance can serve them. */
@Injectable()
export class AssetsService implements AssetStore {
  constructor(private readonly db: DataSource) {}

  async put(data: Buffer, mimeType: string, meta: { runId: string; nodeId: string }): Promise<StoredAsset> {
    const rows = await this.db.query<{ id: string }[]>(
      `INSERT INTO assets (run_id, node_id, mime_type, size, data) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [meta.runId, meta.nodeId, mimeType, data.length, data],
    );
    const id = rows[0]!.id;
    return { assetId: id, url: `/api/assets/${id}` };
  }

  async get(id: string): Promise<{ data: Buffer; mimeType: string }> {
    const rows = await this.db.query<{ data: Buffer; mime_type: string }[]>(
      `SELECT data, mime_type FROM assets WHERE id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) throw new ApiException(HttpStatus.NOT_FOUND, 'Asset not found');
    return { data: row.data, mimeType: row.mime_type };
  }
}
