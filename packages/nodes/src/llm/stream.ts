import type { BaseMessage, AIMessageChunk } from '@langchain/core/messages';
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
  const model = llm.chatModel({
    model: requested,
    temperature: options.temperature,
    maxTokens: options.maxTokens,
  });
  ctx.signal.throwIfAborted();
  let aggregate: AIMessageChunk | undefined;
  try {
    const stream = await model.stream(messages, { signal: ctx.signal });
    for await (const chunk of stream) {
      const piece = chunk.text;
      if (piece && options.emitTokens) ctx.emit({ type: 'token', text: piece });
      aggregate = aggregate ? aggregate.concat(chunk) : chunk;
    }
  } catch (err) {
    // LangChain and the clients report an abort in several shapes; the engine gets one: the
    // signal's reason (an AbortError unless the canceller said otherwise).
    ctx.signal.throwIfAborted();
    throw err;
  }
  // Some providers end the stream quietly on abort: make the abort visible to the engine.
  ctx.signal.throwIfAborted();
  const usage = aggregate?.usage_metadata;
  const reported = aggregate?.response_metadata?.['model_name'];
  ctx.reportUsage({
    model: typeof reported === 'string' && reported ? reported : (requested ?? llm.defaultModel),
    provider: llm.id,
    inputTokens: usage?.input_tokens ?? 0,
    outputTokens: usage?.output_tokens ?? 0,
    totalTokens: usage?.total_tokens ?? (usage ? usage.input_tokens + usage.output_tokens : 0),
  });
  return aggregate?.text ?? '';
}
