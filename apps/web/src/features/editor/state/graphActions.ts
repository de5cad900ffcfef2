import { incompatibilityReason, resolvePorts, type NodeTypeInfo } from '@flowpress/shared';
import type { Connection, XYPosition } from '@xyflow/react';
import { layoutLeftToRight } from '../../../lib/autoLayout';
import { commit, setCanvas, useEditorStore } from './editorStore';
import { randomId, renameRefs, uniqueNodeId } from './ids';
import { isStep, type CanvasEdge, type CanvasNode, type StepNode } from './types';

const get = () => useEditorStore.getState();

function takenIds(): Set<string> {
  return new Set(get().nodes.map((n) => n.id));
}

function deselected(nodes: CanvasNode[]): CanvasNode[] {
  return nodes.map((n) => (n.selected ? { ...n, selected: false } : n));
}

export function addStep(info: NodeTypeInfo, position: XYPosition): string {
  const id = uniqueNodeId(info.type, takenIds());
  const node: StepNode = {
    id,
    type: 'step',
    position,
    selected: true,
    data: { kind: info.type, config: structuredClone(info.defaults) },
  };
  commit();
  setCanvas({ nodes: [...deselected(get().nodes), node] });
  return id;
}

export function addNote(position: XYPosition): void {
  commit();
  setCanvas({
    nodes: [
      ...deselected(get().nodes),
      {
        id: randomId('note_'),
        type: 'note',
        position,
        data: { text: '' },
        width: 220,
        height: 140,
        zIndex: -1,
        selected: true,
      },
    ],
  });
}

export function updateConfig(nodeId: string, config: Record<string, unknown>, field = ''): void {
  commit(`config:${nodeId}:${field}`);
  setCanvas({
    nodes: get().nodes.map((n) =>
      n.id === nodeId && isStep(n) ? { ...n, data: { ...n.data, config } } : n,
    ),
  });
}

export function updateLabel(nodeId: string, label: string): void {
  commit(`label:${nodeId}`);
  setCanvas({
    nodes: get().nodes.map((n) => {
      if (n.id !== nodeId || !isStep(n)) return n;
      const { label: _old, ...rest } = n.data;
      return { ...n, data: label.trim() ? { ...rest, label } : rest };
    }),
  });
}

export function updateNote(noteId: string, text: string): void {
  commit(`note:${noteId}`);
  setCanvas({
    nodes: get().nodes.map((n) =>
      n.id === noteId && n.type === 'note' ? { ...n, data: { ...n.data, text } } : n,
    ),
  });
}

/** Port lists of a step as the catalog and its config define them. */
export function portsOf(node: CanvasNode | undefined, catalog: Map<string, NodeTypeInfo>) {
  if (!node || !isStep(node)) return null;
  const info = catalog.get(node.data.kind);
  return info ? resolvePorts(info, node.data.config) : null;
}

/** Why a connection is refused, or null when it is fine. */
export function connectionProblem(c: Connection | CanvasEdge): string | null {
  const { nodes, catalog } = get();
  if (c.source === c.target) return 'A step cannot feed itself.';
  const source = nodes.find((n) => n.id === c.source);
  const target = nodes.find((n) => n.id === c.target);
  const sp = portsOf(source, catalog);
  const tp = portsOf(target, catalog);
  if (!sp || !tp) return 'Only steps can be connected.';
  const out =
    sp.outputs.find((p) => p.name === c.sourceHandle) ??
    (c.sourceHandle ? undefined : sp.outputs[0]);
  const inp =
    tp.inputs.find((p) => p.name === c.targetHandle) ?? (c.targetHandle ? undefined : tp.inputs[0]);
  if (!out || !inp) return 'That port does not exist any more.';
  const reason = incompatibilityReason(out.type, inp.type);
  if (reason) return `${out.label ?? out.name} → ${inp.label ?? inp.name}: ${reason}.`;
  if (reaches(c.target, c.source))
    return 'This connection would make a loop: steps cannot feed an earlier step.';
  return null;
}

function reaches(from: string, to: string): boolean {
  const { edges } = get();
  const stack = [from];
  const seen = new Set<string>();
  while (stack.length) {
    const id = stack.pop()!;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const e of edges) if (e.source === id) stack.push(e.target);
  }
  return false;
}

/** Adds an edge; an input that takes one connection has its old edge replaced. */
export function connect(c: Connection): void {
  if (connectionProblem(c)) return;
  const { nodes, edges, catalog } = get();
  const tp = portsOf(
    nodes.find((n) => n.id === c.target),
    catalog,
  );
  const input = tp?.inputs.find((p) => p.name === c.targetHandle);
  const duplicate = edges.some(
    (e) =>
      e.source === c.source &&
      e.target === c.target &&
      e.sourceHandle === c.sourceHandle &&
      e.targetHandle === c.targetHandle,
  );
  if (duplicate) return;
  const kept = input?.multiple
    ? edges
    : edges.filter((e) => !(e.target === c.target && e.targetHandle === c.targetHandle));
  commit();
  setCanvas({
    edges: [
      ...kept,
      {
        id: randomId('e_'),
        source: c.source,
        target: c.target,
        sourceHandle: c.sourceHandle,
        targetHandle: c.targetHandle,
      },
    ],
  });
}

export function deleteSelection(): void {
  const { nodes, edges } = get();
  const gone = new Set(nodes.filter((n) => n.selected && n.deletable !== false).map((n) => n.id));
  const edgesLeft = edges.filter((e) => !e.selected && !gone.has(e.source) && !gone.has(e.target));
  if (!gone.size && edgesLeft.length === edges.length) return;
  commit();
  setCanvas({ nodes: nodes.filter((n) => !gone.has(n.id)), edges: edgesLeft });
}

export function selectAll(): void {
  useEditorStore.setState((s) => ({
    nodes: s.nodes.map((n) => ({ ...n, selected: true })),
    edges: s.edges.map((e) => ({ ...e, selected: true })),
  }));
}

export function clearSelection(): void {
  useEditorStore.setState((s) => ({
    nodes: s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)),
    edges: s.edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
  }));
}

export function selectOnly(nodeId: string): void {
  useEditorStore.setState((s) => ({
    nodes: s.nodes.map((n) =>
      n.id === nodeId ? { ...n, selected: true } : n.selected ? { ...n, selected: false } : n,
    ),
    edges: s.edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
  }));
}

/**
 * Inserts copies of nodes (and the edges among them) with fresh ids, rewriting template references
 * between the copies, offset so they do not sit on the originals. The copies end up selected.
 */
export function insertCopies(nodes: CanvasNode[], edges: CanvasEdge[], offset: XYPosition): void {
  const taken = takenIds();
  const renames = new Map<string, string>();
  for (const n of nodes) {
    const id = isStep(n) ? uniqueNodeId(n.id.replace(/_\d+$/, ''), taken) : randomId('note_');
    taken.add(id);
    renames.set(n.id, id);
  }
  const copies: CanvasNode[] = nodes.map((n) => {
    const id = renames.get(n.id)!;
    const position = { x: n.position.x + offset.x, y: n.position.y + offset.y };
    if (!isStep(n)) return { ...n, id, position, selected: true };
    const info = get().catalog.get(n.data.kind);
    const config = structuredClone(n.data.config);
    for (const field of info?.templateFields ?? []) {
      const value = config[field];
      if (typeof value === 'string') config[field] = renameRefs(value, renames);
    }
    return { ...n, id, position, selected: true, data: { ...n.data, config } };
  });
  const copiedEdges: CanvasEdge[] = edges
    .filter((e) => renames.has(e.source) && renames.has(e.target))
    .map((e) => ({
      ...e,
      id: randomId('e_'),
      source: renames.get(e.source)!,
      target: renames.get(e.target)!,
      selected: false,
    }));
  commit();
  setCanvas({
    nodes: [...deselected(get().nodes), ...copies.map(({ measured: _m, ...n }) => n as CanvasNode)],
    edges: [
      ...get().edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
      ...copiedEdges,
    ],
  });
}

export function duplicateSelection(): void {
  const { nodes, edges } = get();
  const chosen = nodes.filter((n) => n.selected);
  if (!chosen.length) return;
  insertCopies(chosen, edges, { x: 40, y: 40 });
}

const FALLBACK_SIZE = { width: 260, height: 140 };

/** Tidies the steps left to right (dagre); notes stay where they are. */
export function autoLayout(): void {
  const { nodes, edges } = get();
  const steps = nodes.filter(isStep);
  if (!steps.length) return;
  const positions = layoutLeftToRight(
    steps.map((n) => ({
      id: n.id,
      width: n.measured?.width ?? FALLBACK_SIZE.width,
      height: n.measured?.height ?? FALLBACK_SIZE.height,
    })),
    edges,
  );
  commit();
  setCanvas({
    nodes: nodes.map((n) => (positions.has(n.id) ? { ...n, position: positions.get(n.id)! } : n)),
  });
}
