import { issuesOf, linksOf, stepDataOf } from './derived';
import type { CanvasEdge, CanvasNode } from './types';

const step = (id: string, x = 0): CanvasNode => ({
  id,
  type: 'step',
  position: { x, y: 0 },
  data: { kind: 'prompt', config: {} },
});

describe('derived graph views', () => {
  it('keeps the step data map while steps only move or get selected', () => {
    const nodes = [step('a'), step('b')];
    const first = stepDataOf(nodes);
    expect([...first.keys()]).toEqual(['a', 'b']);
    const moved = nodes.map((n, i) => ({ ...n, position: { x: 50 * i, y: 9 }, selected: true }));
    expect(stepDataOf(moved)).toBe(first);
    const edited = moved.map((n) =>
      n.id === 'b' ? { ...n, data: { kind: 'prompt', config: { temperature: 1 } } } : n,
    ) as CanvasNode[];
    const next = stepDataOf(edited);
    expect(next).not.toBe(first);
    expect(next.get('b')?.config).toEqual({ temperature: 1 });
    expect(stepDataOf([...edited, step('c')]).size).toBe(3);
    expect(stepDataOf([step('a')]).size).toBe(1);
  });

  it('keeps the links while edges only change style or selection', () => {
    const edges: CanvasEdge[] = [{ id: 'e1', source: 'a', target: 'b' }];
    const links = linksOf(edges);
    expect(links).toEqual([{ source: 'a', target: 'b' }]);
    expect(linksOf([{ ...edges[0]!, selected: true }])).toBe(links);
    expect(linksOf([{ id: 'e2', source: 'b', target: 'c' }])).not.toBe(links);
  });

  it('groups issue messages by node, with one shared empty list', () => {
    const issues = [
      { path: 'nodes.0', message: 'one', nodeId: 'a' },
      { path: 'nodes.0.x', message: 'two', nodeId: 'a' },
      { path: 'edges.0', message: 'edge' },
    ];
    expect(issuesOf(issues, 'a')).toEqual(['one', 'two']);
    expect(issuesOf(issues, 'b')).toBe(issuesOf([], 'c'));
  });
});
