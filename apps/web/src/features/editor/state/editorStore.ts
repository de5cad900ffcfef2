import type { Issue, NodeTypeInfo, WorkflowView } from '@flowpress/shared';
import {
  applyEdgeChanges,
  applyNodeChanges,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import { create } from 'zustand';
import { graphToCanvas } from './graphConvert';
import type { CanvasEdge, CanvasNode } from './types';

export interface Snapshot {
  nodes: CanvasNode[];
  edges: CanvasEdge[];
}

const HISTORY_LIMIT = 100;
/** Typing in one field within this window is one undo step. */
const COALESCE_MS = 1200;

export type InspectorTab = 'settings' | 'output';

export interface EditorState {
  workflowId: string | null;
  name: string;
  description: string;
  /** The version the canvas started from: sent as `baseVersion` when saving. */
  baseVersion: number;
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  catalog: Map<string, NodeTypeInfo>;
  dirty: boolean;
  past: Snapshot[];
  future: Snapshot[];
  coalesce: { key: string; at: number } | null;
  /** Problems the server found at the last save, pinned on the node cards. */
  issues: Issue[];
  activeRunId: string | null;
  runPanelOpen: boolean;
  inspectorTab: InspectorTab;
  /** A connection was just refused: the reason shows on the canvas. */
  refusedReason: string | null;
}

const INITIAL: Omit<EditorState, 'catalog'> = {
  workflowId: null,
  name: '',
  description: '',
  baseVersion: 0,
  nodes: [],
  edges: [],
  dirty: false,
  past: [],
  future: [],
  coalesce: null,
  issues: [],
  activeRunId: null,
  runPanelOpen: false,
  inspectorTab: 'settings',
  refusedReason: null,
};

export const useEditorStore = create<EditorState>(() => ({ ...INITIAL, catalog: new Map() }));

export function resetEditor(): void {
  useEditorStore.setState({ ...INITIAL });
}

const get = () => useEditorStore.getState();
const set = useEditorStore.setState;

function snapshot(): Snapshot {
  const { nodes, edges } = get();
  return { nodes, edges };
}

/**
 * Records the current canvas as an undo step before a change. Changes that share a `coalesceKey`
 * within a short window (typing in one field) make a single step.
 */
export function commit(coalesceKey?: string): void {
  const now = Date.now();
  const { coalesce, past } = get();
  if (coalesceKey && coalesce && coalesce.key === coalesceKey && now - coalesce.at < COALESCE_MS) {
    set({ coalesce: { key: coalesceKey, at: now } });
    return;
  }
  set({
    past: [...past.slice(-(HISTORY_LIMIT - 1)), snapshot()],
    future: [],
    coalesce: coalesceKey ? { key: coalesceKey, at: now } : null,
  });
}

/** Replaces the canvas after `commit()`: marks the workflow as changed. */
export function setCanvas(patch: Partial<Snapshot>): void {
  set({ ...patch, dirty: true });
}

export function undo(): void {
  const { past, future } = get();
  const previous = past[past.length - 1];
  if (!previous) return;
  set({
    ...previous,
    past: past.slice(0, -1),
    future: [snapshot(), ...future],
    coalesce: null,
    dirty: true,
  });
}

export function redo(): void {
  const { past, future } = get();
  const next = future[0];
  if (!next) return;
  set({
    ...next,
    past: [...past, snapshot()],
    future: future.slice(1),
    coalesce: null,
    dirty: true,
  });
}

/** React Flow's own changes: selection and measuring are not edits; moves and removals are. */
export function onNodesChange(changes: NodeChange<CanvasNode>[]): void {
  const edits = changes.some(
    (c) =>
      c.type === 'remove' ||
      c.type === 'add' ||
      (c.type === 'position' && c.dragging === false) ||
      c.type === 'replace',
  );
  const moving = changes.some((c) => c.type === 'position');
  const resized = changes.some((c) => c.type === 'dimensions' && c.resizing !== undefined);
  if (changes.some((c) => c.type === 'remove')) commit();
  set((s) => ({
    nodes: applyNodeChanges(changes, s.nodes),
    dirty: s.dirty || edits || moving || resized,
  }));
}

export function onEdgesChange(changes: EdgeChange<CanvasEdge>[]): void {
  const removing = changes.some((c) => c.type === 'remove');
  if (removing) commit();
  set((s) => ({ edges: applyEdgeChanges(changes, s.edges), dirty: s.dirty || removing }));
}

/** Loads a workflow into the editor, clearing history. */
export function loadWorkflow(
  workflow: WorkflowView,
  catalog: NodeTypeInfo[],
  keepRun = false,
): void {
  const byType = new Map(catalog.map((c) => [c.type, c]));
  const { nodes, edges } = graphToCanvas(workflow.graph, byType);
  set((s) => ({
    workflowId: workflow.id,
    name: workflow.name,
    description: workflow.description ?? '',
    baseVersion: workflow.version,
    nodes,
    edges,
    catalog: byType,
    dirty: false,
    past: [],
    future: [],
    coalesce: null,
    issues: [],
    activeRunId: keepRun ? s.activeRunId : null,
    runPanelOpen: keepRun ? s.runPanelOpen : false,
    inspectorTab: 'settings',
    refusedReason: null,
  }));
}

/** What a save sent: if the canvas still holds exactly this, nothing is left unsaved. */
export interface SavedState {
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  name: string;
  description: string;
}

export function currentSaveState(): SavedState {
  const { nodes, edges, name, description } = get();
  return { nodes, edges, name, description };
}

export function markSaved(workflow: WorkflowView, sent: SavedState): void {
  const s = get();
  const unchanged =
    s.nodes === sent.nodes &&
    s.edges === sent.edges &&
    s.name === sent.name &&
    s.description === sent.description;
  set({ baseVersion: workflow.version, dirty: !unchanged, issues: [] });
}

export function setMeta(patch: { name?: string; description?: string }): void {
  set({ ...patch, dirty: true });
}

export function setIssues(issues: Issue[]): void {
  set({ issues });
}

export function showRun(runId: string | null): void {
  set({ activeRunId: runId, runPanelOpen: runId !== null || get().runPanelOpen });
}

export function setRunPanelOpen(open: boolean): void {
  set({ runPanelOpen: open });
}

export function setInspectorTab(tab: InspectorTab): void {
  set({ inspectorTab: tab });
}

export function setRefusedReason(reason: string | null): void {
  set({ refusedReason: reason });
}
