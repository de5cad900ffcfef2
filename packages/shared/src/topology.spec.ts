import {
  ancestorsOf,
  compileGraph,
  cyclicComponents,
  descendantsOf,
  planNext,
  shortestCycleThrough,
  topologicalOrder,
  type CompiledGraph,
  type EdgeLike,
  type NodeStateView,
} from './topology.js';
import type { GraphEdge, GraphNode, WorkflowGraph } from './graph.js';
import type { NodeStatus } from './runs.js';
import { validateGraph } from './validate.js';
import { contractGraph, fakeCatalog, INFOS } from './__fixtures__/catalog.js';

const infoOf = (type: string) => INFOS[type];

function e(source: string, target: string): EdgeLike {
  return { source, target };
}

function node(id: string, type = 'template', data: Record<string, unknown> = {}): GraphNode {
  return { id, type, position: { x: 0, y: 0 }, data };
}

function edge(id: string, source: string, target: string, handles: Partial<GraphEdge> = {}): GraphEdge {
  return { id, source, target, ...handles };
}

describe('topologicalOrder', () => {
  it('orders a chain listed backwards', () => {
    expect(topologicalOrder(['c', 'b', 'a'], [e('a', 'b'), e('b', 'c')])).toEqual({ order: ['a', 'b', 'c'], cycle: null });
  });

  it('returns a list already in dependency order unchanged', () => {
    const ids = ['a', 'b', 'c', 'd'];
    expect(topologicalOrder(ids, [e('a', 'd'), e('b', 'c')]).order).toEqual(ids);
    expect(topologicalOrder(ids, [e('a', 'c'), e('b', 'd'), e('a', 'b')]).order).toEqual(ids);
  });

  it('breaks ties by listed order, every time', () => {
    const edges = [e('r1', 'x'), e('r2', 'y'), e('x', 'z'), e('y', 'z')];
    expect(topologicalOrder(['r2', 'r1', 'z', 'y', 'x'], edges).order).toEqual(['r2', 'r1', 'y', 'x', 'z']);
    expect(topologicalOrder(['r1', 'r2', 'x', 'y', 'z'], edges).order).toEqual(['r1', 'r2', 'x', 'y', 'z']);
    // Edge order does not matter.
    expect(topologicalOrder(['r1', 'r2', 'x', 'y', 'z'], [...edges].reverse()).order).toEqual(['r1', 'r2', 'x', 'y', 'z']);
  });

  it('orders the contract graph', () => {
    const g = contractGraph();
    const { order, cycle } = topologicalOrder(g.nodes.map((n) => n.id), g.edges);
    expect(cycle).toBeNull();
    expect(order).toEqual(['brief', 'facts', 'draft', 'hero', 'check', 'ship']);
  });

  it('keeps isolated nodes and tolerates parallel edges', () => {
    expect(topologicalOrder(['b', 'lonely', 'a'], [e('a', 'b'), e('a', 'b')]).order).toEqual(['lonely', 'a', 'b']);
  });

  it('ignores edges to unknown nodes and repeated ids', () => {
    expect(topologicalOrder(['a', 'b', 'a'], [e('ghost', 'a'), e('a', 'b'), e('b', 'ghost')])).toEqual({
      order: ['a', 'b'],
      cycle: null,
    });
  });

  it('handles an empty graph', () => {
    expect(topologicalOrder([], [])).toEqual({ order: [], cycle: null });
  });

  it('names only the nodes on a cycle, not those before or behind it', () => {
    const edges = [e('root', 'a'), e('a', 'b'), e('b', 'c'), e('c', 'a'), e('c', 'after'), e('root', 'side')];
    const { order, cycle } = topologicalOrder(['root', 'a', 'b', 'c', 'after', 'side'], edges);
    expect(cycle).toEqual(['a', 'b', 'c']);
    expect(order).toEqual(['root', 'side']);
  });

  it('detects a self-loop', () => {
    expect(topologicalOrder(['x', 'y'], [e('x', 'x'), e('x', 'y')])).toEqual({ order: [], cycle: ['x'] });
  });

  it('names the nodes of two cycles, but not a node between them', () => {
    const edges = [e('a', 'b'), e('b', 'a'), e('b', 'mid'), e('mid', 'c'), e('c', 'd'), e('d', 'c')];
    expect(topologicalOrder(['a', 'b', 'mid', 'c', 'd'], edges).cycle).toEqual(['a', 'b', 'c', 'd']);
  });

  it('copes with long chains without recursion limits', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `n${i}`);
    const edges = ids.slice(1).map((id, i) => e(ids[i]!, id));
    expect(topologicalOrder([...ids].reverse(), edges).order).toEqual(ids);
    edges.push(e('n4999', 'n0'));
    expect(topologicalOrder(ids, edges).cycle).toHaveLength(5000);
  });
});

describe('cyclicComponents and shortestCycleThrough', () => {
  it('lists each cycle once, in listed order', () => {
    const edges = [e('b', 'a'), e('a', 'b'), e('x', 'x'), e('c', 'd')];
    expect(cyclicComponents(['x', 'a', 'b', 'c', 'd'], edges)).toEqual([['x'], ['a', 'b']]);
    expect(cyclicComponents(['a', 'b'], [e('a', 'b')])).toEqual([]);
  });

  it('merges overlapping cycles into one component', () => {
    const edges = [e('a', 'b'), e('b', 'a'), e('b', 'c'), e('c', 'b')];
    expect(cyclicComponents(['a', 'b', 'c'], edges)).toEqual([['a', 'b', 'c']]);
  });

  it('finds the shortest cycle through a node as its edges', () => {
    const edges = [
      { id: '1', ...e('a', 'b') },
      { id: '2', ...e('b', 'c') },
      { id: '3', ...e('c', 'a') },
      { id: '4', ...e('b', 'a') },
    ];
    expect(shortestCycleThrough('a', edges)?.map((x) => x.id)).toEqual(['1', '4']);
    expect(shortestCycleThrough('c', edges)?.map((x) => x.id)).toEqual(['3', '1', '2']);
    expect(shortestCycleThrough('a', [{ id: 's', ...e('a', 'a') }])?.map((x) => x.id)).toEqual(['s']);
    expect(shortestCycleThrough('a', [e('a', 'b')])).toBeNull();
  });
});

describe('ancestorsOf / descendantsOf', () => {
  // a → b → d, a → c → d, d → e; x isolated
  const edges = [e('a', 'b'), e('a', 'c'), e('b', 'd'), e('c', 'd'), e('d', 'e')];

  it('finds transitive ancestors, without the node itself', () => {
    expect([...ancestorsOf('e', edges)].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect([...ancestorsOf('b', edges)]).toEqual(['a']);
    expect(ancestorsOf('a', edges).size).toBe(0);
    expect(ancestorsOf('x', edges).size).toBe(0);
  });

  it('finds transitive descendants, without the node itself', () => {
    expect([...descendantsOf('a', edges)].sort()).toEqual(['b', 'c', 'd', 'e']);
    expect([...descendantsOf('c', edges)].sort()).toEqual(['d', 'e']);
    expect(descendantsOf('e', edges).size).toBe(0);
  });

  it('terminates on cycles (and then a node is its own ancestor)', () => {
    const cyclic = [e('a', 'b'), e('b', 'a')];
    expect([...ancestorsOf('a', cyclic)].sort()).toEqual(['a', 'b']);
    expect([...descendantsOf('a', cyclic)].sort()).toEqual(['a', 'b']);
  });
});

describe('compileGraph', () => {
  const compiled = compileGraph(contractGraph(), infoOf);

  it('keeps every node with its resolved ports, in topological order', () => {
    expect(compiled.order).toEqual(['brief', 'facts', 'draft', 'hero', 'check', 'ship']);
    expect(compiled.nodes.get('brief')!.ports.outputs).toEqual([
      { name: 'topic', type: 'text' },
      { name: 'audience', type: 'json' },
    ]);
    expect(compiled.nodes.get('draft')!.type).toBe('prompt');
    expect(compiled.nodes.get('draft')!.data.system).toBe('You write for ACME.');
  });

  it('fills in default ports for edges without handles', () => {
    expect(compiled.edges.map((x) => `${x.id}: ${x.source}.${x.sourcePort} → ${x.target}.${x.targetPort}`)).toEqual([
      'e1: brief.topic → facts.in',
      'e2: facts.context → draft.in',
      'e3: brief.topic → hero.in',
      'e4: draft.text → check.in',
      'e5: hero.images → check.in',
      'e6: check.content → ship.content',
    ]);
  });

  it('keeps explicit handles, and reads empty ones as the default', () => {
    const g = contractGraph();
    g.edges[0] = { ...g.edges[0]!, sourceHandle: 'audience' };
    g.edges[1] = { ...g.edges[1]!, sourceHandle: '', targetHandle: null };
    g.edges[2] = { ...g.edges[2]!, sourceHandle: null, targetHandle: '' };
    const c = compileGraph(g, infoOf);
    expect(c.edges.slice(0, 3).map((x) => [x.sourcePort, x.targetPort])).toEqual([
      ['audience', 'in'],
      ['context', 'in'],
      ['topic', 'in'],
    ]);
  });

  it('links incoming and outgoing edges', () => {
    expect(compiled.nodes.get('check')!.incoming.map((x) => x.id)).toEqual(['e4', 'e5']);
    expect(compiled.nodes.get('brief')!.outgoing.map((x) => x.id)).toEqual(['e1', 'e3']);
    expect(compiled.nodes.get('brief')!.incoming).toEqual([]);
    expect(compiled.nodes.get('ship')!.outgoing).toEqual([]);
  });

  it('computes each node’s transitive upstream set', () => {
    const up = (id: string) => [...compiled.nodes.get(id)!.upstream].sort();
    expect(up('brief')).toEqual([]);
    expect(up('facts')).toEqual(['brief']);
    expect(up('draft')).toEqual(['brief', 'facts']);
    expect(up('hero')).toEqual(['brief']);
    expect(up('check')).toEqual(['brief', 'draft', 'facts', 'hero']);
    expect(up('ship')).toEqual(['brief', 'check', 'draft', 'facts', 'hero']);
  });

  it('agrees with ancestorsOf for every node', () => {
    const g = contractGraph();
    for (const n of g.nodes) {
      expect([...compiled.nodes.get(n.id)!.upstream].sort()).toEqual([...ancestorsOf(n.id, g.edges)].sort());
    }
  });

  it('gives an unknown type no ports and its edges placeholder port names', () => {
    const c = compileGraph({ version: 1, nodes: [node('a', 'mystery'), node('b', 'mystery')], edges: [edge('x', 'a', 'b')] }, infoOf);
    expect(c.nodes.get('a')!.ports).toEqual({ inputs: [], outputs: [] });
    expect(c.edges[0]).toMatchObject({ sourcePort: 'out', targetPort: 'in' });
  });

  it('drops edges to missing nodes', () => {
    const c = compileGraph({ version: 1, nodes: [node('a')], edges: [edge('x', 'a', 'ghost')] }, infoOf);
    expect(c.edges).toEqual([]);
    expect(c.nodes.get('a')!.outgoing).toEqual([]);
  });
});

/** A run's node states, with helpers to move them along like the engine does. */
class RunState {
  readonly states = new Map<string, NodeStateView>();
  constructor(private readonly graph: CompiledGraph) {}
  set(id: string, status: NodeStatus, outputPorts?: string[] | Set<string>): this {
    this.states.set(id, outputPorts ? { status, outputPorts } : { status });
    return this;
  }
  plan() {
    return planNext(this.graph, (id) => this.states.get(id));
  }
  /** Applies skips until none are left; returns them in the order applied. */
  applySkips(): string[] {
    const all: string[] = [];
    for (;;) {
      const { skip } = this.plan();
      if (!skip.length) return all;
      for (const id of skip) this.set(id, 'skipped');
      all.push(...skip);
    }
  }
}

function compile(nodes: GraphNode[], edges: GraphEdge[]): CompiledGraph {
  const graph: WorkflowGraph = { version: 1, nodes, edges };
  const checked = validateGraph(graph, fakeCatalog());
  expect(checked.issues).toEqual([]);
  return compileGraph(checked.graph!, infoOf);
}

describe('planNext', () => {
  it('runs the roots first', () => {
    const run = new RunState(compileGraph(contractGraph(), infoOf));
    expect(run.plan()).toEqual({ run: ['brief'], skip: [] });
  });

  it('runs every root of a graph with several', () => {
    const g = compile([node('a'), node('b'), node('c')], [edge('1', 'a', 'c')]);
    expect(new RunState(g).plan()).toEqual({ run: ['a', 'b'], skip: [] });
  });

  it('runs children once their parent succeeded, never a node that already started', () => {
    const run = new RunState(compileGraph(contractGraph(), infoOf)).set('brief', 'succeeded');
    expect(run.plan()).toEqual({ run: ['facts', 'hero'], skip: [] });
    run.set('facts', 'running');
    expect(run.plan()).toEqual({ run: ['hero'], skip: [] });
    run.set('hero', 'succeeded').set('facts', 'succeeded');
    expect(run.plan()).toEqual({ run: ['draft'], skip: [] });
  });

  it('makes a diamond join wait for both parents', () => {
    const run = new RunState(compileGraph(contractGraph(), infoOf))
      .set('brief', 'succeeded')
      .set('facts', 'succeeded')
      .set('hero', 'succeeded')
      .set('draft', 'running');
    expect(run.plan()).toEqual({ run: [], skip: [] });
    run.set('draft', 'succeeded');
    expect(run.plan()).toEqual({ run: ['check'], skip: [] });
  });

  it('treats a node with no recorded state as pending', () => {
    const run = new RunState(compileGraph(contractGraph(), infoOf)).set('brief', 'pending');
    expect(run.plan().run).toEqual(['brief']);
  });

  describe('branches', () => {
    // cond --true--> yes → afterYes
    // cond --false-> no → afterNo
    // yes, no → merge (fed by both branches)
    const graph = compile(
      [
        node('start'),
        node('cond', 'condition', { when: 'contains', value: 'x', input: '{{start}}' }),
        node('yes'),
        node('no'),
        node('afterYes'),
        node('afterNo'),
        node('merge'),
      ],
      [
        edge('s', 'start', 'cond'),
        edge('t', 'cond', 'yes', { sourceHandle: 'true' }),
        edge('f', 'cond', 'no', { sourceHandle: 'false' }),
        edge('y2', 'yes', 'afterYes'),
        edge('n2', 'no', 'afterNo'),
        edge('my', 'yes', 'merge'),
        edge('mn', 'no', 'merge'),
      ],
    );

    it('runs the branch taken and skips the other', () => {
      const run = new RunState(graph).set('start', 'succeeded').set('cond', 'succeeded', ['true']);
      expect(run.plan()).toEqual({ run: ['yes'], skip: ['no'] });
    });

    it('accepts output ports as a Set too', () => {
      const run = new RunState(graph).set('start', 'succeeded').set('cond', 'succeeded', new Set(['false']));
      expect(run.plan()).toEqual({ run: ['no'], skip: ['yes'] });
    });

    it('cascades the skip to nodes fed only by skipped nodes', () => {
      const run = new RunState(graph).set('start', 'succeeded').set('cond', 'succeeded', ['true']);
      expect(run.applySkips()).toEqual(['no', 'afterNo']);
      expect(run.states.get('merge')).toBeUndefined();
    });

    it('runs a merge fed by one live and one dead edge', () => {
      const run = new RunState(graph).set('start', 'succeeded').set('cond', 'succeeded', ['true']);
      run.applySkips();
      expect(run.plan()).toEqual({ run: ['yes'], skip: [] });
      run.set('yes', 'succeeded');
      expect(run.plan()).toEqual({ run: ['afterYes', 'merge'], skip: [] });
    });

    it('skips a merge when both branches are dead', () => {
      const run = new RunState(graph).set('start', 'succeeded').set('cond', 'succeeded', []);
      expect(run.applySkips()).toEqual(['yes', 'no', 'afterYes', 'afterNo', 'merge']);
    });

    it('reads a missing output-port list as "every port produced"', () => {
      const run = new RunState(graph).set('start', 'succeeded').set('cond', 'succeeded');
      expect(run.plan()).toEqual({ run: ['yes', 'no'], skip: [] });
    });
  });

  it.each(['failed', 'canceled', 'running', 'waiting_review', 'pending'] as NodeStatus[])(
    'holds children back while a parent is %s',
    (status) => {
      const run = new RunState(compileGraph(contractGraph(), infoOf))
        .set('brief', 'succeeded')
        .set('facts', status)
        .set('hero', 'succeeded');
      const plan = run.plan();
      expect(plan.run).not.toContain('draft');
      expect(plan.skip).not.toContain('draft');
      expect(plan.run).not.toContain('check');
      expect(plan.skip).not.toContain('check');
    },
  );

  it('blocks a join when one parent failed even if the other succeeded', () => {
    const run = new RunState(compileGraph(contractGraph(), infoOf));
    for (const id of ['brief', 'facts', 'hero']) run.set(id, 'succeeded');
    run.set('draft', 'failed');
    expect(run.plan()).toEqual({ run: [], skip: [] });
  });

  it('drives the contract graph to completion, one wave at a time', () => {
    const run = new RunState(compileGraph(contractGraph(), infoOf));
    const waves: string[][] = [];
    for (let guard = 0; guard < 10; guard++) {
      const { run: next, skip } = run.plan();
      expect(skip).toEqual([]);
      if (!next.length) break;
      waves.push(next);
      for (const id of next) run.set(id, 'succeeded');
    }
    expect(waves).toEqual([['brief'], ['facts', 'hero'], ['draft'], ['check'], ['ship']]);
  });
});
