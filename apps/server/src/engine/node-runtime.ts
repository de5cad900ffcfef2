import type { NodeTypeInfo } from '@flowpress/shared';
import type { NodeDefinition, NodeExecutor } from '@flowpress/nodes';

/** How the engine classifies a thrown error (from `classifyError` in @flowpress/nodes/runtime). */
export interface ClassifiedError {
  message: string;
  code?: string;
  retryable: boolean;
  retryAfterMs?: number;
}

/** What the engine needs of packages/nodes: looked up by type, built once at start-up. */
export interface NodeRuntime {
  definition(type: string): NodeDefinition | undefined;
  /** The catalog entry (ports, template fields) the graph algorithms use. */
  info(type: string): NodeTypeInfo | undefined;
  executor(type: string): NodeExecutor | undefined;
  classifyError(error: unknown): ClassifiedError;
}
