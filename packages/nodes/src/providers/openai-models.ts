/**
 * The LangChain side of the OpenAI-compatible provider. providers/openai.ts imports this module on
 * the first model or embedding call. It holds LeanChatOpenAI (over @langchain/core); the heavier
 * `@langchain/openai` and the `openai` client under it load only when a call needs ChatOpenAI
 * (tools, response_format, `chatTransport: 'langchain'`) or OpenAIEmbeddings.
 */
import type { ChatOpenAI } from '@langchain/openai';
import type { ChatModelOptions } from '../contract.js';
import type { ChatTransport } from '../llm/openai-transport.js';
import { lazyAsync } from '@flowpress/shared';
import { LeanChatOpenAI } from './lean-chat.js';
import { DEFAULT_EMBEDDING_MODEL, type OpenAISettings } from './openai.js';

export const langchainOpenAI = lazyAsync(() => import('@langchain/openai'));

type LangChainOpenAI = Awaited<ReturnType<typeof langchainOpenAI>>;
type Resolved = Required<Pick<ChatModelOptions, 'model'>> & ChatModelOptions;

/** Plain chat over the lean transport; ChatOpenAI (same settings) for what it does not speak. */
export function leanChatModel(
  settings: OpenAISettings,
  resolved: Resolved,
  transport: ChatTransport,
): LeanChatOpenAI {
  const openAI = async () => openAIChat(await langchainOpenAI(), settings, resolved);
  return new LeanChatOpenAI({ ...resolved, transport, openAI });
}

export function openAIChat(
  lib: LangChainOpenAI,
  settings: OpenAISettings,
  { model, temperature, maxTokens }: ChatModelOptions,
): ChatOpenAI {
  return new lib.ChatOpenAI({
    model,
    temperature,
    maxTokens,
    apiKey: settings.apiKey || 'none',
    configuration: { baseURL: settings.baseURL },
    // Ask for usage in the stream; we always call .stream(), never .invoke() (see STACK-NOTES).
    streamUsage: true,
    // The engine retries with its own policy and Retry-After; LangChain's would multiply it.
    maxRetries: 0,
  });
}

export function openAIEmbeddings(lib: LangChainOpenAI, settings: OpenAISettings) {
  return new lib.OpenAIEmbeddings({
    model: settings.embeddingModel || DEFAULT_EMBEDDING_MODEL,
    apiKey: settings.apiKey || 'none',
    configuration: { baseURL: settings.baseURL },
    maxRetries: 0,
  });
}
