import type { WorkflowGraph, GraphEdge } from './graph.js';
import type { NodeTypeInfo, ResolvedPorts } from './catalog.js';
import { defaultPort, resolvePorts } from './catalog.js';
import type { NodeStatus } from './runs.js';

export interface EdgeLike {
  source: string;
  target: string;
}

/**
 * Kahn's algorithm. `order` lists every node that is not on or behind a cycle; `cycle` names the
 * nodes that lie on a cycle (null when there is none), in their listed order. Among the nodes
 * ready at any moment the earliest listed goes first, so the result is stable: a list that is
 * already in dependency order comes back unchanged. Edges to unknown nodes are ignored.
 */
export function topologicalOrder(
  nodeIds: readonly string[],
  edges: readonly EdgeLike[],
): { order: string[]; cycle: string[] | null } {
  const ids = [...new Set(nodeIds)];
  const index = new Map<string, number>(ids.map((id, i) => [id, i]));
  const indegree = ids.map(() => 0);
  const children: number[][] = ids.map(() => []);
  for (const e of edges) {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s === undefined || t === undefined) continue;
    indegree[t]!++;
    children[s]!.push(t);
  }
  const ready = new MinHeap();
  indegree.forEach((d, i) => d === 0 && ready.push(i));
  const order: string[] = [];
  while (ready.size) {
    const i = ready.pop();
    order.push(ids[i]!);
    for (const child of children[i]!) if (--indegree[child]! === 0) ready.push(child);
  }
  if (order.length === ids.length) return { order, cycle: null };
  const onCycle = new Set(cyclicComponents(ids, edges).flat());
  return { order, cycle: ids.filter((id) => onCycle.has(id)) };
}

/** A binary min-heap of numbers (listed-order indexes of ready nodes). */
class MinHeap {
  private readonly items: number[] = [];
  get size(): number {
    return this.items.length;
  }
  push(value: number): void {
    const a = this.items;
    a.push(value);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent]! <= a[i]!) break;
      [a[parent], a[i]] = [a[i]!, a[parent]!];
      i = parent;
    }
  }
  pop(): number {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let min = i;
        if (l < a.length && a[l]! < a[min]!) min = l;
        if (r < a.length && a[r]! < a[min]!) min = r;
        if (min === i) break;
        [a[min], a[i]] = [a[i]!, a[min]!];
        i = min;
      }
    }
    return top;
  }
}

/**
 * The strongly connected components that contain a cycle (two or more nodes, or one node with
 * an edge to itself), each in listed order, the components ordered by their first member.
 * Iterative Tarjan, so deep graphs cannot overflow the stack.
 */
export function cyclicComponents(nodeIds: readonly string[], edges: readonly EdgeLike[]): string[][] {
  const ids = [...new Set(nodeIds)];
  const index = new Map<string, number>(ids.map((id, i) => [id, i]));
  const children: number[][] = ids.map(() => []);
  const selfLoop = new Set<number>();
  for (const e of edges) {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s === undefined || t === undefined) continue;
    if (s === t) selfLoop.add(s);
    children[s]!.push(t);
  }
  const visitIndex = ids.map(() => -1);
  const low = ids.map(() => 0);
  const onStack = ids.map(() => false);
  const stack: number[] = [];
  const components: number[][] = [];
  let counter = 0;
  for (let root = 0; root < ids.length; root++) {
    if (visitIndex[root] !== -1) continue;
    // Each frame: a node and how many of its children it has looked at.
    const frames: [number, number][] = [[root, 0]];
    visitIndex[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = true;
    while (frames.length) {
      const frame = frames[frames.length - 1]!;
      const [v, next] = frame;
      const kids = children[v]!;
      if (next < kids.length) {
        frame[1]++;
        const w = kids[next]!;
        if (visitIndex[w] === -1) {
          visitIndex[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = true;
          frames.push([w, 0]);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v]!, visitIndex[w]!);
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low[parent[0]] = Math.min(low[parent[0]]!, low[v]!);
      if (low[v] === visitIndex[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = false;
          component.push(w);
        } while (w !== v);
        if (component.length > 1 || selfLoop.has(v)) components.push(component.sort((a, b) => a - b));
      }
    }
  }
  return components.sort((a, b) => a[0]! - b[0]!).map((c) => c.map((i) => ids[i]!));
}

/**
 * A shortest cycle through `nodeId` as the edges that make it (the first leaves `nodeId`, the
 * last returns to it), or null when `nodeId` is on no cycle. Lets the editor outline it.
 */
export function shortestCycleThrough<E extends EdgeLike>(nodeId: string, edges: readonly E[]): E[] | null {
  const outgoing = new Map<string, E[]>();
  for (const e of edges) {
    const list = outgoing.get(e.source);
    if (list) list.push(e);
    else outgoing.set(e.source, [e]);
  }
  // Breadth-first from nodeId; `via` remembers the edge that first reached each node.
  const via = new Map<string, E>();
  const queue = [nodeId];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    for (const e of outgoing.get(id) ?? []) {
      if (e.target === nodeId) {
        const path = [e];
        for (let at = id; at !== nodeId; ) {
          const step = via.get(at)!;
          path.unshift(step);
          at = step.source;
        }
        return path;
      }
      if (!via.has(e.target)) {
        via.set(e.target, e);
        queue.push(e.target);
      }
    }
  }
  return null;
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
    // `||`, not `??`: an empty handle means the default port, as validateGraph reads it.
    sourcePort: e.sourceHandle || (defaultPort(source.outputs)?.name ?? 'out'),
    targetPort: e.targetHandle || (defaultPort(target.inputs)?.name ?? 'in'),
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
