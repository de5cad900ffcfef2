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
import { z } from 'zod';
import type { NodeRuntime } from './node-runtime.js';

/** A node's settings for one attempt, or why they do not parse (paths joined with dots). */
export type ConfigResult =
  | { ok: true; config: Record<string, unknown> }
  | { ok: false; issues: { path: string; message: string }[] };

export interface ExecutableNode {
  node: CompiledNode;
  definition: NodeDefinition;
  executor: NodeExecutor;
  /** Parsed once per workflow version: field name → template. */
  templates: ReadonlyMap<string, ParsedTemplate>;
  settings: NodeSettings;
  /**
   * The node's settings checked against its schema with the templated fields' text filled in
   * (`rendered`: field → text). Prepared once per version by `settingsCheck`.
   */
  config: (rendered: Record<string, string>) => ConfigResult;
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
      config: settingsCheck(definition.config, raw.data, [...templates.keys()]),
      defaultOutput: node.ports.outputs[0]?.name,
      deferCheckpoint: isCheapAndDeterministic(definition, raw.data),
    });
  }
  return { workflowId, version, graph, nodes };
}

/**
 * How a node's settings are checked on every attempt, decided once per workflow version. The
 * settings of a version never change; only the templated fields' text does, run by run. So the
 * schema runs once here and, on each attempt, only over what changed:
 * - no templated field: the settings parsed here are the answer of every attempt;
 * - an object schema with no check of its own (none across fields) whose settings parse here:
 *   only the templated fields' own schemas run, over their filled-in text;
 * - anything else (a refinement across fields, a union, settings that parse only once filled
 *   in): the whole schema, as before.
 * Re-parsing a prompt step's whole settings on every attempt (its output schema's outline
 * included) was ≈ 2.5 % of the server's main thread on workload 1 (BENCHMARKS.md).
 *
 * Each attempt gets its own top-level object; values nested in it are shared by the attempts of
 * the version, as values of `z.unknown()` fields (an output schema's properties) already were
 * with the graph itself. They are not frozen: a JSON Schema validator annotates the schema it
 * is given in place (a cache of resolved ids), which is harmless shared and fails frozen.
 */
export function settingsCheck(
  schema: z.ZodType,
  data: Record<string, unknown>,
  templated: string[],
): (rendered: Record<string, string>) => ConfigResult {
  const whole = (rendered: Record<string, string>): ConfigResult => {
    const parsed = schema.safeParse({ ...data, ...rendered });
    return parsed.success
      ? { ok: true, config: parsed.data as Record<string, unknown> }
      : { ok: false, issues: parsed.error.issues.map((i) => issue(i.path, i.message)) };
  };
  const base = schema.safeParse(data);
  if (!base.success) return whole;
  const settings = base.data as Record<string, unknown>;
  if (!templated.length) return () => ({ ok: true, config: { ...settings } });
  if (!(schema instanceof z.ZodObject) || schema.def.checks?.length) return whole;
  const shape = schema.shape as Record<string, z.ZodType | undefined>;
  const fields = templated.map((name) => ({ name, schema: shape[name] }));
  if (fields.some((f) => !f.schema)) return whole;
  return (rendered) => {
    const config: Record<string, unknown> = { ...settings };
    let issues: { path: string; message: string }[] | undefined;
    for (const field of fields) {
      if (!(field.name in rendered)) continue;
      const parsed = field.schema!.safeParse(rendered[field.name]);
      if (parsed.success) config[field.name] = parsed.data;
      else
        (issues ??= []).push(
          ...parsed.error.issues.map((i) => issue([field.name, ...i.path], i.message)),
        );
    }
    return issues ? { ok: false, issues } : { ok: true, config };
  };
}

function issue(path: PropertyKey[], message: string): { path: string; message: string } {
  return { path: path.map(String).join('.'), message };
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
