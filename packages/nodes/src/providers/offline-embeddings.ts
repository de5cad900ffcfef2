import { Embeddings, type EmbeddingsParams } from '@langchain/core/embeddings';
import { hash32 } from '../util/hash.js';
import { stem, words } from './text-features.js';

export const OFFLINE_EMBEDDING_DIMENSIONS = 256;

/**
 * Hashed bag-of-words vectors, L2-normalised: texts sharing words land close together, so
 * retrieval's vector half still ranks sensibly without a provider. Deterministic and instant.
 */
export class OfflineEmbeddings extends Embeddings {
  readonly dimensions: number;

  constructor(fields: EmbeddingsParams & { dimensions?: number } = {}) {
    super(fields);
    this.dimensions = fields.dimensions ?? OFFLINE_EMBEDDING_DIMENSIONS;
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((d) => embedText(d, this.dimensions));
  }

  async embedQuery(document: string): Promise<number[]> {
    return embedText(document, this.dimensions);
  }
}

export function embedText(text: string, dimensions = OFFLINE_EMBEDDING_DIMENSIONS): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of words(text)) {
    const h = hash32(stem(word));
    // The sign bit spreads collisions out instead of letting them pile up.
    vector[h % dimensions]! += h & 0x80000000 ? -1 : 1;
  }
  const norm = Math.hypot(...vector);
  return norm === 0 ? vector : vector.map((v) => v / norm);
}
