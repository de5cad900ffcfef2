import {
  resolvePorts,
  type GraphEdge,
  type GraphNode,
  type GraphNote,
  type NodeTypeInfo,
  type WorkflowGraph,
} from '@flowpress/shared';
import type { CanvasEdge, CanvasNode, NoteNode, StepNode } from './types';
import { isNote, isStep } from './types';

export const NOTE_PREFIX = 'note_';

export function stepFromGraph(n: GraphNode): StepNode {
  return {
    id: n.id,
    type: 'step',
    position: { ...n.position },
    data: { kind: n.type, config: n.data ?? {}, ...(n.label ? { label: n.label } : {}) },
  };
}

export function noteFromGraph(n: GraphNote): NoteNode {
  return {
    id: n.id.startsWith(NOTE_PREFIX) ? n.id : `${NOTE_PREFIX}${n.id}`,
    type: 'note',
    position: { ...n.position },
    data: { text: n.text, ...(n.color ? { color: n.color } : {}) },
    width: n.width ?? 220,
    height: n.height ?? 140,
    zIndex: -1,
  };
}

/**
 * Edges without handles join default ports (CONTRACT §1); on the canvas every edge names its
 * handles so React Flow draws it on the right port.
 */
export function edgeFromGraph(
  e: GraphEdge,
  nodes: Map<string, GraphNode>,
  catalog: Map<string, NodeTypeInfo>,
): CanvasEdge {
  const source = nodes.get(e.source);
  const target = nodes.get(e.target);
  const sInfo = source ? catalog.get(source.type) : undefined;
  const tInfo = target ? catalog.get(target.type) : undefined;
  const sourceHandle =
    e.sourceHandle ??
    (sInfo && source ? resolvePorts(sInfo, source.data).outputs[0]?.name : undefined) ??
    null;
  const targetHandle =
    e.targetHandle ??
    (tInfo && target ? resolvePorts(tInfo, target.data).inputs[0]?.name : undefined) ??
    null;
  return { id: e.id, source: e.source, target: e.target, sourceHandle, targetHandle };
}

export function graphToCanvas(
  graph: WorkflowGraph,
  catalog: Map<string, NodeTypeInfo>,
): { nodes: CanvasNode[]; edges: CanvasEdge[] } {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const nodes: CanvasNode[] = [
    ...(graph.notes ?? []).map(noteFromGraph),
    ...graph.nodes.map(stepFromGraph),
  ];
  const edges = graph.edges.map((e) => edgeFromGraph(e, byId, catalog));
  return { nodes, edges };
}

export function canvasToGraph(
  nodes: readonly CanvasNode[],
  edges: readonly CanvasEdge[],
): WorkflowGraph {
  const graphNodes: GraphNode[] = [];
  const notes: GraphNote[] = [];
  for (const n of nodes) {
    const position = { x: Math.round(n.position.x), y: Math.round(n.position.y) };
    if (isStep(n)) {
      graphNodes.push({
        id: n.id,
        type: n.data.kind,
        position,
        data: n.data.config,
        ...(n.data.label ? { label: n.data.label } : {}),
      });
    } else if (isNote(n)) {
      const width = n.width ?? n.measured?.width;
      const height = n.height ?? n.measured?.height;
      notes.push({
        id: n.id,
        position,
        text: n.data.text,
        ...(width ? { width: Math.round(width) } : {}),
        ...(height ? { height: Math.round(height) } : {}),
        ...(n.data.color ? { color: n.data.color } : {}),
      });
    }
  }
  const graphEdges: GraphEdge[] = edges.map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    ...(e.sourceHandle ? { sourceHandle: e.sourceHandle } : {}),
    ...(e.targetHandle ? { targetHandle: e.targetHandle } : {}),
  }));
  return { version: 1, nodes: graphNodes, edges: graphEdges, ...(notes.length ? { notes } : {}) };
}
