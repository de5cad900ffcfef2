import { workflowGraphSchema, type WorkflowGraph } from './graph.js';
import {
  defaultPort,
  edgePort,
  resolvePorts,
  type NodeTypeInfo,
  type ResolvedPorts,
} from './catalog.js';
import { incompatibilityReason, type PortSpec } from './ports.js';
import { ancestorsOf, cyclicComponents, shortestCycleThrough } from './topology.js';
import { parseTemplate, RESERVED_TEMPLATE_VARS, type TemplateRef } from './templates.js';
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
 * unknown ports, cycles, and template references to anything but an upstream node. One function
 * per phase below; each adds its issues in graph order, so the report reads top to bottom.
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
  const nodes = checkNodes(graph, catalog, issues);
  const edges = checkEdges(graph, nodes, issues);
  checkCycles(nodes, edges, issues);
  checkTemplateRefs(graph, nodes, edges, issues);
  return issues.length ? { ok: false, issues, graph } : { ok: true, issues, graph };
}

/** What the node phase learns, for the phases after it. */
interface NodeFacts {
  /** Every node id in the graph (duplicates once). */
  ids: Set<string>;
  /** Resolved ports by node id; the first node with an id owns it for edges and references. */
  ports: Map<string, ResolvedPorts>;
  /** Type info by node index (duplicate ids must not borrow each other's template fields). */
  infos: (NodeTypeInfo | undefined)[];
}

interface ValidEdge {
  source: string;
  target: string;
  id: string;
  index: number;
}

/** Phase 1: node ids (duplicate, reserved), types, and each node's config against its schema. */
function checkNodes(graph: WorkflowGraph, catalog: GraphCatalog, issues: Issue[]): NodeFacts {
  const facts: NodeFacts = { ids: new Set(), ports: new Map(), infos: [] };
  graph.nodes.forEach((node, i) => {
    const at = `nodes[${i}]`;
    if (facts.ids.has(node.id)) {
      issues.push({ path: `${at}.id`, message: `duplicate node id "${node.id}"`, nodeId: node.id });
    }
    facts.ids.add(node.id);
    if ((RESERVED_TEMPLATE_VARS as readonly string[]).includes(node.id)) {
      // `{{feedback}}` and `{{run.…}}` answer the reserved variables, never a node with that id.
      issues.push({
        path: `${at}.id`,
        message: `"${node.id}" is reserved in templates and cannot be a node id`,
        nodeId: node.id,
      });
    }
    const info = catalog.info(node.type);
    if (!info) {
      issues.push({
        path: `${at}.type`,
        message: `unknown node type "${node.type}"`,
        nodeId: node.id,
      });
      return;
    }
    facts.infos[i] = info;
    if (!facts.ports.has(node.id)) facts.ports.set(node.id, resolvePorts(info, node.data));
    for (const problem of catalog.checkConfig?.(node.type, node.data) ?? []) {
      issues.push({ path: dataPath(at, problem.path), message: problem.message, nodeId: node.id });
    }
  });
  return facts;
}

function dataPath(at: string, path: string): string {
  if (!path) return `${at}.data`;
  return path.startsWith('[') ? `${at}.data${path}` : `${at}.data.${path}`;
}

/** Phase 2: edge ids, ends that are nodes of this graph, no self-loops, and their ports. */
function checkEdges(graph: WorkflowGraph, nodes: NodeFacts, issues: Issue[]): ValidEdge[] {
  const edgeIds = new Set<string>();
  const valid: ValidEdge[] = [];
  graph.edges.forEach((edge, i) => {
    const at = `edges[${i}]`;
    if (edgeIds.has(edge.id)) {
      issues.push({ path: `${at}.id`, message: `duplicate edge id "${edge.id}"`, edgeId: edge.id });
    }
    edgeIds.add(edge.id);
    let dangling = false;
    for (const end of ['source', 'target'] as const) {
      if (!nodes.ids.has(edge[end])) {
        issues.push({
          path: `${at}.${end}`,
          message: `edge ${end} "${edge[end]}" is not a node of this graph`,
          edgeId: edge.id,
        });
        dangling = true;
      }
    }
    if (dangling) return;
    if (edge.source === edge.target) {
      issues.push({
        path: at,
        message: `node "${edge.source}" cannot connect to itself`,
        edgeId: edge.id,
        nodeId: edge.source,
      });
      return;
    }
    valid.push({ source: edge.source, target: edge.target, id: edge.id, index: i });
    checkEdgePorts(edge, at, nodes, issues);
  });
  return valid;
}

/** How each end of an edge names its handle, and the words for a missing one. */
const END = {
  source: { handle: 'sourceHandle', kind: 'output', list: 'outputs', none: 'has no outputs' },
  target: { handle: 'targetHandle', kind: 'input', list: 'inputs', none: 'takes no inputs' },
} as const;

/**
 * The edge's handles exist and their types fit. Each end is checked on its own: an unknown type
 * at one end (already reported) must not hide a bad handle at the other.
 */
function checkEdgePorts(
  edge: WorkflowGraph['edges'][number],
  at: string,
  nodes: NodeFacts,
  issues: Issue[],
): void {
  const sp = nodes.ports.get(edge.source);
  const tp = nodes.ports.get(edge.target);
  const out = sp && edgePort(sp.outputs, edge.sourceHandle);
  const inp = tp && edgePort(tp.inputs, edge.targetHandle);
  for (const side of ['source', 'target'] as const) {
    const ports = side === 'source' ? sp : tp;
    if (!ports || (side === 'source' ? out : inp)) continue;
    const { handle, kind, list, none } = END[side];
    const named = edge[handle];
    issues.push({
      path: `${at}.${handle}`,
      message: named
        ? `node "${edge[side]}" has no ${kind} "${named}"${portList(ports[list])}`
        : `node "${edge[side]}" ${none}`,
      edgeId: edge.id,
      nodeId: edge[side],
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
}

/** Phase 3: one issue per cycle, pinned on the edge that closes it so the editor can point at it. */
function checkCycles(nodes: NodeFacts, edges: ValidEdge[], issues: Issue[]): void {
  for (const component of cyclicComponents([...nodes.ids], edges)) {
    const first = component[0]!;
    const inside = edges.filter(
      (e) => component.includes(e.source) && component.includes(e.target),
    );
    const loop = shortestCycleThrough(first, inside);
    const closing = loop?.[loop.length - 1];
    const route = loop ? [first, ...loop.map((e) => e.target)].join(' → ') : component.join(', ');
    issues.push({
      path: closing ? `edges[${closing.index}]` : 'edges',
      message: `the graph has a cycle: ${route}`,
      nodeId: first,
      ...(closing ? { edgeId: closing.id } : {}),
    });
  }
}

/**
 * Phase 4: template references, only to upstream nodes and their real ports. Checked even when
 * the graph has a cycle (reachability is still defined), so every issue is reported in one pass.
 */
function checkTemplateRefs(
  graph: WorkflowGraph,
  nodes: NodeFacts,
  edges: ValidEdge[],
  issues: Issue[],
): void {
  graph.nodes.forEach((node, i) => {
    const info = nodes.infos[i];
    if (!info) return;
    let upstream: Set<string> | undefined;
    for (const field of info.templateFields) {
      const value = Object.prototype.hasOwnProperty.call(node.data, field)
        ? node.data[field]
        : undefined;
      if (typeof value !== 'string') continue;
      const template = parseTemplate(value);
      const at = `nodes[${i}].data.${field}`;
      for (const problem of template.problems) {
        issues.push({ path: at, message: problem.message, nodeId: node.id });
      }
      for (const ref of template.refs) {
        if ((RESERVED_TEMPLATE_VARS as readonly string[]).includes(ref.nodeId)) continue;
        upstream ??= ancestorsOf(node.id, edges);
        const message = refProblem(ref, node.id, upstream, nodes);
        if (message) issues.push({ path: at, message, nodeId: node.id });
      }
    }
  });
}

/** Why one `{{ref}}` in node `nodeId` cannot be filled, or null when it can. */
function refProblem(
  ref: TemplateRef,
  nodeId: string,
  upstream: Set<string>,
  nodes: NodeFacts,
): string | null {
  if (!nodes.ids.has(ref.nodeId)) {
    return `{{${ref.raw}}} refers to "${ref.nodeId}", which is not a node of this graph`;
  }
  if (ref.nodeId === nodeId || !upstream.has(ref.nodeId)) {
    return `{{${ref.raw}}} refers to "${ref.nodeId}", which is not upstream of "${nodeId}": connect it first`;
  }
  const refPorts = nodes.ports.get(ref.nodeId);
  if (!refPorts) return null; // unknown type, already reported
  const fallback = defaultPort(refPorts.outputs);
  if (!fallback) return `{{${ref.raw}}}: "${ref.nodeId}" has no outputs`;
  if (ref.port === undefined) return null;
  const known = refPorts.outputs.some((p) => p.name === ref.port);
  // `{{node.key}}` may also read a key of the default output's JSON (see lookupRef).
  const defaultIsJson = fallback.type === 'json' || fallback.type === 'any';
  if (known || defaultIsJson) return null;
  return `{{${ref.raw}}}: "${ref.nodeId}" has no output "${ref.port}"${portList(refPorts.outputs)}`;
}

function portList(ports: readonly PortSpec[]): string {
  return ports.length ? ` (it has: ${ports.map((p) => p.name).join(', ')})` : '';
}
