import {
  compileGraph,
  parseTemplate,
  type CompiledGraph,
  type CompiledNode,
  type ParsedTemplate,
  type NodeSettings,
  type WorkflowGraph,
} from '@flowpress/shared';
import type { NodeDefinition, NodeExecutor } from '@flowpress/nodes';
import type { NodeRuntime } from './node-runtime.js';

export interface ExecutableNode {
  node: CompiledNode;
  definition: NodeDefinition;
  executor: NodeExecutor;
  /** Parsed once per workflow version: field name → template. */
  templates: ReadonlyMap<string, ParsedTemplate>;
  settings: NodeSettings;
  defaultOutput: string | undefined;
  /**
   * Cheap, deterministic and free of side effects (input, template, a non-LLM condition): its
   * checkpoint rides along with the next write instead of costing one of its own. After a crash
   * it simply runs again.
   */
  deferCheckpoint: boolean;
}

function isCheapAndDeterministic(
  definition: NodeDefinition,
  data: Record<string, unknown>,
): boolean {
  if (definition.sideEffects) return false;
  return definition.deterministic?.(data) ?? false;
}

/** A workflow version ready to execute; immutable, so it is compiled once and cached. */
export interface CompiledWorkflow {
  workflowId: string;
  version: number;
  graph: CompiledGraph;
  nodes: ReadonlyMap<string, ExecutableNode>;
}

export function compileWorkflow(
  workflowId: string,
  version: number,
  source: WorkflowGraph,
  runtime: NodeRuntime,
): CompiledWorkflow {
  const graph = compileGraph(source, (type) => runtime.info(type));
  const nodes = new Map<string, ExecutableNode>();
  for (const raw of source.nodes) {
    const node = graph.nodes.get(raw.id)!;
    const definition = runtime.definition(raw.type);
    const executor = runtime.executor(raw.type);
    if (!definition || !executor) {
      throw new Error(`node "${raw.id}" has type "${raw.type}", which this server cannot run`);
    }
    const templates = new Map<string, ParsedTemplate>();
    for (const field of definition.templateFields) {
      const value = raw.data[field];
      if (typeof value === 'string') templates.set(field, parseTemplate(value));
    }
    const settings: NodeSettings = raw.settings ?? {};
    nodes.set(raw.id, {
      node,
      definition,
      executor,
      templates,
      settings,
      defaultOutput: node.ports.outputs[0]?.name,
      deferCheckpoint: isCheapAndDeterministic(definition, raw.data),
    });
  }
  return { workflowId, version, graph, nodes };
}

/** A bounded cache of compiled versions (versions never change, so entries never go stale). */
export class CompiledWorkflowCache {
  private readonly entries = new Map<string, Promise<CompiledWorkflow>>();

  constructor(
    private readonly load: (workflowId: string, version: number) => Promise<CompiledWorkflow>,
    private readonly capacity = 500,
  ) {}

  get(workflowId: string, version: number): Promise<CompiledWorkflow> {
    const key = `${workflowId}:${version}`;
    const hit = this.entries.get(key);
    if (hit) {
      // Refresh recency: Map keeps insertion order, so re-insert at the end.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const loading = this.load(workflowId, version);
    loading.catch(() => this.entries.delete(key));
    this.entries.set(key, loading);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return loading;
  }
}
