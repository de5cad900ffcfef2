/**
 * The node catalog: an explicit list (no folder scanning), checked for duplicates at load. Adding
 * a node type is one line here and one in `runtime.ts`.
 */
import { z } from 'zod';
import type { GraphCatalog, NodeTypeInfo } from '@flowpress/shared';
import type { NodeDefinition } from './contract.js';
import { formatIssues, isRecord, type ConfigIssue } from './util/zod-issues.js';
import { withObjectView } from './util/json-schema.js';
import { inputDefinition } from './input/definition.js';
import { promptDefinition } from './prompt/definition.js';
import { imageDefinition } from './image/definition.js';
import { templateDefinition } from './template/definition.js';
import { conditionDefinition } from './condition/definition.js';
import { reviewDefinition } from './review/definition.js';
import { publishDefinition } from './publish/definition.js';
import { retrievalDefinition } from './retrieval/definition.js';

export const definitions: readonly NodeDefinition[] = [
  inputDefinition,
  promptDefinition,
  imageDefinition,
  templateDefinition,
  conditionDefinition,
  reviewDefinition,
  publishDefinition,
  retrievalDefinition,
];

/** What `GET /api/node-types` serves for a definition; the config schema as JSON Schema. */
export function nodeTypeInfo(def: NodeDefinition): NodeTypeInfo {
  if (!isRecord(def.defaults))
    throw new Error(`node type "${def.type}": defaults must be an object`);
  const info: NodeTypeInfo = {
    type: def.type,
    version: def.version,
    label: def.label,
    description: def.description,
    category: def.category,
    icon: def.icon,
    inputs: def.inputs,
    outputs: def.outputs,
    // `input` io: what the editor may send (defaults make keys optional), not the parsed shape.
    configSchema: withObjectView(
      z.toJSONSchema(def.config, { io: 'input' }) as Record<string, unknown>,
    ),
    templateFields: def.templateFields,
    defaults: def.defaults,
  };
  if (def.dynamicOutputs) info.dynamicOutputs = def.dynamicOutputs;
  if (def.streams) info.streams = true;
  return info;
}

export type ParsedConfig =
  { ok: true; config: Record<string, unknown> } | { ok: false; issues: ConfigIssue[] };

export class NodeRegistry implements GraphCatalog {
  private readonly byType = new Map<string, { def: NodeDefinition; info: NodeTypeInfo }>();

  constructor(list: readonly NodeDefinition[]) {
    for (const def of list) {
      if (this.byType.has(def.type))
        throw new Error(`duplicate node type "${def.type}" in the registry`);
      // Computed once: the catalog is served often and never changes at run time.
      this.byType.set(def.type, { def, info: nodeTypeInfo(def) });
    }
  }

  get types(): string[] {
    return [...this.byType.keys()];
  }

  definition(type: string): NodeDefinition | undefined {
    return this.byType.get(type)?.def;
  }

  info(type: string): NodeTypeInfo | undefined {
    return this.byType.get(type)?.info;
  }

  /** Every type's info, in registry order. */
  list(): NodeTypeInfo[] {
    return [...this.byType.values()].map((entry) => entry.info);
  }

  /** Problems with `data` against the type's schema, with paths like `fields[0].name`. */
  checkConfig(type: string, data: Record<string, unknown>): ConfigIssue[] {
    const parsed = this.parseConfig(type, data);
    return parsed.ok ? [] : parsed.issues;
  }

  /** `data` parsed by the type's schema (defaults applied), what an executor receives. */
  parseConfig(type: string, data: unknown): ParsedConfig {
    const def = this.definition(type);
    if (!def) return { ok: false, issues: [{ path: '', message: `unknown node type "${type}"` }] };
    const parsed = def.config.safeParse(data);
    if (!parsed.success) return { ok: false, issues: formatIssues(parsed.error) };
    if (!isRecord(parsed.data))
      return { ok: false, issues: [{ path: '', message: 'config must be an object' }] };
    return { ok: true, config: parsed.data };
  }
}

export const registry = new NodeRegistry(definitions);

/** The catalog graph validation (and the server) use. */
export const catalog: GraphCatalog = registry;
