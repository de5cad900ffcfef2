import type { Issue } from '@flowpress/shared';
import { useEditorStore } from './editorStore';
import { isStep, type CanvasEdge, type CanvasNode, type StepData } from './types';

/*
 * Views of the graph that stay the same object while only positions, sizes or the selection
 * change. A drag replaces `nodes` on every frame, but steps' `data` objects and the `edges` array
 * survive it; deriving from these keeps a drag from re-rendering the inspector, the run list or
 * every edge. Each view is cached by the array it came from, so a store update that did not touch
 * that array costs one identity check per subscriber.
 */

let lastNodes: readonly CanvasNode[] | null = null;
let lastSteps: ReadonlyMap<string, StepData> = new Map();

/** Every step's `data` by id; the same Map until a step is added, removed or edited. */
export function stepDataOf(nodes: readonly CanvasNode[]): ReadonlyMap<string, StepData> {
  if (nodes === lastNodes) return lastSteps;
  lastNodes = nodes;
  let count = 0;
  let same = true;
  for (const n of nodes) {
    if (!isStep(n)) continue;
    count++;
    if (same && lastSteps.get(n.id) !== n.data) same = false;
  }
  if (same && count === lastSteps.size) return lastSteps;
  const next = new Map<string, StepData>();
  for (const n of nodes) if (isStep(n)) next.set(n.id, n.data);
  lastSteps = next;
  return next;
}

export interface Link {
  source: string;
  target: string;
}

const linkCache = new WeakMap<readonly CanvasEdge[], Link[]>();
let lastLinks: Link[] = [];

/** Who feeds whom, without handles or styles; the same array until the connections change. */
export function linksOf(edges: readonly CanvasEdge[]): Link[] {
  const cached = linkCache.get(edges);
  if (cached) return cached;
  const same =
    edges.length === lastLinks.length &&
    edges.every((e, i) => e.source === lastLinks[i]?.source && e.target === lastLinks[i]?.target);
  const links = same ? lastLinks : edges.map((e) => ({ source: e.source, target: e.target }));
  linkCache.set(edges, links);
  lastLinks = links;
  return links;
}

const NO_ISSUES: readonly string[] = [];
const issueCache = new WeakMap<readonly Issue[], Map<string, string[]>>();

/** The messages of the issues pinned on one node; one shared empty list for the rest. */
export function issuesOf(issues: readonly Issue[], nodeId: string): readonly string[] {
  if (issues.length === 0) return NO_ISSUES;
  let byNode = issueCache.get(issues);
  if (!byNode) {
    byNode = new Map();
    for (const i of issues) {
      if (!i.nodeId) continue;
      const list = byNode.get(i.nodeId) ?? [];
      list.push(i.message);
      byNode.set(i.nodeId, list);
    }
    issueCache.set(issues, byNode);
  }
  return byNode.get(nodeId) ?? NO_ISSUES;
}

export function useStepData(): ReadonlyMap<string, StepData> {
  return useEditorStore((s) => stepDataOf(s.nodes));
}

export function useLinks(): Link[] {
  return useEditorStore((s) => linksOf(s.edges));
}
