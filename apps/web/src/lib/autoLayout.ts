import dagre from '@dagrejs/dagre';

export interface LayoutItem {
  id: string;
  width: number;
  height: number;
}

/** Left-to-right layered layout (dagre): returns top-left positions by id. */
export function layoutLeftToRight(
  items: LayoutItem[],
  edges: { source: string; target: string }[],
  options: { rankSep?: number; nodeSep?: number } = {},
): Map<string, { x: number; y: number }> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({
    rankdir: 'LR',
    ranksep: options.rankSep ?? 90,
    nodesep: options.nodeSep ?? 40,
    marginx: 0,
    marginy: 0,
  });
  g.setDefaultEdgeLabel(() => ({}));
  for (const item of items) g.setNode(item.id, { width: item.width, height: item.height });
  for (const e of edges)
    if (g.hasNode(e.source) && g.hasNode(e.target)) g.setEdge(e.source, e.target);
  dagre.layout(g);
  const out = new Map<string, { x: number; y: number }>();
  for (const item of items) {
    const n = g.node(item.id) as { x: number; y: number } | undefined;
    if (n)
      out.set(item.id, {
        x: Math.round(n.x - item.width / 2),
        y: Math.round(n.y - item.height / 2),
      });
  }
  return out;
}
