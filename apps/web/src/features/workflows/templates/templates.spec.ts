import type { NodeTypeInfo } from '@flowpress/shared';
import { availableTemplates, instantiateTemplate, missingOptional, TEMPLATES } from './index';

const node = (
  type: string,
  inputs: NodeTypeInfo['inputs'],
  outputs: NodeTypeInfo['outputs'],
): NodeTypeInfo => ({
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
    dynamicOutputs: {
      fromConfigList: {
        key: 'fields',
        nameKey: 'name',
        typeKey: 'type',
        typeMap: { text: 'text' },
      },
    },
  },
  node(
    'prompt',
    [{ name: 'context', type: 'any', multiple: true }],
    [{ name: 'text', type: 'text' }],
  ),
  node('template', [{ name: 'in', type: 'any', multiple: true }], [{ name: 'text', type: 'text' }]),
];

const withReview: NodeTypeInfo[] = [
  ...catalog,
  node('image', [{ name: 'prompt', type: 'text' }], [{ name: 'images', type: 'images' }]),
  node(
    'review',
    [{ name: 'content', type: 'any', multiple: true }],
    [{ name: 'text', type: 'text' }],
  ),
];

describe('workflow templates', () => {
  it('offers at least four marketing flows and hides those whose steps the server lacks', () => {
    expect(TEMPLATES.length).toBeGreaterThanOrEqual(4);
    const ids = availableTemplates(catalog).map((t) => t.id);
    expect(ids).toContain('product-descriptions');
    expect(ids).not.toContain('blog-post');
    expect(ids).not.toContain('weekly-newsletter');
  });

  it('puts a review step in the flows that publish or send, and leaves publish out until it exists', () => {
    const ids = availableTemplates(withReview).map((t) => t.id);
    expect(ids).toEqual(expect.arrayContaining(['blog-post', 'weekly-newsletter', 'social-posts']));
    const blog = TEMPLATES.find((t) => t.id === 'blog-post')!;
    expect(missingOptional(blog, withReview).map((n) => n.type)).toEqual(['publish']);
    const graph = instantiateTemplate(blog, withReview)!;
    expect(graph.nodes.map((n) => n.type)).toEqual(['input', 'prompt', 'image', 'review']);
    expect(graph.edges.every((e) => e.target !== 'ship')).toBe(true);
    expect(graph.edges.filter((e) => e.target === 'check')).toHaveLength(2);
    const withPublish = [...withReview, node('publish', [{ name: 'content', type: 'any' }], [])];
    expect(instantiateTemplate(blog, withPublish)!.edges.some((e) => e.target === 'ship')).toBe(
      true,
    );
    const newsletter = TEMPLATES.find((t) => t.id === 'weekly-newsletter')!;
    expect(newsletter.nodes.some((n) => n.type === 'review')).toBe(true);
  });

  it('publishes the blog post with its approved hero image (the review images port)', () => {
    const blog = TEMPLATES.find((t) => t.id === 'blog-post')!;
    const catalogWithPublish = [
      ...withReview.filter((c) => c.type !== 'review'),
      node(
        'review',
        [{ name: 'content', type: 'any', multiple: true }],
        [
          { name: 'text', type: 'text' },
          { name: 'images', type: 'images' },
        ],
      ),
      node('publish', [{ name: 'content', type: 'any', multiple: true }], []),
    ];
    const graph = instantiateTemplate(blog, catalogWithPublish)!;
    const toShip = graph.edges.filter((e) => e.target === 'ship');
    expect(toShip.map((e) => `${e.sourceHandle}->${e.targetHandle}`)).toEqual([
      'text->content',
      'images->content',
    ]);
  });

  it('builds a laid-out graph on the first compatible ports, over the catalog defaults', () => {
    const template = TEMPLATES.find((t) => t.id === 'product-descriptions')!;
    const graph = instantiateTemplate(template, catalog)!;
    expect(graph.nodes).toHaveLength(5);
    expect(graph.edges).toHaveLength(6);
    expect(graph.edges[0]).toMatchObject({
      source: 'product',
      sourceHandle: 'name',
      targetHandle: 'context',
    });
    expect(graph.nodes[1]?.data).toMatchObject({ fromDefaults: true, temperature: 0.4 });
    const xs = new Set(graph.nodes.map((n) => n.position.x));
    expect(xs.size).toBe(3);
  });
});
