import { z } from 'zod';
import { nodeTypeInfoSchema, validateGraph } from '@flowpress/shared';
import type { NodeDefinition, NodeExecutor } from './contract.js';
import { catalog, definitions, NodeRegistry, nodeTypeInfo, registry } from './registry.js';
import { defineExecutors, executors } from './runtime.js';
import { templateDefinition } from './template/definition.js';

describe('registry', () => {
  it('lists the node types of this package', () => {
    expect(registry.types).toEqual(
      expect.arrayContaining(['input', 'prompt', 'image', 'template', 'condition']),
    );
  });

  it('rejects duplicate types', () => {
    expect(
      () => new NodeRegistry([templateDefinition, { ...templateDefinition, label: 'Again' }]),
    ).toThrow('duplicate node type "template" in the registry');
    const executor: NodeExecutor = { type: 'x', execute: async () => ({ output: {} }) };
    expect(() => defineExecutors([executor, executor])).toThrow(
      'duplicate executor for node type "x"',
    );
  });

  it('has exactly one executor per definition', () => {
    expect([...executors.keys()].sort()).toEqual([...registry.types].sort());
  });

  it.each(definitions.map((d) => [d.type, d] as const))(
    '%s: info parses, config exports to JSON Schema, defaults are valid',
    (_type, def) => {
      const info = nodeTypeInfo(def);
      expect(nodeTypeInfoSchema.parse(info)).toEqual(info);
      expect(info.configSchema).toMatchObject({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
      });
      expect(registry.checkConfig(def.type, info.defaults)).toEqual([]);
      for (const field of def.templateFields)
        expect(Object.keys(info.configSchema['properties'] as object)).toContain(field);
    },
  );

  it('exports input-side JSON Schema: fields with defaults are optional', () => {
    const schema = registry.info('image')!.configSchema as {
      required?: string[];
      properties: Record<string, unknown>;
    };
    expect(schema.required ?? []).toEqual([]);
    expect(schema.properties['count']).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 4,
      default: 1,
    });
  });

  it('parses configs with defaults applied, and reports unknown types', () => {
    expect(registry.parseConfig('image', { prompt: 'x' })).toEqual({
      ok: true,
      config: { prompt: 'x', size: '1024x1024', count: 1 },
    });
    expect(registry.parseConfig('nope', {})).toEqual({
      ok: false,
      issues: [{ path: '', message: 'unknown node type "nope"' }],
    });
  });

  it('refuses a definition whose defaults are not an object', () => {
    const broken = {
      ...templateDefinition,
      type: 'broken',
      config: z.string(),
      defaults: 'x',
    } as NodeDefinition;
    expect(() => new NodeRegistry([broken])).toThrow(
      'node type "broken": defaults must be an object',
    );
  });
});

describe('catalog with shared graph validation', () => {
  const graph = {
    version: 1,
    nodes: [
      {
        id: 'brief',
        type: 'input',
        position: { x: 0, y: 0 },
        data: { fields: [{ name: 'topic', type: 'text', required: true }] },
      },
      {
        id: 'draft',
        type: 'prompt',
        position: { x: 1, y: 0 },
        data: { system: 'You write for ACME.', template: 'Blog post on {{brief.topic}}.' },
      },
      {
        id: 'hero',
        type: 'image',
        position: { x: 1, y: 1 },
        data: { prompt: 'Hero image: {{brief.topic}}', size: '1024x1024' },
      },
      {
        id: 'long',
        type: 'condition',
        position: { x: 2, y: 0 },
        // RE2 (linear-time matching) allows repeat counts up to 1000.
        data: { when: 'matches', value: '.{1000,}', input: '{{draft.text}}' },
      },
      {
        id: 'page',
        type: 'template',
        position: { x: 3, y: 0 },
        data: { template: '{{draft.text}}\n\n![hero]({{hero.images.0.url}})' },
      },
    ],
    edges: [
      { id: 'e1', source: 'brief', target: 'draft' },
      { id: 'e2', source: 'brief', target: 'hero', sourceHandle: 'topic', targetHandle: 'prompt' },
      { id: 'e3', source: 'draft', target: 'long' },
      { id: 'e4', source: 'long', sourceHandle: 'true', target: 'page' },
      { id: 'e5', source: 'hero', target: 'page' },
    ],
  };

  it('accepts a valid pipeline', () => {
    expect(validateGraph(graph, catalog)).toMatchObject({ ok: true, issues: [] });
  });

  it('reports config problems with paths inside the node data', () => {
    const bad = structuredClone(graph);
    bad.nodes[0]!.data = { fields: [{ name: 'my topic', type: 'text', required: true }] };
    bad.nodes[2]!.data = { prompt: 'x', size: 'big' };
    const result = validateGraph(bad, catalog);
    expect(result.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'nodes[0].data.fields[0].name', nodeId: 'brief' }),
        expect.objectContaining({ path: 'nodes[2].data.size', nodeId: 'hero' }),
      ]),
    );
  });
});
