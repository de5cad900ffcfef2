import type { NodeTypeInfo } from '@flowpress/shared';
import { availableTemplates, instantiateTemplate, TEMPLATES } from './index';

const node = (type: string, inputs: NodeTypeInfo['inputs'], outputs: NodeTypeInfo['outputs']): NodeTypeInfo => ({
  type,
  version: 1,
  label: type,
  description: '',
  category: 'generate',
  icon: 'sparkles',
  inputs,
  outputs,
  configSchema: {},
  templateFields: [],
  defaults: { fromDefaults: true },
});

const catalog: NodeTypeInfo[] = [
  {
    ...node('input', [], []),
    dynamicOutputs: { fromConfigList: { key: 'fields', nameKey: 'name', typeKey: 'type', typeMap: { text: 'text' } } },
  },
  node('prompt', [{ name: 'context', type: 'any', multiple: true }], [{ name: 'text', type: 'text' }]),
  node('template', [{ name: 'in', type: 'any', multiple: true }], [{ name: 'text', type: 'text' }]),
];

describe('workflow templates', () => {
  it('offers at least four marketing flows and hides those whose steps the server lacks', () => {
    expect(TEMPLATES.length).toBeGreaterThanOrEqual(4);
    const ids = availableTemplates(catalog).map((t) => t.id);
    expect(ids).toContain('product-descriptions');
    expect(ids).toContain('weekly-newsletter');
    expect(ids).not.toContain('blog-post');
  });

  it('builds a laid-out graph on the first compatible ports, over the catalog defaults', () => {
    const template = TEMPLATES.find((t) => t.id === 'product-descriptions')!;
    const graph = instantiateTemplate(template, catalog)!;
    expect(graph.nodes).toHaveLength(5);
    expect(graph.edges).toHaveLength(6);
    expect(graph.edges[0]).toMatchObject({ source: 'product', sourceHandle: 'name', targetHandle: 'context' });
    expect(graph.nodes[1]?.data).toMatchObject({ fromDefaults: true, temperature: 0.4 });
    const xs = new Set(graph.nodes.map((n) => n.position.x));
    expect(xs.size).toBe(3);
  });
});
