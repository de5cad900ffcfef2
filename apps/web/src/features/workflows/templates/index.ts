import {
  portsCompatible,
  resolvePorts,
  type GraphEdge,
  type GraphNode,
  type NodeTypeInfo,
  type WorkflowGraph,
} from '@flowpress/shared';
import { layoutLeftToRight } from '../../../lib/autoLayout';
import { blogPost } from './blogPost';
import { newsletter } from './newsletter';
import { productDescriptions } from './productDescriptions';
import { socialPosts } from './socialPosts';
import type { FlowTemplate } from './types';

export type { FlowTemplate } from './types';

export const TEMPLATES: FlowTemplate[] = [blogPost, socialPosts, newsletter, productDescriptions];

/** Templates whose every required node type is in the catalog the server serves right now. */
export function availableTemplates(catalog: readonly NodeTypeInfo[]): FlowTemplate[] {
  const types = new Set(catalog.map((c) => c.type));
  return TEMPLATES.filter((t) => t.nodes.every((n) => n.optional || types.has(n.type)));
}

/** The template's steps that the catalog offers (optional ones it lacks are left out). */
export function includedNodes(template: FlowTemplate, catalog: readonly NodeTypeInfo[]) {
  const types = new Set(catalog.map((c) => c.type));
  return template.nodes.filter((n) => types.has(n.type));
}

/** Optional steps left out because the server does not offer them yet. */
export function missingOptional(template: FlowTemplate, catalog: readonly NodeTypeInfo[]) {
  const types = new Set(catalog.map((c) => c.type));
  return template.nodes.filter((n) => n.optional && !types.has(n.type));
}

const CARD_WIDTH = 260;

function estimateHeight(ports: { inputs: unknown[]; outputs: unknown[] }): number {
  return 96 + 22 * Math.max(ports.inputs.length, ports.outputs.length, 1);
}

/**
 * Builds a graph from a template against the live catalog: configs start from each type's
 * defaults, edges land on the first compatible ports, positions come from an automatic layout.
 */
export function instantiateTemplate(
  template: FlowTemplate,
  catalog: readonly NodeTypeInfo[],
): WorkflowGraph | null {
  const infos = new Map(catalog.map((c) => [c.type, c]));
  const nodes: GraphNode[] = [];
  const portsOf = new Map<string, ReturnType<typeof resolvePorts>>();
  for (const n of template.nodes) {
    const info = infos.get(n.type);
    if (!info && n.optional) continue;
    if (!info) return null;
    const data = { ...structuredClone(info.defaults), ...structuredClone(n.data) };
    portsOf.set(n.id, resolvePorts(info, data));
    nodes.push({
      id: n.id,
      type: n.type,
      position: { x: 0, y: 0 },
      data,
      ...(n.label ? { label: n.label } : {}),
    });
  }
  const edges: GraphEdge[] = [];
  const taken = new Set<string>();
  template.edges.forEach((e, i) => {
    const sp = portsOf.get(e.source);
    const tp = portsOf.get(e.target);
    if (!sp || !tp) return;
    const out = (e.sourcePort && sp.outputs.find((p) => p.name === e.sourcePort)) || sp.outputs[0];
    if (!out) return;
    const candidates = e.targetPort ? tp.inputs.filter((p) => p.name === e.targetPort) : tp.inputs;
    const fits = candidates.filter((p) => portsCompatible(out.type, p.type));
    const input =
      fits.find((p) => p.multiple || !taken.has(`${e.target}:${p.name}`)) ??
      fits.find((p) => p.multiple);
    if (!input) return;
    taken.add(`${e.target}:${input.name}`);
    edges.push({
      id: `e${i + 1}`,
      source: e.source,
      target: e.target,
      sourceHandle: out.name,
      targetHandle: input.name,
    });
  });
  const positions = layoutLeftToRight(
    nodes.map((n) => ({
      id: n.id,
      width: CARD_WIDTH,
      height: estimateHeight(portsOf.get(n.id) ?? { inputs: [], outputs: [] }),
    })),
    edges,
  );
  for (const n of nodes) n.position = positions.get(n.id) ?? n.position;
  return { version: 1, nodes, edges };
}

/** A new workflow's graph: one input step with a `topic` field, when the catalog has it. */
export function blankGraph(catalog: readonly NodeTypeInfo[]): WorkflowGraph {
  const input = catalog.find((c) => c.type === 'input');
  if (!input) return { version: 1, nodes: [], edges: [] };
  const data = { ...structuredClone(input.defaults) };
  if (!Array.isArray(data.fields) || data.fields.length === 0)
    data.fields = [{ name: 'topic', type: 'text', required: true }];
  return {
    version: 1,
    nodes: [{ id: 'brief', type: 'input', label: 'Brief', position: { x: 0, y: 0 }, data }],
    edges: [],
  };
}
