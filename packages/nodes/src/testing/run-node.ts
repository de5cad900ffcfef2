import type { z } from 'zod';
import type { NodeOutput, Usage } from '@flowpress/shared';
import type {
  NodeDefinition,
  NodeExecutor,
  NodeResult,
  NodeServices,
  ResumeState,
} from '../contract.js';
import { createProviders } from '../providers/index.js';
import { MemoryAssetStore } from './memory-assets.js';

export type FakeServices = NodeServices & { assets: MemoryAssetStore };

/** Offline providers and an in-memory asset store. */
export function fakeServices(): FakeServices {
  const { llm, images } = createProviders();
  return { llm, images, assets: new MemoryAssetStore() };
}

export interface RunNodeOptions<S extends z.ZodType> {
  /** The node's `data`, templates already rendered; parsed by the definition's schema. */
  config: z.input<S>;
  inputs?: Record<string, unknown>;
  runInputs?: Record<string, unknown>;
  vars?: Record<string, unknown>;
  /** Replaces some of `fakeServices()`. */
  services?: Partial<NodeServices>;
  signal?: AbortSignal;
  resume?: ResumeState;
  attempt?: number;
  runId?: string;
  nodeId?: string;
}

export interface RunNodeOutcome {
  result: NodeResult;
  /** `result.output`, or undefined when the node suspended. */
  output: NodeOutput | undefined;
  /** Streamed token texts, in order. */
  tokens: string[];
  usage: Partial<Usage>[];
  logs: { level: 'info' | 'warn'; message: string }[];
  services: NodeServices;
}

/**
 * Runs one node the way the engine does (config parsed by its schema, a context with services,
 * emit and usage) and records what it emitted, so a node test is a few lines.
 */
export async function runNode<S extends z.ZodType>(
  definition: NodeDefinition<S>,
  executor: NodeExecutor<z.output<S>>,
  options: RunNodeOptions<S>,
): Promise<RunNodeOutcome> {
  if (executor.type !== definition.type) {
    throw new Error(
      `executor "${executor.type}" does not belong to definition "${definition.type}"`,
    );
  }
  const config = definition.config.parse(options.config);
  const services: NodeServices = { ...fakeServices(), ...options.services };
  const tokens: string[] = [];
  const usage: Partial<Usage>[] = [];
  const logs: RunNodeOutcome['logs'] = [];
  const runId = options.runId ?? 'run-test';
  const nodeId = options.nodeId ?? `${definition.type}-1`;
  const result = await executor.execute({
    runId,
    workflowId: 'workflow-test',
    nodeId,
    config,
    inputs: options.inputs ?? {},
    runInputs: options.runInputs ?? {},
    vars: options.vars ?? {},
    attempt: options.attempt ?? 1,
    idempotencyKey: `${runId}:${nodeId}`,
    signal: options.signal ?? new AbortController().signal,
    emit(event) {
      if (event.type === 'token') tokens.push(event.text);
      else logs.push({ level: event.level, message: event.message });
    },
    reportUsage(u) {
      usage.push(u);
    },
    services,
    ...(options.resume ? { resume: options.resume } : {}),
  });
  return {
    result,
    output: 'output' in result ? result.output : undefined,
    tokens,
    usage,
    logs,
    services,
  };
}
