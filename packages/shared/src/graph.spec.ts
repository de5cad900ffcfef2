import { GRAPH_VERSION, graphNodeSchema, nodeIdSchema, workflowGraphSchema } from './graph.js';

describe('nodeIdSchema', () => {
  it.each(['brief', 'Draft2', '_private', 'hero-image', 'a_b-c', 'x'.repeat(64)])('accepts %j', (id) => {
    expect(nodeIdSchema.safeParse(id).success).toBe(true);
  });

  it.each(['', '2fast', '-dash', 'has space', 'dot.ted', 'curly}}', 'ünï', 'x'.repeat(65)])('refuses %j', (id) => {
    expect(nodeIdSchema.safeParse(id).success).toBe(false);
  });
});

describe('workflowGraphSchema', () => {
  it('defaults the version and node data', () => {
    const parsed = workflowGraphSchema.parse({ nodes: [{ id: 'a', type: 'prompt', position: { x: 1, y: 2 } }], edges: [] });
    expect(parsed.version).toBe(GRAPH_VERSION);
    expect(parsed.nodes[0]!.data).toEqual({});
  });

  it('keeps the extra fields React Flow writes on nodes and edges', () => {
    const graph = {
      version: 1,
      nodes: [{ id: 'a', type: 'prompt', position: { x: 0, y: 0 }, data: {}, selected: true, measured: { width: 200, height: 80 } }],
      edges: [{ id: 'e', source: 'a', target: 'a', animated: true, sourceHandle: null }],
      notes: [{ id: 'n1', position: { x: 0, y: 0 }, text: 'Remember ✨' }],
      viewport: { x: 0, y: 0, zoom: 1.5 },
    };
    expect(workflowGraphSchema.parse(graph)).toEqual(graph);
  });

  it('refuses a version from the future and too many nodes', () => {
    expect(workflowGraphSchema.safeParse({ version: 2, nodes: [], edges: [] }).success).toBe(false);
    const nodes = Array.from({ length: 2001 }, (_, i) => ({ id: `n${i}`, type: 't', position: { x: 0, y: 0 } }));
    expect(workflowGraphSchema.safeParse({ nodes, edges: [] }).success).toBe(false);
  });
});

describe('node settings', () => {
  it('accepts engine settings and refuses nonsense', () => {
    const base = { id: 'a', type: 'prompt', position: { x: 0, y: 0 }, data: {} };
    expect(graphNodeSchema.safeParse({ ...base, settings: { timeoutMs: 5000, maxAttempts: 2 } }).success).toBe(true);
    expect(graphNodeSchema.safeParse({ ...base, settings: { timeoutMs: 'soon' } }).success).toBe(false);
    expect(graphNodeSchema.safeParse({ ...base, settings: { maxAttempts: 0 } }).success).toBe(false);
  });
});
