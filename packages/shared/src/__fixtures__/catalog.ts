/** Test-only: a fake catalog describing the contract's node types, and the CONTRACT §1 graph. */
import type { NodeTypeInfo } from '../catalog.js';
import type { PortSpec } from '../ports.js';
import type { GraphCatalog } from '../validate.js';
import type { WorkflowGraph } from '../graph.js';

function info(
  type: string,
  inputs: PortSpec[],
  outputs: PortSpec[],
  templateFields: string[],
  extra: Partial<NodeTypeInfo> = {},
): NodeTypeInfo {
  return {
    type,
    version: 1,
    label: type,
    description: `${type} node`,
    category: 'generate',
    icon: 'box',
    inputs,
    outputs,
    configSchema: { type: 'object' },
    templateFields,
    defaults: {},
    ...extra,
  };
}

const anyIn: PortSpec = { name: 'in', type: 'any', multiple: true };

export const INFOS: Record<string, NodeTypeInfo> = {
  input: info('input', [], [], [], {
    category: 'inputs',
    dynamicOutputs: {
      fromConfigList: {
        key: 'fields',
        nameKey: 'name',
        typeKey: 'type',
        typeMap: { text: 'text', number: 'json', boolean: 'json', json: 'json' },
      },
    },
  }),
  retrieval: info('retrieval', [anyIn], [
    { name: 'context', type: 'text' },
    { name: 'documents', type: 'documents' },
  ], ['query']),
  prompt: info('prompt', [anyIn], [
    { name: 'text', type: 'text' },
    { name: 'json', type: 'json' },
  ], ['system', 'template']),
  image: info('image', [anyIn], [{ name: 'images', type: 'images' }], ['prompt']),
  review: info('review', [anyIn], [
    { name: 'content', type: 'any' },
    { name: 'decision', type: 'text' },
  ], ['instructions']),
  publish: info('publish', [{ name: 'content', type: 'text', multiple: true }], [
    { name: 'receipt', type: 'json' },
  ], ['title', 'content']),
  template: info('template', [anyIn], [{ name: 'text', type: 'text' }], ['template']),
  condition: info('condition', [{ name: 'in', type: 'any' }], [
    { name: 'true', type: 'any' },
    { name: 'false', type: 'any' },
  ], ['input', 'value']),
  /** Takes documents only: a text output cannot feed it. */
  summarize: info('summarize', [{ name: 'docs', type: 'documents' }], [{ name: 'text', type: 'text' }], ['template']),
  /** Produces nothing. */
  sink: info('sink', [anyIn], [], ['template']),
};

export interface FakeCatalog extends GraphCatalog {
  /** Types checkConfig was asked about, in order. */
  checked: string[];
}

/** A catalog whose checkConfig enforces a few rules, the way a node's zod schema would. */
export function fakeCatalog(): FakeCatalog {
  const checked: string[] = [];
  return {
    checked,
    info: (type) => (Object.prototype.hasOwnProperty.call(INFOS, type) ? INFOS[type] : undefined),
    checkConfig(type, data) {
      checked.push(type);
      const problems: { path: string; message: string }[] = [];
      if (type === 'retrieval') {
        if (typeof data.knowledgeBaseId !== 'string') problems.push({ path: 'knowledgeBaseId', message: 'required' });
        if (data.topK !== undefined && (!Number.isInteger(data.topK) || (data.topK as number) < 1)) {
          problems.push({ path: 'topK', message: 'must be a positive integer' });
        }
      }
      if (type === 'input') {
        const fields = Array.isArray(data.fields) ? (data.fields as Record<string, unknown>[]) : [];
        fields.forEach((f, i) => {
          if (typeof f.name !== 'string' || !f.name) problems.push({ path: `fields[${i}].name`, message: 'required' });
        });
      }
      if (type === 'image' && data.size !== undefined && !/^\d+x\d+$/.test(String(data.size))) {
        problems.push({ path: 'size', message: 'must look like 1024x1024' });
      }
      if (type === 'publish' && data.target === undefined) problems.push({ path: '', message: 'target is required' });
      return problems;
    },
  };
}

/** The CONTRACT §1 example, fresh each call so tests can mutate it. */
export function contractGraph(): WorkflowGraph {
  return {
    version: 1,
    nodes: [
      { id: 'brief', type: 'input', position: { x: 0, y: 0 },
        data: { fields: [{ name: 'topic', type: 'text', required: true }, { name: 'audience', type: 'json' }] } },
      { id: 'facts', type: 'retrieval', position: { x: 260, y: 0 },
        data: { knowledgeBaseId: '7d4c8f5e-0000-4000-8000-000000000000', query: '{{brief.topic}}', topK: 4 } },
      { id: 'draft', type: 'prompt', position: { x: 520, y: 0 },
        data: { system: 'You write for ACME.', template: 'Blog post on {{brief.topic}}.\nFacts:\n{{facts.context}}' } },
      { id: 'hero', type: 'image', position: { x: 520, y: 200 },
        data: { prompt: 'Hero image: {{brief.topic}}', size: '1024x1024' } },
      { id: 'check', type: 'review', position: { x: 780, y: 0 },
        data: { instructions: 'Check facts and tone' } },
      { id: 'ship', type: 'publish', position: { x: 1040, y: 0 },
        data: { target: 'webhook', url: 'https://example.com/hook' } },
    ],
    edges: [
      { id: 'e1', source: 'brief', target: 'facts' },
      { id: 'e2', source: 'facts', target: 'draft' },
      { id: 'e3', source: 'brief', target: 'hero' },
      { id: 'e4', source: 'draft', target: 'check' },
      { id: 'e5', source: 'hero', target: 'check' },
      { id: 'e6', source: 'check', target: 'ship' },
    ],
  };
}

/** Index of a node in the contract graph, for expected issue paths. */
export function nodeIndex(graph: WorkflowGraph, id: string): number {
  const i = graph.nodes.findIndex((n) => n.id === id);
  if (i < 0) throw new Error(`no node ${id}`);
  return i;
}
