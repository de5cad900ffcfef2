import type { NodeTypeInfo, WorkflowGraph } from '@flowpress/shared';
import { canvasToGraph, graphToCanvas } from './graphConvert';
import { renameRefs, uniqueNodeId } from './ids';

const info = (type: string, inputs: string[], outputs: string[]): NodeTypeInfo => ({
  type,
  version: 1,
  label: type,
  description: '',
  category: 'generate',
  icon: 'sparkles',
  inputs: inputs.map((name) => ({ name, type: 'any' })),
  outputs: outputs.map((name) => ({ name, type: 'text' })),
  configSchema: {},
  templateFields: ['template'],
  defaults: {},
});

const catalog = new Map([
  ['prompt', info('prompt', ['context'], ['text', 'json'])],
  ['template', info('template', ['in'], ['text'])],
]);

describe('graph ↔ canvas', () => {
  it('round-trips nodes, labels, notes and edges, naming default handles', () => {
    const graph: WorkflowGraph = {
      version: 1,
      nodes: [
        { id: 'a', type: 'prompt', position: { x: 1.4, y: 2 }, data: { template: 'x' }, label: 'Draft' },
        { id: 'b', type: 'template', position: { x: 300, y: 0 }, data: { template: '{{a}}' } },
      ],
      edges: [{ id: 'e1', source: 'a', target: 'b' }],
      notes: [{ id: 'note_1', position: { x: 0, y: 200 }, text: 'Remember the tone', width: 200, height: 100 }],
    };
    const canvas = graphToCanvas(graph, catalog);
    expect(canvas.edges[0]).toMatchObject({ sourceHandle: 'text', targetHandle: 'in' });
    const back = canvasToGraph(canvas.nodes, canvas.edges);
    expect(back.nodes).toEqual([
      { id: 'a', type: 'prompt', position: { x: 1, y: 2 }, data: { template: 'x' }, label: 'Draft' },
      { id: 'b', type: 'template', position: { x: 300, y: 0 }, data: { template: '{{a}}' } },
    ]);
    expect(back.edges).toEqual([{ id: 'e1', source: 'a', target: 'b', sourceHandle: 'text', targetHandle: 'in' }]);
    expect(back.notes).toEqual([{ id: 'note_1', position: { x: 0, y: 200 }, text: 'Remember the tone', width: 200, height: 100 }]);
  });

  it('makes unique template-safe ids and rewrites references to renamed steps', () => {
    expect(uniqueNodeId('prompt', new Set(['prompt', 'prompt_2']))).toBe('prompt_3');
    expect(uniqueNodeId('9 lives', new Set())).toBe('_lives');
    expect(renameRefs('{{a.text}} {{ab}} {{ a }}', new Map([['a', 'a_2']]))).toBe('{{a_2.text}} {{ab}} {{a_2}}');
  });
});
