/**
 * The LangChain side of the OpenAI-compatible provider: `@langchain/openai` and the `openai`
 * client. providers/openai.ts imports this module on the first model or embedding call, so a
 * process that starts, serves the API and never calls a model loads none of it.
 */
import { ChatOpenAI, OpenAIEmbeddings } from '@langchain/openai';
import type { ChatModelOptions } from '../contract.js';
import type { ChatTransport } from '../llm/openai-transport.js';
import { LeanChatOpenAI } from './lean-chat.js';
import { DEFAULT_EMBEDDING_MODEL, type OpenAISettings } from './openai.js';

type Resolved = Required<Pick<ChatModelOptions, 'model'>> & ChatModelOptions;

/** Plain chat over the lean transport; ChatOpenAI for what it does not speak, or for everything. */
export function buildChatModel(
  settings: OpenAISettings,
  resolved: Resolved,
  transport: () => ChatTransport,
): LeanChatOpenAI | ChatOpenAI {
  const openAI = () => openAIChat(settings, resolved);
  if (settings.chatTransport === 'langchain') return openAI();
  return new LeanChatOpenAI({ ...resolved, transport: transport(), openAI });
}

function openAIChat(
  settings: OpenAISettings,
  { model, temperature, maxTokens }: ChatModelOptions,
): ChatOpenAI {
  return new ChatOpenAI({
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

export function buildEmbeddings(settings: OpenAISettings): OpenAIEmbeddings {
  return new OpenAIEmbeddings({
    model: settings.embeddingModel || DEFAULT_EMBEDDING_MODEL,
    apiKey: settings.apiKey || 'none',
    configuration: { baseURL: settings.baseURL },
    maxRetries: 0,
  });
}
