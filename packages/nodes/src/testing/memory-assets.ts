import { randomUUID } from 'node:crypto';
import type { AssetStore, StoredAsset } from '../contract.js';

export interface MemoryAsset {
  data: Buffer;
  mimeType: string;
  meta: { runId: string; nodeId: string };
}

/** An AssetStore that keeps bytes in a Map, for tests. */
export class MemoryAssetStore implements AssetStore {
  readonly assets = new Map<string, MemoryAsset>();

  async put(
    data: Buffer,
    mimeType: string,
    meta: { runId: string; nodeId: string },
  ): Promise<StoredAsset> {
    const assetId = randomUUID();
    this.assets.set(assetId, { data, mimeType, meta });
    return { assetId, url: `/api/assets/${assetId}` };
  }

  get(assetId: string): MemoryAsset | undefined {
    return this.assets.get(assetId);
  }
}
