import type { ChatModelOptions } from '../contract.js';

/** Enough for every distinct model setting in use; a runaway set of keys can't grow memory. */
const MAX_ENTRIES = 64;

/**
 * LangChain models built once per distinct (model, temperature, maxTokens) and shared by every
 * run: building one per execution costs time and memory on the hot path.
 */
export class ModelCache<T> {
  private readonly entries = new Map<string, T>();

  get(
    options: ChatModelOptions,
    defaultModel: string,
    build: (resolved: Required<Pick<ChatModelOptions, 'model'>> & ChatModelOptions) => T,
  ): T {
    const model = options.model?.trim() || defaultModel;
    const key = JSON.stringify([model, options.temperature ?? null, options.maxTokens ?? null]);
    let entry = this.entries.get(key);
    if (entry === undefined) {
      entry = build({ model, temperature: options.temperature, maxTokens: options.maxTokens });
      if (this.entries.size >= MAX_ENTRIES) {
        const oldest = this.entries.keys().next().value;
        if (oldest !== undefined) this.entries.delete(oldest);
      }
      this.entries.set(key, entry);
    }
    return entry;
  }

  get size(): number {
    return this.entries.size;
  }
}
