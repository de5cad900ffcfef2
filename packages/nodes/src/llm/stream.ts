import type { BaseMessage, UsageMetadata } from '@langchain/core/messages';
import type { ChatModelOptions, NodeContext } from '../contract.js';

type StreamContext = Pick<NodeContext<unknown>, 'services' | 'signal' | 'emit' | 'reportUsage'>;

/**
 * Streams a chat completion and aggregates it. Always `.stream()`, never `.invoke()`: LangChain's
 * invoke path may count tokens with tiktoken, which downloads tokenizer files and hangs offline.
 * Usage comes from the provider's own numbers on the aggregated chunk.
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
  let reported: unknown;
  try {
    const stream = await model.stream(messages, { signal: ctx.signal });
    for await (const chunk of stream) {
      const piece = chunk.text;
      if (piece) {
        text += piece;
        if (options.emitTokens) ctx.emit({ type: 'token', text: piece });
      }
      if (chunk.usage_metadata) usage = addUsage(usage, chunk.usage_metadata);
      const name: unknown = chunk.response_metadata?.['model_name'];
      if (typeof name === 'string' && name) reported = name;
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
    model: typeof reported === 'string' ? reported : (requested ?? llm.defaultModel),
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
