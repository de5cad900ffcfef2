import type { Edge, Node } from '@xyflow/react';

/** A workflow step on the canvas: `kind` is the catalog type, `config` the node's `data`. */
export type StepData = {
  kind: string;
  config: Record<string, unknown>;
  label?: string;
};
export type StepNode = Node<StepData, 'step'>;

/** A sticky note (graph.notes): canvas-only, never runs. */
export type NoteData = { text: string; color?: string };
export type NoteNode = Node<NoteData, 'note'>;

export type CanvasNode = StepNode | NoteNode;
export type CanvasEdge = Edge;

export function isStep(node: CanvasNode): node is StepNode {
  return node.type === 'step';
}

export function isNote(node: CanvasNode): node is NoteNode {
  return node.type === 'note';
}
