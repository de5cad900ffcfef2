/**
 * The chat model for OpenAI-compatible endpoints: a LangChain `BaseChatModel` over the lean
 * transport (`llm/openai-transport.ts`). Plain chat — text and image parts in, text out, streamed
 * or not — goes over the transport, one LangChain chunk per network read; LangChain costs about
 * 30 µs per chunk it yields, so a 62-token answer that arrives in a few reads costs a few chunks.
 *
 * What the lean path does not speak (tool calling, provider-side structured output through
 * `response_format`, any other OpenAI extra) goes to a `ChatOpenAI` built with the same settings
 * on first use. Prompts, messages and their conversion stay LangChain's.
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
import type { Runnable } from '@langchain/core/runnables';
import {
  convertMessagesToCompletionsMessageParams,
  type ChatOpenAI,
  type ChatOpenAICallOptions,
} from '@langchain/openai';
import type {
  ChatTransport,
  CompletionBatch,
  CompletionRequest,
  CompletionUsage,
} from '../llm/openai-transport.js';

export interface LeanChatOpenAIFields extends BaseChatModelParams {
  model: string;
  temperature?: number;
  maxTokens?: number;
  /** Shared by every model of a provider: one keep-alive pool. */
  transport: ChatTransport;
  /** Builds the ChatOpenAI that takes what the lean path does not do; called once, lazily. */
  openAI: () => ChatOpenAI;
}

/** Call options that only `ChatOpenAI` understands; their presence sends the call there. */
const EXTRA_OPTIONS = ['tools', 'tool_choice', 'response_format', 'functions', 'function_call'];

// ChatOpenAI's call options: a call meant for ChatOpenAI (tools, response_format) can be made here.
export class LeanChatOpenAI extends BaseChatModel<ChatOpenAICallOptions> {
  static override lc_name(): string {
    return 'LeanChatOpenAI';
  }

  readonly model: string;
  readonly temperature: number | undefined;
  readonly maxTokens: number | undefined;
  private readonly transport: ChatTransport;
  private readonly buildOpenAI: () => ChatOpenAI;
  private openAIModel: ChatOpenAI | undefined;

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

  /** The full ChatOpenAI with the same settings, for features the lean path leaves to it. */
  openAI(): ChatOpenAI {
    this.openAIModel ??= this.buildOpenAI();
    return this.openAIModel;
  }

  override bindTools(
    tools: BindToolsInput[],
    kwargs?: Partial<this['ParsedCallOptions']>,
  ): Runnable<BaseLanguageModelInput, AIMessageChunk> {
    return this.openAI().bindTools(tools, kwargs);
  }

  // Structured output through response_format / tool calls is ChatOpenAI's; the prompt node's
  // own JSON instruction (prompt/structured.ts) needs neither and stays on the lean path.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- mirrors the base overloads
  override withStructuredOutput(...args: [any, any?]): any {
    return this.openAI().withStructuredOutput(...args);
  }

  override async _generate(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): Promise<ChatResult> {
    if (needsOpenAI(options)) return this.openAI()._generate(messages, options, runManager);
    let text = '';
    let last: CompletionBatch = { text: '' };
    let usage: CompletionUsage | undefined;
    for await (const batch of this.transport.stream(this.body(messages, options), options.signal)) {
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
      yield* this.openAI()._streamResponseChunks(messages, options, runManager);
      return;
    }
    for await (const batch of this.transport.stream(this.body(messages, options), options.signal)) {
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

  private body(messages: BaseMessage[], options: this['ParsedCallOptions']): CompletionRequest {
    const body: CompletionRequest = {
      model: this.model,
      messages: convertMessagesToCompletionsMessageParams({ messages, model: this.model }),
    };
    if (this.temperature !== undefined) body['temperature'] = this.temperature;
    // Reasoning models refuse max_tokens; ChatOpenAI makes the same switch.
    if (this.maxTokens !== undefined)
      body[isReasoningModel(this.model) ? 'max_completion_tokens' : 'max_tokens'] = this.maxTokens;
    if (options.stop?.length) body['stop'] = options.stop;
    return body;
  }
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
