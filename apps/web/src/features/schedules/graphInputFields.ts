import type { WorkflowGraph } from '@flowpress/shared';
import { inputFieldsOf, type InputField } from '../editor/run/inputFields';
import type { CanvasNode } from '../editor/state/types';

/** The fields a run asks for, from a saved graph (the same reading the run-inputs modal uses). */
export function inputFieldsOfGraph(graph: WorkflowGraph | undefined): InputField[] {
  if (!graph) return [];
  const nodes = graph.nodes.map((n): CanvasNode => ({
    id: n.id,
    type: 'step',
    position: n.position,
    data: { kind: n.type, config: (n.data ?? {}) as Record<string, unknown> },
  }));
  return inputFieldsOf(nodes);
}
