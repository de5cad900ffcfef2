import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { BaseMessage, UsageMetadata } from '@langchain/core/messages';
import type { ChatModelOptions, NodeContext } from '../contract.js';

type StreamContext = Pick<NodeContext<unknown>, 'services' | 'signal' | 'emit' | 'reportUsage'>;

/** What `streamChat` keeps of a streamed answer, piece by piece. */
export interface TextPiece {
  text: string;
  usage?: UsageMetadata;
  /** The model the provider says answered. */
  model?: string;
}

/**
 * A chat model that can stream an answer's text and usage without LangChain's Runnable layer
 * (providers/lean-chat.ts). Models without it (offline, ChatOpenAI) go through `.stream()`.
 */
export interface TextStreamingChatModel {
  streamText(messages: BaseMessage[], signal: AbortSignal): AsyncIterable<TextPiece>;
}

function streamsText(model: object): model is TextStreamingChatModel {
  return typeof (model as Partial<TextStreamingChatModel>).streamText === 'function';
}

/** A LangChain model's `.stream()`, read as the same pieces. */
async function* langChainPieces(
  model: BaseChatModel,
  messages: BaseMessage[],
  signal: AbortSignal,
): AsyncGenerator<TextPiece> {
  for await (const chunk of await model.stream(messages, { signal })) {
    const name: unknown = chunk.response_metadata?.['model_name'];
    yield {
      text: chunk.text,
      ...(chunk.usage_metadata ? { usage: chunk.usage_metadata } : {}),
      ...(typeof name === 'string' && name ? { model: name } : {}),
    };
  }
}

/**
 * Streams a chat completion and aggregates it. Always streamed (`streamText` or `.stream()`), never
 * `.invoke()`: LangChain's invoke path may count tokens with tiktoken, which downloads tokenizer
 * files and hangs offline. Usage is the provider's own numbers, added up over the pieces.
 */
export async function streamChat(
  ctx: StreamContext,
  messages: BaseMessage[],
  options: ChatModelOptions & { emitTokens: boolean },
): Promise<string> {
  const llm = ctx.services.llm;
  const requested = options.model?.trim() || undefined;
  // The first call of a process imports LangChain and the client (tens of ms); later ones get the
  // cached model.
  const model = await llm.chatModel({
    model: requested,
    temperature: options.temperature,
    maxTokens: options.maxTokens,
  });
  ctx.signal.throwIfAborted();
  // Text and usage are all we keep: merging every chunk into one message (AIMessageChunk.concat)
  // costs more per chunk than the chunk itself.
  let text = '';
  let usage: UsageMetadata | undefined;
  let reported: string | undefined;
  try {
    // A model that streams text itself skips LangChain's per-call machinery (lean-chat.ts says
    // what that is); the pieces are the same either way (a spec compares them).
    const pieces = streamsText(model)
      ? model.streamText(messages, ctx.signal)
      : langChainPieces(model, messages, ctx.signal);
    for await (const piece of pieces) {
      if (piece.text) {
        text += piece.text;
        if (options.emitTokens) ctx.emit({ type: 'token', text: piece.text });
      }
      if (piece.usage) usage = addUsage(usage, piece.usage);
      if (piece.model) reported = piece.model;
    }
  } catch (err) {
    // LangChain and the clients report an abort in several shapes; the engine gets one: the
    // signal's reason (an AbortError unless the canceller said otherwise).
    ctx.signal.throwIfAborted();
    throw err;
  }
  // Some providers end the stream quietly on abort: make the abort visible to the engine.
  ctx.signal.throwIfAborted();
  ctx.reportUsage({
    model: reported ?? requested ?? llm.defaultModel,
    provider: llm.id,
    inputTokens: usage?.input_tokens ?? 0,
    outputTokens: usage?.output_tokens ?? 0,
    totalTokens: usage?.total_tokens ?? 0,
  });
  return text;
}

/** Usage spread over several chunks adds up, as AIMessageChunk.concat would add it. */
function addUsage(sum: UsageMetadata | undefined, next: UsageMetadata): UsageMetadata {
  if (!sum) return next;
  return {
    input_tokens: sum.input_tokens + next.input_tokens,
    output_tokens: sum.output_tokens + next.output_tokens,
    total_tokens: sum.total_tokens + next.total_tokens,
  };
}
