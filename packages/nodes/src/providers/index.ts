import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { ChatModelOptions, ImageProvider, LlmProvider } from '../contract.js';
import { lazyAsync } from '@flowpress/shared';
import { ModelCache } from './model-cache.js';
import { OFFLINE_CHAT_MODEL, OFFLINE_PROVIDER_ID } from './offline-ids.js';
import type { OfflineEmbeddings } from './offline-embeddings.js';
import { OfflineImageProvider } from './offline-images.js';
import { OpenAIImageProvider, OpenAILlmProvider, type OpenAISettings } from './openai.js';

export interface ProviderOptions extends OpenAISettings {
  /** Offline only: pause between streamed words (demos); default 0. */
  offlineTokenDelayMs?: number;
}

export interface Providers {
  llm: LlmProvider;
  images: ImageProvider;
}

/**
 * The providers for this process, built once at start-up. With neither an API key nor a base URL
 * there is no provider to call, so the deterministic offline ones answer (labelled as such).
 * Building them loads no LangChain: that happens on the first model call.
 */
export function createProviders(options: ProviderOptions = {}): Providers {
  if (!options.apiKey && !options.baseURL) {
    return {
      llm: new OfflineLlmProvider(options.offlineTokenDelayMs ?? 0),
      images: new OfflineImageProvider(),
    };
  }
  return { llm: new OpenAILlmProvider(options), images: new OpenAIImageProvider(options) };
}

// The offline LangChain classes extend LangChain's base classes: imported on first use.
const offlineModels = lazyAsync(async () => {
  const [chat, embeddings] = await Promise.all([
    import('./offline-chat.js'),
    import('./offline-embeddings.js'),
  ]);
  return {
    OfflineChatModel: chat.OfflineChatModel,
    OfflineEmbeddings: embeddings.OfflineEmbeddings,
  };
});

export class OfflineLlmProvider implements LlmProvider {
  readonly id = OFFLINE_PROVIDER_ID;
  readonly offline = true;
  readonly defaultModel = OFFLINE_CHAT_MODEL;
  private readonly models = new ModelCache<BaseChatModel>();
  private embedder: OfflineEmbeddings | undefined;

  constructor(private readonly tokenDelayMs = 0) {}

  async chatModel(options: ChatModelOptions): Promise<BaseChatModel> {
    const { OfflineChatModel } = await offlineModels();
    return this.models.get(
      options,
      this.defaultModel,
      ({ model, maxTokens }) =>
        new OfflineChatModel({ model, maxTokens, tokenDelayMs: this.tokenDelayMs }),
    );
  }

  async embeddings(): Promise<OfflineEmbeddings> {
    const { OfflineEmbeddings } = await offlineModels();
    this.embedder ??= new OfflineEmbeddings();
    return this.embedder;
  }
}

// The LangChain model classes themselves (OfflineChatModel, OfflineEmbeddings, LeanChatOpenAI) are
// not re-exported here: this entry must not import LangChain. Ask a provider for its models.
export { OFFLINE_CHAT_MODEL, OFFLINE_PROVIDER_ID } from './offline-ids.js';
export { splitWords } from './text-features.js';
export { embedText, OFFLINE_EMBEDDING_DIMENSIONS } from './offline-vectors.js';
export type { OfflineChatModelFields } from './offline-chat.js';
export {
  OfflineImageProvider,
  renderOfflineImage,
  OFFLINE_IMAGE_MAX_SIDE,
  OFFLINE_IMAGE_MODEL,
} from './offline-images.js';
export { writeOfflineMarkdown, OFFLINE_LABEL } from './offline-writer.js';
export {
  OpenAILlmProvider,
  OpenAIImageProvider,
  DEFAULT_LLM_MODEL,
  DEFAULT_IMAGE_MODEL,
  DEFAULT_EMBEDDING_MODEL,
  pngSize,
  sniffImageType,
  type OpenAISettings,
} from './openai.js';
