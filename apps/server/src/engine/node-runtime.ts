import type { NodeTypeInfo } from '@flowpress/shared';
import type { NodeDefinition, NodeExecutor } from '@flowpress/nodes';
import { registry } from '@flowpress/nodes';
import { classifyError, executors } from '@flowpress/nodes/runtime';

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

/** Node types as the engine sees them: the registry's definitions and the runtime executors. */
export const nodeRuntime: NodeRuntime = {
  definition: (type) => registry.definition(type),
  info: (type) => registry.info(type),
  executor: (type) => executors.get(type),
  classifyError,
};
