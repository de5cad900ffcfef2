import { validateGraph } from '@flowpress/shared';
import { catalog } from '@flowpress/nodes';
import { ValidationFailed } from '../http/api-error.js';
import { demoWorkflow } from './demo-workflow.js';

const DEMO_KB = '6f1c1b7e-2a4d-4c55-9d0e-5b8a1f3c2d10';
import { assertValidGraph } from './graph-validation.js';

describe('assertValidGraph', () => {
  it('returns the parsed graph when valid', () => {
    const graph = assertValidGraph(
      {
        nodes: [{ id: 'a', type: 'template', position: { x: 0, y: 0 }, data: { template: 'hi' } }],
        edges: [],
      },
      catalog,
    );
    expect(graph.version).toBe(1);
    expect(graph.nodes[0]?.id).toBe('a');
  });

  it('throws 400 with every issue under graph.*', () => {
    let error: unknown;
    try {
      assertValidGraph(
        {
          nodes: [
            { id: 'a', type: 'nope', position: { x: 0, y: 0 } },
            { id: 'a', type: 'template', position: { x: 0, y: 0 }, data: { template: '{{x.y}}' } },
          ],
          edges: [{ id: 'e', source: 'a', target: 'b' }],
        },
        catalog,
      );
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ValidationFailed);
    const issues = (error as ValidationFailed).issues ?? [];
    expect(issues.length).toBeGreaterThanOrEqual(3);
    for (const issue of issues) expect(issue.path.startsWith('graph')).toBe(true);
    expect((error as ValidationFailed).message).toMatch(/\(\d+ issues\)/);
  });
});

describe('the demo workflow', () => {
  it('is valid against the real node catalog', () => {
    const result = validateGraph(demoWorkflow(DEMO_KB).graph, catalog);
    expect(result.issues).toEqual([]);
  });

  it('is brief → retrieval → draft + hero image → review → publish, laid out left to right', () => {
    const { graph } = demoWorkflow(DEMO_KB);
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    expect(byId.get('brief')?.type).toBe('input');
    expect(byId.get('draft')?.type).toBe('prompt');
    expect(byId.get('hero')?.type).toBe('image');
    expect(byId.get('facts')?.data['knowledgeBaseId']).toBe(DEMO_KB);
    expect(byId.get('check')?.type).toBe('review');
    expect(byId.get('ship')?.data['target']).toBe('library');
    for (const edge of graph.edges) {
      expect(byId.get(edge.source)?.position.x).toBeLessThan(
        byId.get(edge.target)?.position.x ?? 0,
      );
    }
    expect(String(byId.get('draft')?.data['template'])).toContain('{{facts.context}}');
  });
});
