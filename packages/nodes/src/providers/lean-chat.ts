/**
 * The chat model for OpenAI-compatible endpoints: a LangChain `BaseChatModel` over the lean
 * transport (`llm/openai-transport.ts`). Plain chat — text and image parts in, text out, streamed
 * or not — goes over the transport, one LangChain chunk per network read; LangChain costs about
 * 30 µs per chunk it yields, so a 62-token answer that arrives in a few reads costs a few chunks.
 *
 * What the lean path does not speak (tool calling, provider-side structured output through
 * `response_format`, any other OpenAI extra) goes to a `ChatOpenAI` built with the same settings
 * on first use. Prompts, messages and their conversion stay LangChain's.
 *
 * `@langchain/openai` (and the `openai` client under it, ≈ 320 files, ≈ 300 ms and 15 MiB to
 * load) is imported only when a call needs it: plain messages are written to the wire by
 * `plainCompletionMessages`, which writes what LangChain's converter writes for them (a spec
 * compares the two); any other message goes through LangChain's converter.
 */
import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import {
  BaseChatModel,
  type BaseChatModelParams,
  type BindToolsInput,
} from '@langchain/core/language_models/chat_models';
import type { BaseLanguageModelInput } from '@langchain/core/language_models/base';
import {
  AIMessage,
  AIMessageChunk,
  type BaseMessage,
  type UsageMetadata,
} from '@langchain/core/messages';
import { ChatGenerationChunk, type ChatResult } from '@langchain/core/outputs';
import { RunnableLambda, type Runnable } from '@langchain/core/runnables';
import type { ChatOpenAI, ChatOpenAICallOptions } from '@langchain/openai';
import type {
  ChatTransport,
  CompletionBatch,
  CompletionRequest,
  CompletionUsage,
} from '../llm/openai-transport.js';
import type { TextPiece, TextStreamingChatModel } from '../llm/stream.js';
import { lazyAsync } from '@flowpress/shared';

const langchainOpenAI = lazyAsync(() => import('@langchain/openai'));

export interface LeanChatOpenAIFields extends BaseChatModelParams {
  model: string;
  temperature?: number;
  maxTokens?: number;
  /** Shared by every model of a provider: one keep-alive pool. */
  transport: ChatTransport;
  /** Builds the ChatOpenAI that takes what the lean path does not do; called once, lazily. */
  openAI: () => Promise<ChatOpenAI>;
}

/** Call options that only `ChatOpenAI` understands; their presence sends the call there. */
const EXTRA_OPTIONS = ['tools', 'tool_choice', 'response_format', 'functions', 'function_call'];

// ChatOpenAI's call options: a call meant for ChatOpenAI (tools, response_format) can be made here.
export class LeanChatOpenAI
  extends BaseChatModel<ChatOpenAICallOptions>
  implements TextStreamingChatModel
{
  static override lc_name(): string {
    return 'LeanChatOpenAI';
  }

  readonly model: string;
  readonly temperature: number | undefined;
  readonly maxTokens: number | undefined;
  private readonly transport: ChatTransport;
  private readonly buildOpenAI: () => Promise<ChatOpenAI>;
  private readonly openAIModel = lazyAsync(() => this.buildOpenAI());

  constructor(fields: LeanChatOpenAIFields) {
    super(fields);
    this.model = fields.model;
    this.temperature = fields.temperature;
    this.maxTokens = fields.maxTokens;
    this.transport = fields.transport;
    this.buildOpenAI = fields.openAI;
  }

  _llmType(): string {
    return 'openai';
  }

  /** The full ChatOpenAI with the same settings, built once, for features the lean path leaves to it. */
  openAI(): Promise<ChatOpenAI> {
    return this.openAIModel();
  }

  // bindTools and withStructuredOutput are synchronous in LangChain's API while ChatOpenAI loads
  // asynchronously: each answers a runnable that resolves ChatOpenAI's own bound runnable on
  // first use and runs it (RunnableLambda invokes or streams a runnable its function returns).
  override bindTools(
    tools: BindToolsInput[],
    kwargs?: Partial<this['ParsedCallOptions']>,
  ): Runnable<BaseLanguageModelInput, AIMessageChunk> {
    let bound: Promise<Runnable<BaseLanguageModelInput, AIMessageChunk>> | undefined;
    return RunnableLambda.from(async () => {
      bound ??= this.openAI().then((model) => model.bindTools(tools, kwargs));
      return bound;
    }) as unknown as Runnable<BaseLanguageModelInput, AIMessageChunk>;
  }

  // Structured output through response_format / tool calls is ChatOpenAI's; the prompt node's
  // own JSON instruction (prompt/structured.ts) needs neither and stays on the lean path.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- mirrors the base overloads
  override withStructuredOutput(...args: [any, any?]): any {
    let bound: Promise<Runnable> | undefined;
    return RunnableLambda.from(async () => {
      bound ??= this.openAI().then((model) => model.withStructuredOutput(...args) as Runnable);
      return bound;
    });
  }

  override async _generate(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): Promise<ChatResult> {
    if (needsOpenAI(options)) return (await this.openAI())._generate(messages, options, runManager);
    let text = '';
    let last: CompletionBatch = { text: '' };
    let usage: CompletionUsage | undefined;
    const body = await this.body(messages, options);
    for await (const batch of this.transport.stream(body, options.signal)) {
      text += batch.text;
      usage = batch.usage ?? usage;
      last = { ...last, ...batch };
    }
    const message = new AIMessage({
      content: text,
      response_metadata: responseMetadata(last),
      ...(last.id ? { id: last.id } : {}),
      ...(usage ? { usage_metadata: usageMetadata(usage) } : {}),
    });
    return {
      generations: [{ text, message }],
      ...(usage ? { llmOutput: { tokenUsage: tokenUsage(usage) } } : {}),
    };
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    if (needsOpenAI(options)) {
      yield* (await this.openAI())._streamResponseChunks(messages, options, runManager);
      return;
    }
    const body = await this.body(messages, options);
    for await (const batch of this.transport.stream(body, options.signal)) {
      yield new ChatGenerationChunk({
        text: batch.text,
        message: new AIMessageChunk({
          content: batch.text,
          response_metadata: responseMetadata(batch),
          ...(batch.usage ? { usage_metadata: usageMetadata(batch.usage) } : {}),
        }),
      });
      if (batch.text) await runManager?.handleLLMNewToken(batch.text);
    }
  }

  /**
   * The answer's text, usage and model name straight from the transport, for `streamChat`, which
   * keeps nothing else. `stream()` sends the same request through LangChain's Runnable layer: a
   * callback manager configured per call (reading LangChain's tracing variables from
   * `process.env` each time), an AsyncLocalStorage scope, a web ReadableStream around the
   * generator, an AIMessageChunk per read and their concatenation for the end callback: ≈ 11 % of
   * workload 1's CPU per run (BENCHMARKS.md, "This round (2026-12-02, 20:50–23:20 UTC)"), which
   * buys a step nothing — it passes no callbacks and no call options, so the lean path answers
   * every call.
   */
  async *streamText(messages: BaseMessage[], signal: AbortSignal): AsyncGenerator<TextPiece> {
    const body = await this.body(messages, {});
    for await (const batch of this.transport.stream(body, signal)) {
      yield {
        text: batch.text,
        ...(batch.usage ? { usage: usageMetadata(batch.usage) } : {}),
        ...(batch.model ? { model: batch.model } : {}),
      };
    }
  }

  private async body(
    messages: BaseMessage[],
    options: Pick<this['ParsedCallOptions'], 'stop'>,
  ): Promise<CompletionRequest> {
    const model = this.model;
    const body: CompletionRequest = {
      model,
      messages:
        plainCompletionMessages(messages, model) ??
        (await langchainOpenAI()).convertMessagesToCompletionsMessageParams({ messages, model }),
    };
    if (this.temperature !== undefined) body['temperature'] = this.temperature;
    // Reasoning models refuse max_tokens; ChatOpenAI makes the same switch.
    if (this.maxTokens !== undefined)
      body[isReasoningModel(this.model) ? 'max_completion_tokens' : 'max_tokens'] = this.maxTokens;
    if (options.stop?.length) body['stop'] = options.stop;
    return body;
  }
}

const ROLES: Record<string, 'system' | 'user' | 'assistant'> = {
  system: 'system',
  human: 'user',
  ai: 'assistant',
};
const TEXT_PART = ['text', 'type'];
const IMAGE_PART = ['image_url', 'type'];

function hasOnlyKeys(part: object, keys: readonly string[]): boolean {
  return Object.keys(part).every((key) => keys.includes(key));
}

/**
 * The Chat Completions messages for plain chat — system, human and AI messages whose content is a
 * string or text / `image_url` parts, with no name, tool calls, function call, audio or v1
 * content blocks — exactly as LangChain's `convertMessagesToCompletionsMessageParams` writes them.
 * Null when any message carries more: LangChain's converter handles those.
 */
export function plainCompletionMessages(
  messages: readonly BaseMessage[],
  model: string,
): CompletionRequest['messages'] | null {
  const out: { role: string; content: unknown }[] = [];
  for (const message of messages) {
    const role = ROLES[message.getType()];
    if (!role || message.name != null) return null;
    const metadata = message.response_metadata as Record<string, unknown> | undefined;
    if (metadata?.['output_version'] === 'v1') return null;
    const extra = message.additional_kwargs ?? {};
    if (extra['function_call'] != null || extra['tool_calls'] != null || extra['audio'] != null)
      return null;
    if (AIMessage.isInstance(message) && message.tool_calls?.length) return null;
    const { content } = message;
    if (typeof content !== 'string') {
      for (const part of content) {
        if (typeof part !== 'object' || part === null) return null;
        if (part.type === 'text' && hasOnlyKeys(part, TEXT_PART)) continue;
        if (part.type === 'image_url' && hasOnlyKeys(part, IMAGE_PART)) continue;
        return null;
      }
    }
    // LangChain sends reasoning models the system prompt as `developer`.
    out.push({
      role: role === 'system' && prefersDeveloperRole(model) ? 'developer' : role,
      content,
    });
  }
  return out as CompletionRequest['messages'];
}

/** @langchain/openai's `isReasoningModel`, which decides the system → developer switch. */
function prefersDeveloperRole(model: string): boolean {
  if (/^o\d/.test(model)) return true;
  if (model.startsWith('gpt-5') && !model.startsWith('gpt-5-chat')) return true;
  if (model.startsWith('gpt-6') && !model.startsWith('gpt-6-chat')) return true;
  return false;
}

function needsOpenAI(options: object): boolean {
  const record = options as Record<string, unknown>;
  return EXTRA_OPTIONS.some((key) => record[key] !== undefined);
}

function isReasoningModel(model: string): boolean {
  return /^(o\d|gpt-5)/.test(model);
}

function responseMetadata(batch: CompletionBatch): Record<string, unknown> {
  const meta: Record<string, unknown> = { model_provider: 'openai' };
  if (batch.model) meta['model_name'] = batch.model;
  if (batch.finishReason) meta['finish_reason'] = batch.finishReason;
  return meta;
}

function usageMetadata(usage: CompletionUsage): UsageMetadata {
  const out: UsageMetadata = {
    input_tokens: usage.prompt_tokens,
    output_tokens: usage.completion_tokens,
    total_tokens: usage.total_tokens,
  };
  const cached = usage.prompt_tokens_details?.cached_tokens;
  if (cached !== undefined) out.input_token_details = { cache_read: cached };
  const reasoning = usage.completion_tokens_details?.reasoning_tokens;
  if (reasoning !== undefined) out.output_token_details = { reasoning };
  return out;
}

function tokenUsage(usage: CompletionUsage) {
  return {
    promptTokens: usage.prompt_tokens,
    completionTokens: usage.completion_tokens,
    totalTokens: usage.total_tokens,
  };
}
