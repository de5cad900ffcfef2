import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { ChatModelOptions, ImageProvider, LlmProvider } from '../contract.js';
import { ModelCache } from './model-cache.js';
import { OFFLINE_CHAT_MODEL, OFFLINE_PROVIDER_ID, OfflineChatModel } from './offline-chat.js';
import { OfflineEmbeddings } from './offline-embeddings.js';
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

export class OfflineLlmProvider implements LlmProvider {
  readonly id = OFFLINE_PROVIDER_ID;
  readonly offline = true;
  readonly defaultModel = OFFLINE_CHAT_MODEL;
  private readonly models = new ModelCache<BaseChatModel>();
  private readonly embedder = new OfflineEmbeddings();

  constructor(private readonly tokenDelayMs = 0) {}

  chatModel(options: ChatModelOptions): BaseChatModel {
    return this.models.get(
      options,
      this.defaultModel,
      ({ model, maxTokens }) =>
        new OfflineChatModel({ model, maxTokens, tokenDelayMs: this.tokenDelayMs }),
    );
  }

  embeddings(): OfflineEmbeddings {
    return this.embedder;
  }
}

export {
  OfflineChatModel,
  OFFLINE_CHAT_MODEL,
  OFFLINE_PROVIDER_ID,
  splitWords,
  type OfflineChatModelFields,
} from './offline-chat.js';
export {
  OfflineEmbeddings,
  embedText,
  OFFLINE_EMBEDDING_DIMENSIONS,
} from './offline-embeddings.js';
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
