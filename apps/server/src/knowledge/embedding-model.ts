import { OfflineLlmProvider, OpenAILlmProvider } from '@flowpress/nodes/runtime';
import type { AppConfig } from '../config/config.js';
import type { EmbeddingModel } from './embedder.js';

/** `FLOWPRESS_EMBEDDING_MODEL=offline`: the hashed bag-of-words vectors (tests, benchmarks, demos). */
export const OFFLINE_EMBEDDING_MODEL = 'offline';

/**
 * The embedding model, or why there is none. Its LangChain `Embeddings` (and LangChain itself) load
 * on the first document embedded or query searched, not when the server starts. Vectors are opt-in: FLOWPRESS_EMBEDDING_MODEL names
 * a model of the OpenAI-compatible endpoint (or `offline`); without it search is full text only,
 * and nothing claims to be semantic.
 */
export function embeddingModelFor(config: AppConfig): {
  model: EmbeddingModel | null;
  reason: string | null;
} {
  const name = config.models.embedding;
  if (!name)
    return { model: null, reason: 'no embedding model is configured (FLOWPRESS_EMBEDDING_MODEL)' };
  if (name === OFFLINE_EMBEDDING_MODEL) {
    const offline = new OfflineLlmProvider();
    return {
      model: { name: 'offline-hash', embeddings: () => offline.embeddings() },
      reason: null,
    };
  }
  if (!config.openai.apiKey && !config.openai.baseUrl) {
    return {
      model: null,
      reason: `FLOWPRESS_EMBEDDING_MODEL=${name} needs OPENAI_BASE_URL or OPENAI_API_KEY to reach the model`,
    };
  }
  const provider = new OpenAILlmProvider({
    ...(config.openai.apiKey ? { apiKey: config.openai.apiKey } : {}),
    ...(config.openai.baseUrl ? { baseURL: config.openai.baseUrl } : {}),
    embeddingModel: name,
  });
  return { model: { name, embeddings: () => provider.embeddings() }, reason: null };
}
