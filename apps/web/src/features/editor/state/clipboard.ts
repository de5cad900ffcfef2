import type { GraphEdge, GraphNode, GraphNote } from '@flowpress/shared';
import { canvasToGraph, graphToCanvas } from './graphConvert';
import { useEditorStore } from './editorStore';
import type { CanvasEdge, CanvasNode } from './types';

/** What Copy puts on the clipboard: plain JSON, so it also pastes into another workflow or tab. */
export interface Fragment {
  flowpress: 'fragment';
  nodes: GraphNode[];
  edges: GraphEdge[];
  notes: GraphNote[];
}

const STORAGE_KEY = 'flowpress.clipboard';

export function selectionFragment(): Fragment | null {
  const { nodes, edges } = useEditorStore.getState();
  const chosen = nodes.filter((n) => n.selected);
  if (!chosen.length) return null;
  const ids = new Set(chosen.map((n) => n.id));
  const graph = canvasToGraph(
    chosen,
    edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
  );
  return {
    flowpress: 'fragment',
    nodes: graph.nodes,
    edges: graph.edges,
    notes: graph.notes ?? [],
  };
}

export function storeFragment(fragment: Fragment): string {
  const text = JSON.stringify(fragment);
  try {
    localStorage.setItem(STORAGE_KEY, text);
  } catch {
    // Storage full or blocked: the system clipboard still has it.
  }
  return text;
}

export function parseFragment(text: string | null | undefined): Fragment | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<Fragment>;
    if (
      value?.flowpress !== 'fragment' ||
      !Array.isArray(value.nodes) ||
      !Array.isArray(value.edges)
    )
      return null;
    return {
      flowpress: 'fragment',
      nodes: value.nodes,
      edges: value.edges,
      notes: Array.isArray(value.notes) ? value.notes : [],
    };
  } catch {
    return null;
  }
}

export function storedFragment(): Fragment | null {
  try {
    return parseFragment(localStorage.getItem(STORAGE_KEY));
  } catch {
    return null;
  }
}

export function fragmentToCanvas(fragment: Fragment): { nodes: CanvasNode[]; edges: CanvasEdge[] } {
  const { catalog } = useEditorStore.getState();
  return graphToCanvas(
    { version: 1, nodes: fragment.nodes, edges: fragment.edges, notes: fragment.notes },
    catalog,
  );
}
