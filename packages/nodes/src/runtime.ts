/**
 * The server-side entry: executors, providers and error classification. Pulls in LangChain and
 * the openai client, so only processes that run nodes import it. Adding a node type is one line
 * in `executors` (and one in `registry.ts`).
 */
import type { NodeExecutor } from './contract.js';
import { inputExecutor } from './input/executor.js';
import { promptExecutor } from './prompt/executor.js';
import { imageExecutor } from './image/executor.js';
import { templateExecutor } from './template/executor.js';
import { conditionExecutor } from './condition/executor.js';
import { reviewExecutor } from './review/executor.js';
import { publishExecutor } from './publish/executor.js';
import { retrievalExecutor } from './retrieval/executor.js';

/** A map from type to executor; throws on a duplicate type. */
export function defineExecutors(list: readonly NodeExecutor[]): ReadonlyMap<string, NodeExecutor> {
  const map = new Map<string, NodeExecutor>();
  for (const executor of list) {
    if (map.has(executor.type))
      throw new Error(`duplicate executor for node type "${executor.type}"`);
    map.set(executor.type, executor);
  }
  return map;
}

// Each executor is typed by its own config; the engine hands it the config its definition parsed.
export const executors: ReadonlyMap<string, NodeExecutor> = defineExecutors([
  inputExecutor,
  promptExecutor,
  imageExecutor,
  templateExecutor,
  conditionExecutor,
  reviewExecutor,
  publishExecutor,
  retrievalExecutor,
]);

export { classifyError, retryAfterMs, type ClassifiedError } from './errors.js';
export * from './providers/index.js';
export { streamChat } from './llm/stream.js';
export type { ImageOutputItem } from './image/executor.js';
export * from './publish/index.js';
export * from './net/index.js';
export { numberedContext } from './retrieval/executor.js';
