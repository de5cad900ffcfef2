import { workflowGraphSchema, type WorkflowGraph } from './graph.js';
import { resolvePorts, type NodeTypeInfo, type ResolvedPorts } from './catalog.js';
import { incompatibilityReason } from './ports.js';
import { ancestorsOf, topologicalOrder } from './topology.js';
import { parseTemplate, RESERVED_TEMPLATE_VARS } from './templates.js';
import type { Issue } from './api.js';

/** What validation needs to know about node types. */
export interface GraphCatalog {
  info(type: string): NodeTypeInfo | undefined;
  /** Checks a node's config against its type's schema; returns problems with paths inside data. */
  checkConfig?(type: string, data: Record<string, unknown>): { path: string; message: string }[];
}

/** Turns zod's issue path into `nodes[2].data.template`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

export interface GraphValidation {
  ok: boolean;
  issues: Issue[];
  graph?: WorkflowGraph;
}

/**
 * Checks everything CONTRACT §1 refuses, and reports every issue at once (not just the first):
 * shape, duplicate ids, unknown types, config failing its schema, dangling edges, incompatible or
 * unknown ports, cycles, and template references to anything but an upstream node.
 */
export function validateGraph(input: unknown, catalog: GraphCatalog): GraphValidation {
  const parsed = workflowGraphSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
    };
  }
  const graph = parsed.data;
  const issues: Issue[] = [];
  const ports = new Map<string, ResolvedPorts>();
  const infos = new Map<string, NodeTypeInfo>();
  const seen = new Set<string>();

  graph.nodes.forEach((node, i) => {
    const at = `nodes[${i}]`;
    if (seen.has(node.id)) {
      issues.push({ path: `${at}.id`, message: `duplicate node id "${node.id}"`, nodeId: node.id });
    }
    seen.add(node.id);
    const info = catalog.info(node.type);
    if (!info) {
      issues.push({ path: `${at}.type`, message: `unknown node type "${node.type}"`, nodeId: node.id });
      return;
    }
    infos.set(node.id, info);
    ports.set(node.id, resolvePorts(info, node.data));
    for (const problem of catalog.checkConfig?.(node.type, node.data) ?? []) {
      issues.push({
        path: problem.path ? `${at}.data.${problem.path}` : `${at}.data`,
        message: problem.message,
        nodeId: node.id,
      });
    }
  });

  const edgeIds = new Set<string>();
  const validEdges: { source: string; target: string }[] = [];
  graph.edges.forEach((edge, i) => {
    const at = `edges[${i}]`;
    if (edgeIds.has(edge.id)) issues.push({ path: `${at}.id`, message: `duplicate edge id "${edge.id}"`, edgeId: edge.id });
    edgeIds.add(edge.id);
    let dangling = false;
    for (const end of ['source', 'target'] as const) {
      if (!seen.has(edge[end])) {
        issues.push({ path: `${at}.${end}`, message: `edge ${end} "${edge[end]}" is not a node of this graph`, edgeId: edge.id });
        dangling = true;
      }
    }
    if (dangling) return;
    if (edge.source === edge.target) {
      issues.push({ path: at, message: `node "${edge.source}" cannot connect to itself`, edgeId: edge.id, nodeId: edge.source });
      return;
    }
    validEdges.push(edge);
    const sp = ports.get(edge.source);
    const tp = ports.get(edge.target);
    if (!sp || !tp) return; // unknown type already reported
    const out = edge.sourceHandle ? sp.outputs.find((p) => p.name === edge.sourceHandle) : sp.outputs[0];
    const inp = edge.targetHandle ? tp.inputs.find((p) => p.name === edge.targetHandle) : tp.inputs[0];
    if (!out) {
      issues.push({
        path: `${at}.sourceHandle`,
        message: edge.sourceHandle ? `node "${edge.source}" has no output "${edge.sourceHandle}"` : `node "${edge.source}" has no outputs`,
        edgeId: edge.id,
        nodeId: edge.source,
      });
    }
    if (!inp) {
      issues.push({
        path: `${at}.targetHandle`,
        message: edge.targetHandle ? `node "${edge.target}" has no input "${edge.targetHandle}"` : `node "${edge.target}" takes no inputs`,
        edgeId: edge.id,
        nodeId: edge.target,
      });
    }
    if (out && inp) {
      const reason = incompatibilityReason(out.type, inp.type);
      if (reason) {
        issues.push({
          path: at,
          message: `${edge.source}.${out.name} → ${edge.target}.${inp.name}: ${reason}`,
          edgeId: edge.id,
          nodeId: edge.target,
        });
      }
    }
  });

  const ids = [...seen];
  const { cycle } = topologicalOrder(ids, validEdges);
  if (cycle) {
    issues.push({ path: 'edges', message: `the graph has a cycle through: ${cycle.join(', ')}`, nodeId: cycle[0] });
  }

  // Template references: only to upstream nodes (and their real ports), only when acyclic.
  if (!cycle) {
    graph.nodes.forEach((node, i) => {
      const info = infos.get(node.id);
      if (!info) return;
      let upstream: Set<string> | undefined;
      for (const field of info.templateFields) {
        const value = node.data[field];
        if (typeof value !== 'string') continue;
        const parsedTemplate = parseTemplate(value);
        const at = `nodes[${i}].data.${field}`;
        for (const problem of parsedTemplate.problems) {
          issues.push({ path: at, message: problem.message, nodeId: node.id });
        }
        for (const ref of parsedTemplate.refs) {
          if ((RESERVED_TEMPLATE_VARS as readonly string[]).includes(ref.nodeId)) continue;
          upstream ??= ancestorsOf(node.id, validEdges);
          if (!seen.has(ref.nodeId)) {
            issues.push({ path: at, message: `{{${ref.raw}}} refers to "${ref.nodeId}", which is not a node of this graph`, nodeId: node.id });
          } else if (!upstream.has(ref.nodeId)) {
            issues.push({ path: at, message: `{{${ref.raw}}} refers to "${ref.nodeId}", which is not upstream of "${node.id}": connect it first`, nodeId: node.id });
          } else if (ref.port !== undefined) {
            const refPorts = ports.get(ref.nodeId);
            const known = refPorts?.outputs.some((p) => p.name === ref.port);
            const defaultIsJson = refPorts?.outputs[0]?.type === 'json' || refPorts?.outputs[0]?.type === 'any';
            if (refPorts && !known && !defaultIsJson) {
              const names = refPorts.outputs.map((p) => p.name).join(', ');
              issues.push({ path: at, message: `{{${ref.raw}}}: "${ref.nodeId}" has no output "${ref.port}" (it has: ${names})`, nodeId: node.id });
            }
          }
        }
      }
    });
  }

  return issues.length ? { ok: false, issues, graph } : { ok: true, issues, graph };
}
