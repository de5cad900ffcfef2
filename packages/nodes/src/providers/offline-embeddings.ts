import { Embeddings, type EmbeddingsParams } from '@langchain/core/embeddings';
import { embedText, OFFLINE_EMBEDDING_DIMENSIONS } from './offline-vectors.js';

export { embedText, OFFLINE_EMBEDDING_DIMENSIONS };

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
