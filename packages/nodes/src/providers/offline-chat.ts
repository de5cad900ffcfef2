/**
 * A chat model that needs no provider: deterministic answers seeded by the prompt, streamed word
 * by word, usage reported under the `offline` provider. It answers in kind: JSON matching the
 * schema when the prompt carries one, yes/no for a condition, Markdown prose otherwise.
 */
import {
  BaseChatModel,
  type BaseChatModelParams,
} from '@langchain/core/language_models/chat_models';
import {
  AIMessage,
  AIMessageChunk,
  type BaseMessage,
  type UsageMetadata,
} from '@langchain/core/messages';
import { ChatGenerationChunk, type ChatResult } from '@langchain/core/outputs';
import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import { extractJsonSchema, parseYesNoQuestion, YES_NO_INSTRUCTION } from '../llm/protocol.js';
import { hash32, seededRandom } from '../util/hash.js';
import { fillSchema } from './offline-json.js';
import { writeOfflineMarkdown } from './offline-writer.js';
import { OFFLINE_CHAT_MODEL, OFFLINE_PROVIDER_ID } from './offline-ids.js';
import { analysePrompt, contentWords, splitWords, stem } from './text-features.js';

export { OFFLINE_CHAT_MODEL, OFFLINE_PROVIDER_ID, splitWords };

export interface OfflineChatModelFields extends BaseChatModelParams {
  model?: string;
  /** Caps prose answers (JSON and yes/no are never cut, they would stop parsing). */
  maxTokens?: number;
  /** Pause between streamed words, to demo streaming; 0 (default) adds no delay. */
  tokenDelayMs?: number;
}

export interface OfflineAnswer {
  text: string;
  /** The streamed pieces; joined they give `text`. */
  pieces: string[];
  usage: UsageMetadata;
}

export class OfflineChatModel extends BaseChatModel {
  static override lc_name(): string {
    return 'OfflineChatModel';
  }

  readonly model: string;
  readonly maxTokens: number | undefined;
  readonly tokenDelayMs: number;

  constructor(fields: OfflineChatModelFields = {}) {
    super(fields);
    this.model = fields.model ?? OFFLINE_CHAT_MODEL;
    this.maxTokens = fields.maxTokens;
    this.tokenDelayMs = fields.tokenDelayMs ?? 0;
  }

  _llmType(): string {
    return OFFLINE_PROVIDER_ID;
  }

  /** The full answer to `messages`. Pure: same messages, same answer. */
  answer(messages: BaseMessage[]): OfflineAnswer {
    const system = messages
      .filter((m) => m.getType() === 'system')
      .map((m) => m.text)
      .join('\n\n');
    const human = [...messages].reverse().find((m) => m.getType() === 'human')?.text ?? '';
    const all = messages.map((m) => m.text).join('\n\n');
    let text: string;
    let prose = false;
    const schema = extractJsonSchema(system) ?? extractJsonSchema(human);
    if (schema) {
      text = JSON.stringify(
        fillSchema(schema, seededRandom(hash32(all)), analysePrompt(human)),
        null,
        2,
      );
    } else if (system.includes(YES_NO_INSTRUCTION)) {
      text = answerYesNo(human);
    } else {
      text = writeOfflineMarkdown(human, system);
      prose = true;
    }
    let pieces = splitWords(text);
    if (prose && this.maxTokens !== undefined && pieces.length > this.maxTokens) {
      pieces = pieces.slice(0, this.maxTokens);
      text = pieces.join('');
    }
    const inputTokens = Math.ceil(all.length / 4);
    return {
      text,
      pieces,
      usage: {
        input_tokens: inputTokens,
        output_tokens: pieces.length,
        total_tokens: inputTokens + pieces.length,
      },
    };
  }

  private responseMetadata(): Record<string, unknown> {
    return {
      model_name: this.model,
      model_provider: OFFLINE_PROVIDER_ID,
      offline: true,
      finish_reason: 'stop',
    };
  }

  async _generate(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    _runManager?: CallbackManagerForLLMRun,
  ): Promise<ChatResult> {
    options.signal?.throwIfAborted();
    const { text, usage } = this.answer(messages);
    const message = new AIMessage({
      content: text,
      usage_metadata: usage,
      response_metadata: this.responseMetadata(),
    });
    return { generations: [{ text, message }], llmOutput: { tokenUsage: usage } };
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    const { pieces, usage } = this.answer(messages);
    for (const piece of pieces) {
      options.signal?.throwIfAborted();
      if (this.tokenDelayMs > 0) await delay(this.tokenDelayMs, options.signal);
      yield new ChatGenerationChunk({
        text: piece,
        message: new AIMessageChunk({ content: piece }),
      });
      await runManager?.handleLLMNewToken(piece);
    }
    // Like a real provider: usage and metadata arrive on a final, empty chunk.
    yield new ChatGenerationChunk({
      text: '',
      message: new AIMessageChunk({
        content: '',
        usage_metadata: usage,
        response_metadata: this.responseMetadata(),
      }),
    });
  }
}

/** "yes" when most of the condition's content words (stemmed) occur in the text. */
function answerYesNo(question: string): string {
  const parsed = parseYesNoQuestion(question);
  if (!parsed) return 'no';
  const wanted = new Set(contentWords(parsed.condition).map(stem));
  if (!wanted.size) return 'no';
  const present = new Set(contentWords(parsed.text).map(stem));
  const hits = [...wanted].filter((w) => present.has(w)).length;
  return hits / wanted.size >= 0.5 ? 'yes' : 'no';
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(
        signal?.reason instanceof Error ? signal.reason : new DOMException('aborted', 'AbortError'),
      );
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
