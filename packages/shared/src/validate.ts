import { workflowGraphSchema, type WorkflowGraph } from './graph.js';
import { defaultPort, edgePort, resolvePorts, type NodeTypeInfo, type ResolvedPorts } from './catalog.js';
import { incompatibilityReason, type PortSpec } from './ports.js';
import { ancestorsOf, cyclicComponents, shortestCycleThrough } from './topology.js';
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
  /** Type info by node index (duplicate ids must not borrow each other's template fields). */
  const infos: (NodeTypeInfo | undefined)[] = [];
  const seen = new Set<string>();

  graph.nodes.forEach((node, i) => {
    const at = `nodes[${i}]`;
    if (seen.has(node.id)) {
      issues.push({ path: `${at}.id`, message: `duplicate node id "${node.id}"`, nodeId: node.id });
    }
    seen.add(node.id);
    if ((RESERVED_TEMPLATE_VARS as readonly string[]).includes(node.id)) {
      // `{{feedback}}` and `{{run.…}}` answer the reserved variables, never a node with that id.
      issues.push({ path: `${at}.id`, message: `"${node.id}" is reserved in templates and cannot be a node id`, nodeId: node.id });
    }
    const info = catalog.info(node.type);
    if (!info) {
      issues.push({ path: `${at}.type`, message: `unknown node type "${node.type}"`, nodeId: node.id });
      return;
    }
    infos[i] = info;
    // The first node with an id owns it for edges and references; a duplicate is reported above.
    if (!ports.has(node.id)) ports.set(node.id, resolvePorts(info, node.data));
    for (const problem of catalog.checkConfig?.(node.type, node.data) ?? []) {
      issues.push({
        path: !problem.path
          ? `${at}.data`
          : problem.path.startsWith('[')
            ? `${at}.data${problem.path}`
            : `${at}.data.${problem.path}`,
        message: problem.message,
        nodeId: node.id,
      });
    }
  });

  const edgeIds = new Set<string>();
  const validEdges: { source: string; target: string; id: string; index: number }[] = [];
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
    validEdges.push({ source: edge.source, target: edge.target, id: edge.id, index: i });
    // Each end is checked on its own: an unknown type at one end (already reported) must not
    // hide a bad handle at the other.
    const sp = ports.get(edge.source);
    const tp = ports.get(edge.target);
    const out = sp && edgePort(sp.outputs, edge.sourceHandle);
    const inp = tp && edgePort(tp.inputs, edge.targetHandle);
    if (sp && !out) {
      issues.push({
        path: `${at}.sourceHandle`,
        message: edge.sourceHandle
          ? `node "${edge.source}" has no output "${edge.sourceHandle}"${portList(sp.outputs)}`
          : `node "${edge.source}" has no outputs`,
        edgeId: edge.id,
        nodeId: edge.source,
      });
    }
    if (tp && !inp) {
      issues.push({
        path: `${at}.targetHandle`,
        message: edge.targetHandle
          ? `node "${edge.target}" has no input "${edge.targetHandle}"${portList(tp.inputs)}`
          : `node "${edge.target}" takes no inputs`,
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

  // One issue per cycle, pinned on the edge that closes it so the editor can point at it.
  for (const component of cyclicComponents([...seen], validEdges)) {
    const first = component[0]!;
    const loop = shortestCycleThrough(first, validEdges.filter((e) => component.includes(e.source) && component.includes(e.target)));
    const closing = loop?.[loop.length - 1];
    const route = loop ? [first, ...loop.map((e) => e.target)].join(' → ') : component.join(', ');
    issues.push({
      path: closing ? `edges[${closing.index}]` : 'edges',
      message: `the graph has a cycle: ${route}`,
      nodeId: first,
      ...(closing ? { edgeId: closing.id } : {}),
    });
  }

  // Template references: only to upstream nodes and their real ports. Checked even when the graph
  // has a cycle (reachability is still defined), so every issue is reported in one pass.
  const reserved = RESERVED_TEMPLATE_VARS as readonly string[];
  graph.nodes.forEach((node, i) => {
    const info = infos[i];
    if (!info) return;
    let upstream: Set<string> | undefined;
    for (const field of info.templateFields) {
      const value = Object.prototype.hasOwnProperty.call(node.data, field) ? node.data[field] : undefined;
      if (typeof value !== 'string') continue;
      const parsedTemplate = parseTemplate(value);
      const at = `nodes[${i}].data.${field}`;
      for (const problem of parsedTemplate.problems) {
        issues.push({ path: at, message: problem.message, nodeId: node.id });
      }
      for (const ref of parsedTemplate.refs) {
        if (reserved.includes(ref.nodeId)) continue;
        upstream ??= ancestorsOf(node.id, validEdges);
        if (!seen.has(ref.nodeId)) {
          issues.push({ path: at, message: `{{${ref.raw}}} refers to "${ref.nodeId}", which is not a node of this graph`, nodeId: node.id });
          continue;
        }
        if (ref.nodeId === node.id || !upstream.has(ref.nodeId)) {
          issues.push({ path: at, message: `{{${ref.raw}}} refers to "${ref.nodeId}", which is not upstream of "${node.id}": connect it first`, nodeId: node.id });
          continue;
        }
        const refPorts = ports.get(ref.nodeId);
        if (!refPorts) continue; // unknown type, already reported
        const fallback = defaultPort(refPorts.outputs);
        if (!fallback) {
          issues.push({ path: at, message: `{{${ref.raw}}}: "${ref.nodeId}" has no outputs`, nodeId: node.id });
        } else if (ref.port !== undefined) {
          const known = refPorts.outputs.some((p) => p.name === ref.port);
          // `{{node.key}}` may also read a key of the default output's JSON (see lookupRef).
          const defaultIsJson = fallback.type === 'json' || fallback.type === 'any';
          if (!known && !defaultIsJson) {
            issues.push({ path: at, message: `{{${ref.raw}}}: "${ref.nodeId}" has no output "${ref.port}"${portList(refPorts.outputs)}`, nodeId: node.id });
          }
        }
      }
    }
  });

  return issues.length ? { ok: false, issues, graph } : { ok: true, issues, graph };
}

function portList(ports: readonly PortSpec[]): string {
  return ports.length ? ` (it has: ${ports.map((p) => p.name).join(', ')})` : '';
}
