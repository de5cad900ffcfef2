import type { WorkflowGraph, GraphEdge } from './graph.js';
import type { NodeTypeInfo, ResolvedPorts } from './catalog.js';
import { resolvePorts } from './catalog.js';
import type { NodeStatus } from './runs.js';

export interface EdgeLike {
  source: string;
  target: string;
}

/**
 * Kahn's algorithm. `order` lists every node whose ancestors are acyclic; `cycle` names the nodes
 * left over when the graph has a cycle (null otherwise). Ties keep the nodes' listed order so
 * the result is stable.
 */
export function topologicalOrder(
  nodeIds: readonly string[],
  edges: readonly EdgeLike[],
): { order: string[]; cycle: string[] | null } {
  const indegree = new Map<string, number>(nodeIds.map((id) => [id, 0]));
  const children = new Map<string, string[]>(nodeIds.map((id) => [id, []]));
  for (const e of edges) {
    if (!indegree.has(e.source) || !indegree.has(e.target)) continue;
    indegree.set(e.target, (indegree.get(e.target) ?? 0) + 1);
    children.get(e.source)!.push(e.target);
  }
  const queue = nodeIds.filter((id) => indegree.get(id) === 0);
  const order: string[] = [];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    order.push(id);
    for (const child of children.get(id)!) {
      const left = indegree.get(child)! - 1;
      indegree.set(child, left);
      if (left === 0) queue.push(child);
    }
  }
  if (order.length === nodeIds.length) return { order, cycle: null };
  const done = new Set(order);
  return { order, cycle: nodeIds.filter((id) => !done.has(id)) };
}

/** Every node from which `nodeId` can be reached (its transitive ancestors). */
export function ancestorsOf(nodeId: string, edges: readonly EdgeLike[]): Set<string> {
  const parents = new Map<string, string[]>();
  for (const e of edges) {
    const list = parents.get(e.target);
    if (list) list.push(e.source);
    else parents.set(e.target, [e.source]);
  }
  const seen = new Set<string>();
  const stack = [...(parents.get(nodeId) ?? [])];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(parents.get(id) ?? []));
  }
  return seen;
}

/** Every node reachable from `nodeId` (its transitive descendants). */
export function descendantsOf(nodeId: string, edges: readonly EdgeLike[]): Set<string> {
  return ancestorsOf(
    nodeId,
    edges.map((e) => ({ source: e.target, target: e.source })),
  );
}

export interface CompiledEdge {
  id: string;
  source: string;
  target: string;
  /** Resolved port names (the defaults filled in). */
  sourcePort: string;
  targetPort: string;
}

export interface CompiledNode {
  id: string;
  type: string;
  data: Record<string, unknown>;
  ports: ResolvedPorts;
  incoming: CompiledEdge[];
  outgoing: CompiledEdge[];
  /** Transitive ancestors: the only nodes its templates may reference. */
  upstream: ReadonlySet<string>;
}

/** A validated graph prepared once for execution (cache it by workflow version). */
export interface CompiledGraph {
  nodes: ReadonlyMap<string, CompiledNode>;
  order: readonly string[];
  edges: readonly CompiledEdge[];
}

/** Compiles a graph that already passed `validateGraph`. */
export function compileGraph(
  graph: WorkflowGraph,
  infoOf: (type: string) => NodeTypeInfo | undefined,
): CompiledGraph {
  const nodes = new Map<string, CompiledNode>();
  for (const n of graph.nodes) {
    const info = infoOf(n.type);
    const ports = info ? resolvePorts(info, n.data) : { inputs: [], outputs: [] };
    nodes.set(n.id, {
      id: n.id,
      type: n.type,
      data: n.data,
      ports,
      incoming: [],
      outgoing: [],
      upstream: new Set(),
    });
  }
  const edges: CompiledEdge[] = [];
  for (const e of graph.edges) {
    const source = nodes.get(e.source);
    const target = nodes.get(e.target);
    if (!source || !target) continue;
    const compiled = compileEdge(e, source.ports, target.ports);
    edges.push(compiled);
    source.outgoing.push(compiled);
    target.incoming.push(compiled);
  }
  const { order } = topologicalOrder(
    graph.nodes.map((n) => n.id),
    edges,
  );
  // Ancestors in topological order: each node's upstream is its parents plus theirs.
  for (const id of order) {
    const node = nodes.get(id)!;
    const upstream = new Set<string>();
    for (const e of node.incoming) {
      upstream.add(e.source);
      for (const a of nodes.get(e.source)!.upstream) upstream.add(a);
    }
    node.upstream = upstream;
  }
  return { nodes, order, edges };
}

function compileEdge(e: GraphEdge, source: ResolvedPorts, target: ResolvedPorts): CompiledEdge {
  return {
    id: e.id,
    source: e.source,
    target: e.target,
    sourcePort: e.sourceHandle ?? source.outputs[0]?.name ?? 'out',
    targetPort: e.targetHandle ?? target.inputs[0]?.name ?? 'in',
  };
}

/** The view of a run's node states that planning needs. */
export interface NodeStateView {
  status: NodeStatus;
  /** Ports present in the node's output (a condition outputs only the branch it took). */
  outputPorts?: ReadonlySet<string> | readonly string[];
}

export interface Plan {
  /** Pending nodes whose inputs are settled and at least one incoming edge is live. */
  run: string[];
  /** Pending nodes whose every incoming edge is dead (untaken branch or skipped source). */
  skip: string[];
}

/**
 * What to do next. An edge is live when its source succeeded and produced the edge's port; a
 * node runs when all its parents are settled and at least one incoming edge is live (or it has
 * none); it is skipped when every incoming edge is dead. Parents that failed or still run hold
 * their children back. Skips cascade: call again after applying them.
 */
export function planNext(
  graph: CompiledGraph,
  stateOf: (nodeId: string) => NodeStateView | undefined,
): Plan {
  const run: string[] = [];
  const skip: string[] = [];
  for (const id of graph.order) {
    const state = stateOf(id);
    if (state && state.status !== 'pending') continue;
    const node = graph.nodes.get(id)!;
    let live = node.incoming.length === 0;
    let blocked = false;
    for (const e of node.incoming) {
      const parent = stateOf(e.source);
      const status = parent?.status ?? 'pending';
      if (status === 'succeeded') {
        const ports = parent?.outputPorts;
        const has = !ports
          ? true
          : Array.isArray(ports)
            ? ports.includes(e.sourcePort)
            : (ports as ReadonlySet<string>).has(e.sourcePort);
        if (has) live = true;
      } else if (status !== 'skipped') {
        blocked = true;
        break;
      }
    }
    if (blocked) continue;
    (live ? run : skip).push(id);
  }
  return { run, skip };
}
