import { z } from 'zod';
import { portSpecSchema, type PortSpec, type PortType } from './ports.js';

export const nodeCategorySchema = z.enum(['inputs', 'generate', 'knowledge', 'review', 'publish', 'logic']);
export type NodeCategory = z.infer<typeof nodeCategorySchema>;

/**
 * Ports that depend on a node's config, described as data so the browser (which never imports
 * packages/nodes) computes exactly what the server does:
 * - `fromConfigList`: one output per item of `data[key]`, named by `item[nameKey]`, typed by
 *   mapping `item[typeKey]` through `typeMap` (else `any`) — the `input` node's fields.
 */
export const dynamicPortsSchema = z.object({
  fromConfigList: z.object({
    key: z.string(),
    nameKey: z.string(),
    typeKey: z.string().optional(),
    typeMap: z.record(z.string(), z.enum(['text', 'json', 'documents', 'images', 'any'])).optional(),
  }),
});
export type DynamicPorts = z.infer<typeof dynamicPortsSchema>;

/** What `GET /api/node-types` serves for each type: everything the editor needs to draw it. */
export const nodeTypeInfoSchema = z.object({
  type: z.string(),
  version: z.number().int().positive(),
  label: z.string(),
  description: z.string(),
  category: nodeCategorySchema,
  icon: z.string(),
  inputs: z.array(portSpecSchema),
  outputs: z.array(portSpecSchema),
  dynamicOutputs: dynamicPortsSchema.optional(),
  /** JSON Schema (draft 2020-12) of the node's `data`. */
  configSchema: z.record(z.string(), z.unknown()),
  /** Config keys whose string values are templates (`{{node.port}}`). */
  templateFields: z.array(z.string()),
  /** A fresh node's `data`. */
  defaults: z.record(z.string(), z.unknown()),
  /** Whether the node streams `node.token` events. */
  streams: z.boolean().optional(),
});
export type NodeTypeInfo = z.infer<typeof nodeTypeInfoSchema>;

export interface ResolvedPorts {
  inputs: PortSpec[];
  outputs: PortSpec[];
}

/** The ports of a node given its type info and config (static plus config-driven). */
export function resolvePorts(info: NodeTypeInfo, data: Record<string, unknown>): ResolvedPorts {
  const rule = info.dynamicOutputs?.fromConfigList;
  if (!rule) return { inputs: info.inputs, outputs: info.outputs };
  const value = Object.prototype.hasOwnProperty.call(data, rule.key) ? data[rule.key] : undefined;
  const list = Array.isArray(value) ? (value as unknown[]) : [];
  const taken = new Set(info.outputs.map((p) => p.name));
  const dynamic: PortSpec[] = [];
  for (const item of list) {
    if (!item || typeof item !== 'object' || Array.isArray(item)) continue;
    const rec = item as Record<string, unknown>;
    const name = ownValue(rec, rule.nameKey);
    // A name already used (a static port or an earlier item) would make two ports answer to it.
    if (typeof name !== 'string' || !name || taken.has(name)) continue;
    taken.add(name);
    const raw = rule.typeKey ? ownValue(rec, rule.typeKey) : undefined;
    // Own keys only: a field typed "constructor" must not pick up Object.prototype.constructor.
    const mapped = typeof raw === 'string' && rule.typeMap ? ownValue(rule.typeMap, raw) : undefined;
    const type: PortType = typeof mapped === 'string' ? (mapped as PortType) : 'any';
    dynamic.push({ name, type });
  }
  return { inputs: info.inputs, outputs: [...info.outputs, ...dynamic] };
}

function ownValue(record: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** The port an edge without a handle uses: the first declared one. */
export function defaultPort(ports: PortSpec[]): PortSpec | undefined {
  return ports[0];
}

/**
 * The port an edge end uses: the named one, or the default (first) when the handle is absent.
 * React Flow writes `null` or an empty string for a node's only handle; both mean "the default".
 */
export function edgePort(ports: PortSpec[], handle: string | null | undefined): PortSpec | undefined {
  return handle ? ports.find((p) => p.name === handle) : defaultPort(ports);
}
