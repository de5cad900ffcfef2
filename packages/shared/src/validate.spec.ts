import { formatPath, validateGraph, type GraphCatalog } from './validate.js';
import type { Issue } from './api.js';
import type { GraphEdge, GraphNode, WorkflowGraph } from './graph.js';
import { contractGraph, fakeCatalog, INFOS, nodeIndex } from './__fixtures__/catalog.js';

const catalog = fakeCatalog();

function validate(graph: unknown, cat: GraphCatalog = catalog) {
  return validateGraph(graph, cat);
}

function node(id: string, type: string, data: Record<string, unknown> = {}): GraphNode {
  return { id, type, position: { x: 0, y: 0 }, data };
}

function edge(id: string, source: string, target: string, handles: Partial<GraphEdge> = {}): GraphEdge {
  return { id, source, target, ...handles };
}

/** The contract graph with changes applied. */
function graphWith(change: (g: WorkflowGraph) => void): WorkflowGraph {
  const g = contractGraph();
  change(g);
  return g;
}

function dataOf(g: WorkflowGraph, id: string): Record<string, unknown> {
  return g.nodes[nodeIndex(g, id)]!.data;
}

/** The single issue of a result, failing loudly when there are more or none. */
function onlyIssue(issues: Issue[]): Issue {
  expect(issues).toHaveLength(1);
  return issues[0]!;
}

describe('validateGraph: a valid graph', () => {
  it('accepts the CONTRACT §1 example', () => {
    const result = validate(contractGraph());
    expect(result.issues).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.graph?.nodes.map((n) => n.id)).toEqual(['brief', 'facts', 'draft', 'hero', 'check', 'ship']);
  });

  it('asks checkConfig about every node of a known type', () => {
    const cat = fakeCatalog();
    validate(contractGraph(), cat);
    expect(cat.checked).toEqual(['input', 'retrieval', 'prompt', 'image', 'review', 'publish']);
  });

  it('fills in the version and an empty data object', () => {
    const g = contractGraph() as Partial<WorkflowGraph>;
    delete g.version;
    const result = validate({ ...g, nodes: [...g.nodes!, { id: 'loose', type: 'review', position: { x: 0, y: 0 } }] });
    expect(result.ok).toBe(true);
    expect(result.graph?.version).toBe(1);
    expect(result.graph?.nodes.at(-1)?.data).toEqual({});
  });

  it('allows the reserved {{feedback}} and {{run.…}} variables', () => {
    const g = graphWith((g) => {
      dataOf(g, 'draft').template = 'Revise it. Reviewer said: {{feedback}} (run {{ run.id }})';
    });
    expect(validate(g)).toMatchObject({ ok: true, issues: [] });
  });

  it('accepts references to dynamic ports, explicit ports, and keys of a JSON default output', () => {
    const g = graphWith((g) => {
      dataOf(g, 'draft').template = '{{brief}} for {{brief.audience.segment}}; {{facts.documents}}; {{facts}}';
      // check's default output is `any`: unknown keys may be read from it.
      dataOf(g, 'ship').title = '{{check.content}} {{check.decision}} {{check.title}} {{draft.json.items.0.title}}';
    });
    expect(validate(g).issues).toEqual([]);
  });

  it('treats empty or null handles as the default ports', () => {
    const g = graphWith((g) => {
      g.edges[0] = { ...g.edges[0]!, sourceHandle: '', targetHandle: null };
    });
    expect(validate(g).issues).toEqual([]);
  });

  it('accepts matching explicit handles, dynamic ones included', () => {
    const g = graphWith((g) => {
      g.edges[0] = { ...g.edges[0]!, sourceHandle: 'audience', targetHandle: 'in' };
      g.edges[1] = { ...g.edges[1]!, sourceHandle: 'documents' };
    });
    expect(validate(g).issues).toEqual([]);
  });

  it('ignores template fields that are not strings and data keys that are not template fields', () => {
    const g = graphWith((g) => {
      dataOf(g, 'draft').template = { not: 'a string' };
      dataOf(g, 'check').notes = '{{nowhere}}';
    });
    expect(validate(g).issues).toEqual([]);
  });

  it('accepts an empty graph', () => {
    expect(validate({ nodes: [], edges: [] })).toMatchObject({ ok: true, issues: [] });
  });
});

describe('validateGraph: refusals', () => {
  it('refuses a cycle, naming the nodes on it and pinning the closing edge', () => {
    const g = graphWith((g) => g.edges.push(edge('back', 'check', 'facts')));
    const result = validate(g);
    expect(result.ok).toBe(false);
    const issue = onlyIssue(result.issues);
    expect(issue).toMatchObject({ path: 'edges[6]', edgeId: 'back', nodeId: 'facts' });
    expect(issue.message).toBe('the graph has a cycle: facts → draft → check → facts');
    // Nodes before or behind the cycle are not part of it.
    expect(issue.message).not.toMatch(/brief|ship|hero/);
  });

  it('reports each separate cycle', () => {
    const result = validate({
      nodes: ['a', 'b', 'c', 'd'].map((id) => node(id, 'template')),
      edges: [edge('1', 'a', 'b'), edge('2', 'b', 'a'), edge('3', 'c', 'd'), edge('4', 'd', 'c')],
    });
    expect(result.issues).toEqual([
      { path: 'edges[1]', message: 'the graph has a cycle: a → b → a', nodeId: 'a', edgeId: '2' },
      { path: 'edges[3]', message: 'the graph has a cycle: c → d → c', nodeId: 'c', edgeId: '4' },
    ]);
  });

  it('refuses an edge whose source is missing', () => {
    const g = graphWith((g) => g.edges.push(edge('ghost-edge', 'ghost', 'check')));
    const issue = onlyIssue(validate(g).issues);
    expect(issue).toEqual({
      path: 'edges[6].source',
      message: 'edge source "ghost" is not a node of this graph',
      edgeId: 'ghost-edge',
    });
  });

  it('refuses an edge whose target is missing', () => {
    const g = graphWith((g) => g.edges.push(edge('e7', 'ship', 'nowhere')));
    expect(onlyIssue(validate(g).issues)).toMatchObject({ path: 'edges[6].target', edgeId: 'e7' });
  });

  it('reports both ends of an edge between two missing nodes', () => {
    const g = graphWith((g) => g.edges.push(edge('e7', 'x', 'y')));
    expect(validate(g).issues.map((i) => i.path)).toEqual(['edges[6].source', 'edges[6].target']);
  });

  it('refuses an unknown node type, without port noise from its edges', () => {
    const g = graphWith((g) => {
      g.nodes[nodeIndex(g, 'hero')]!.type = 'teleport';
    });
    const issue = onlyIssue(validate(g).issues);
    expect(issue).toEqual({ path: 'nodes[3].type', message: 'unknown node type "teleport"', nodeId: 'hero' });
  });

  it('does not ask checkConfig about unknown types', () => {
    const cat = fakeCatalog();
    validate({ nodes: [node('a', 'teleport')], edges: [] }, cat);
    expect(cat.checked).toEqual([]);
  });

  it('does not let prototype keys pass as node types', () => {
    const result = validate({ nodes: [node('a', 'constructor'), node('b', '__proto__')], edges: [] });
    expect(result.issues.map((i) => i.path)).toEqual(['nodes[0].type', 'nodes[1].type']);
  });

  it('refuses a duplicate node id at the second occurrence', () => {
    const g = graphWith((g) => g.nodes.push(node('draft', 'review')));
    const issue = onlyIssue(validate(g).issues);
    expect(issue).toEqual({ path: 'nodes[6].id', message: 'duplicate node id "draft"', nodeId: 'draft' });
  });

  it('checks each duplicate against its own type', () => {
    const g = graphWith((g) => g.nodes.push(node('draft', 'template', { template: '{{nobody}}' })));
    const paths = validate(g).issues.map((i) => i.path);
    expect(paths).toEqual(['nodes[6].id', 'nodes[6].data.template']);
  });

  it('refuses a duplicate edge id', () => {
    const g = graphWith((g) => g.edges.push(edge('e1', 'brief', 'draft')));
    const issue = onlyIssue(validate(g).issues);
    expect(issue).toEqual({ path: 'edges[6].id', message: 'duplicate edge id "e1"', edgeId: 'e1' });
  });

  it('refuses a self-loop once, not again as a cycle', () => {
    const g = graphWith((g) => g.edges.push(edge('loop', 'draft', 'draft')));
    const issue = onlyIssue(validate(g).issues);
    expect(issue).toEqual({
      path: 'edges[6]',
      message: 'node "draft" cannot connect to itself',
      edgeId: 'loop',
      nodeId: 'draft',
    });
  });

  it('refuses an images output into a text input', () => {
    const g = graphWith((g) => g.edges.push(edge('bad', 'hero', 'ship')));
    const issue = onlyIssue(validate(g).issues);
    expect(issue).toEqual({
      path: 'edges[6]',
      message: 'hero.images → ship.content: a images output cannot feed a text input',
      edgeId: 'bad',
      nodeId: 'ship',
    });
  });

  it('refuses a text output into a documents input, through explicit handles', () => {
    const result = validate({
      nodes: [
        node('facts', 'retrieval', { knowledgeBaseId: 'kb' }),
        node('sum', 'summarize'),
      ],
      edges: [
        edge('ok', 'facts', 'sum', { sourceHandle: 'documents', targetHandle: 'docs' }),
        edge('bad', 'facts', 'sum', { sourceHandle: 'context', targetHandle: 'docs' }),
      ],
    });
    const issue = onlyIssue(result.issues);
    expect(issue).toMatchObject({ path: 'edges[1]', edgeId: 'bad', nodeId: 'sum' });
    expect(issue.message).toContain('a text output cannot feed a documents input');
  });

  it('uses the type of a dynamic port', () => {
    // brief.topic is text (typeMap), summarize takes documents only.
    const result = validate({
      nodes: [node('brief', 'input', { fields: [{ name: 'topic', type: 'text' }] }), node('sum', 'summarize')],
      edges: [edge('e', 'brief', 'sum', { sourceHandle: 'topic' })],
    });
    expect(onlyIssue(result.issues).message).toBe('brief.topic → sum.docs: a text output cannot feed a documents input');
  });

  it('refuses an unknown source handle, listing the real ones', () => {
    const g = graphWith((g) => {
      g.edges[1] = { ...g.edges[1]!, sourceHandle: 'summary' };
    });
    expect(onlyIssue(validate(g).issues)).toEqual({
      path: 'edges[1].sourceHandle',
      message: 'node "facts" has no output "summary" (it has: context, documents)',
      edgeId: 'e2',
      nodeId: 'facts',
    });
  });

  it('refuses an unknown target handle', () => {
    const g = graphWith((g) => {
      g.edges[5] = { ...g.edges[5]!, targetHandle: 'body' };
    });
    expect(onlyIssue(validate(g).issues)).toEqual({
      path: 'edges[5].targetHandle',
      message: 'node "ship" has no input "body" (it has: content)',
      edgeId: 'e6',
      nodeId: 'ship',
    });
  });

  it('refuses an edge into a node without inputs or out of a node without outputs', () => {
    const result = validate({
      nodes: [node('brief', 'input', { fields: [{ name: 'topic', type: 'text' }] }), node('end', 'sink'), node('t', 'template')],
      edges: [edge('into-input', 't', 'brief'), edge('out-of-sink', 'end', 't')],
    });
    expect(result.issues).toEqual([
      { path: 'edges[0].targetHandle', message: 'node "brief" takes no inputs', edgeId: 'into-input', nodeId: 'brief' },
      { path: 'edges[1].sourceHandle', message: 'node "end" has no outputs', edgeId: 'out-of-sink', nodeId: 'end' },
    ]);
  });

  it('still checks the known end of an edge whose other end has an unknown type', () => {
    const result = validate({
      nodes: [node('a', 'teleport'), node('b', 'template')],
      edges: [edge('e', 'a', 'b', { targetHandle: 'nope' })],
    });
    expect(result.issues.map((i) => i.path)).toEqual(['nodes[0].type', 'edges[0].targetHandle']);
  });

  it('refuses a config that fails its node schema, with the path inside data', () => {
    const g = graphWith((g) => {
      dataOf(g, 'facts').topK = 0;
      delete dataOf(g, 'facts').knowledgeBaseId;
      dataOf(g, 'hero').size = 'huge';
    });
    expect(validate(g).issues).toEqual([
      { path: 'nodes[1].data.knowledgeBaseId', message: 'required', nodeId: 'facts' },
      { path: 'nodes[1].data.topK', message: 'must be a positive integer', nodeId: 'facts' },
      { path: 'nodes[3].data.size', message: 'must look like 1024x1024', nodeId: 'hero' },
    ]);
  });

  it('joins nested, indexed and empty config paths properly', () => {
    const nested = validate({ nodes: [node('brief', 'input', { fields: [{ type: 'text' }] })], edges: [] });
    expect(nested.issues).toEqual([{ path: 'nodes[0].data.fields[0].name', message: 'required', nodeId: 'brief' }]);

    const whole = validate({ nodes: [node('ship', 'publish', {})], edges: [] });
    expect(whole.issues).toEqual([{ path: 'nodes[0].data', message: 'target is required', nodeId: 'ship' }]);

    const indexed = validate(
      { nodes: [node('n', 'template')], edges: [] },
      { info: (t) => INFOS[t], checkConfig: () => [{ path: '[0]', message: 'odd' }] },
    );
    expect(indexed.issues[0]?.path).toBe('nodes[0].data[0]');
  });

  it('works with a catalog that has no checkConfig', () => {
    expect(validate(contractGraph(), { info: (t) => INFOS[t] }).ok).toBe(true);
  });

  it('refuses a template reference to a node that is not upstream', () => {
    const g = graphWith((g) => {
      dataOf(g, 'hero').prompt = 'Illustrate {{ draft.text }}'; // a sibling branch
    });
    expect(onlyIssue(validate(g).issues)).toEqual({
      path: 'nodes[3].data.prompt',
      message: '{{draft.text}} refers to "draft", which is not upstream of "hero": connect it first',
      nodeId: 'hero',
    });
  });

  it('refuses references to downstream nodes and to the node itself', () => {
    const g = graphWith((g) => {
      dataOf(g, 'facts').query = '{{check}}';
      dataOf(g, 'draft').system = 'Earlier: {{draft.text}}';
    });
    const issues = validate(g).issues;
    expect(issues.map((i) => [i.path, i.nodeId])).toEqual([
      ['nodes[1].data.query', 'facts'],
      ['nodes[2].data.system', 'draft'],
    ]);
    expect(issues.every((i) => i.message.includes('not upstream'))).toBe(true);
  });

  it('refuses a template reference to a node that does not exist', () => {
    const g = graphWith((g) => {
      dataOf(g, 'draft').template = 'About {{nobody.text}}';
    });
    expect(onlyIssue(validate(g).issues)).toEqual({
      path: 'nodes[2].data.template',
      message: '{{nobody.text}} refers to "nobody", which is not a node of this graph',
      nodeId: 'draft',
    });
  });

  it('refuses a template reference to a port the node does not have', () => {
    const g = graphWith((g) => {
      dataOf(g, 'draft').template = 'Facts: {{facts.summary}}';
      dataOf(g, 'hero').prompt = '{{brief.tone}}'; // brief has topic and audience only
    });
    expect(validate(g).issues).toEqual([
      {
        path: 'nodes[2].data.template',
        message: '{{facts.summary}}: "facts" has no output "summary" (it has: context, documents)',
        nodeId: 'draft',
      },
      {
        path: 'nodes[3].data.prompt',
        message: '{{brief.tone}}: "brief" has no output "tone" (it has: topic, audience)',
        nodeId: 'hero',
      },
    ]);
  });

  it('refuses a reference to a node that has no outputs at all', () => {
    const result = validate({
      nodes: [node('end', 'sink'), node('t', 'template', { template: '{{end}}' })],
      edges: [edge('e', 'end', 't')],
    });
    expect(result.issues.map((i) => i.message)).toEqual(['node "end" has no outputs', '{{end}}: "end" has no outputs']);
  });

  it('refuses an unclosed {{', () => {
    const g = graphWith((g) => {
      dataOf(g, 'draft').template = 'Blog post on {{brief.topic';
    });
    expect(onlyIssue(validate(g).issues)).toEqual({
      path: 'nodes[2].data.template',
      message: '"{{" at position 13 is never closed with "}}"',
      nodeId: 'draft',
    });
  });

  it('refuses a body that is not a reference', () => {
    const g = graphWith((g) => {
      dataOf(g, 'draft').template = 'Sum: {{ 1+2 }}';
    });
    expect(onlyIssue(validate(g).issues)).toMatchObject({ path: 'nodes[2].data.template', nodeId: 'draft' });
  });

  it('refuses node ids that templates reserve', () => {
    const result = validate({ nodes: [node('feedback', 'template'), node('run', 'template')], edges: [] });
    expect(result.issues).toEqual([
      { path: 'nodes[0].id', message: '"feedback" is reserved in templates and cannot be a node id', nodeId: 'feedback' },
      { path: 'nodes[1].id', message: '"run" is reserved in templates and cannot be a node id', nodeId: 'run' },
    ]);
  });

  it('reports every issue at once', () => {
    const g = graphWith((g) => {
      g.nodes.push(node('mystery', 'teleport')); // unknown type
      g.nodes.push(node('draft', 'template')); // duplicate node id
      dataOf(g, 'facts').topK = -1; // config
      dataOf(g, 'hero').prompt = '{{draft.text}} {{'; // not upstream + unclosed
      g.edges.push(edge('e1', 'brief', 'draft')); // duplicate edge id
      g.edges.push(edge('dangling', 'ghost', 'ship')); // missing source
      g.edges.push(edge('bad-port', 'hero', 'ship')); // images → text
      g.nodes.push(node('extra', 'template'));
      g.edges.push(edge('into-input', 'extra', 'brief', { targetHandle: 'in' })); // brief has no inputs
      g.edges.push(edge('loop', 'check', 'draft')); // cycle draft → check → draft
    });
    const result = validate(g);
    expect(result.ok).toBe(false);
    const messages = result.issues.map((i) => `${i.path}: ${i.message}`);
    expect(messages).toEqual([
      'nodes[1].data.topK: must be a positive integer',
      'nodes[6].type: unknown node type "teleport"',
      'nodes[7].id: duplicate node id "draft"',
      'edges[6].id: duplicate edge id "e1"',
      'edges[7].source: edge source "ghost" is not a node of this graph',
      'edges[8]: hero.images → ship.content: a images output cannot feed a text input',
      'edges[9].targetHandle: node "brief" has no input "in"',
      'edges[10]: the graph has a cycle: draft → check → draft',
      'nodes[3].data.prompt: "{{" at position 15 is never closed with "}}"',
      'nodes[3].data.prompt: {{draft.text}} refers to "draft", which is not upstream of "hero": connect it first',
    ]);
    expect(result.issues.every((i) => i.nodeId || i.edgeId)).toBe(true);
  });

  it('checks templates even when the graph has a cycle', () => {
    const g = graphWith((g) => {
      g.edges.push(edge('back', 'check', 'facts'));
      dataOf(g, 'hero').prompt = '{{nobody}}';
    });
    expect(validate(g).issues.map((i) => i.path)).toEqual(['edges[6]', 'nodes[3].data.prompt']);
  });
});

describe('validateGraph: malformed JSON', () => {
  it.each([
    ['null', null, ''],
    ['a string', 'graph', ''],
    ['missing nodes', { edges: [] }, 'nodes'],
    ['nodes not an array', { nodes: {}, edges: [] }, 'nodes'],
    ['missing edges', { nodes: [] }, 'edges'],
    ['a wrong version', { version: 2, nodes: [], edges: [] }, 'version'],
  ])('%s → issue at "%s"', (_name, input, path) => {
    const result = validate(input);
    expect(result.ok).toBe(false);
    expect(result.graph).toBeUndefined();
    expect(result.issues.map((i) => i.path)).toContain(path);
  });

  it.each(['1starts-with-digit', 'has space', 'dot.ted', 'brace}}', '', 'x'.repeat(65), 'ünï'])(
    'refuses the node id %j with a path to it',
    (id) => {
      const result = validate({ nodes: [node('ok', 'template'), node(id, 'template')], edges: [] });
      expect(result.ok).toBe(false);
      expect(result.issues).toHaveLength(1);
      expect(result.issues[0]).toMatchObject({ path: 'nodes[1].id' });
      expect(result.issues[0]!.message).toMatch(/letter|_/);
    },
  );

  it('gives paths into nodes and edges for every shape problem at once', () => {
    const result = validate({
      nodes: [{ id: 'a', type: 'template', position: { x: 'left', y: 0 } }, { id: 'b', position: { x: 0, y: 0 }, data: [] }],
      edges: [{ id: 'e', source: 'a' }],
    });
    expect(result.issues.map((i) => i.path).sort()).toEqual(
      ['edges[0].target', 'nodes[0].position.x', 'nodes[1].data', 'nodes[1].type'].sort(),
    );
  });
});

describe('formatPath', () => {
  it.each([
    [[], ''],
    [['nodes'], 'nodes'],
    [['nodes', 2, 'data', 'template'], 'nodes[2].data.template'],
    [['edges', 0, 'source'], 'edges[0].source'],
    [[0, 'id'], '[0].id'],
    [['a', 1, 2, 'b'], 'a[1][2].b'],
  ] as [PropertyKey[], string][])('%j → %j', (path, expected) => {
    expect(formatPath(path)).toBe(expected);
  });
});
