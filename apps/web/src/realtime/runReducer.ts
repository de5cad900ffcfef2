import type { RunEvent } from '@flowpress/shared';
import { emptyNode, type LiveNode, type LiveRun } from './liveRun';

const MAX_LOGS = 50;

function patchNode(
  run: LiveRun,
  nodeId: string | undefined,
  patch: (node: LiveNode) => Partial<LiveNode>,
): LiveRun {
  if (!nodeId) return run;
  const node = run.nodes[nodeId] ?? emptyNode();
  return { ...run, nodes: { ...run.nodes, [nodeId]: { ...node, ...patch(node) } } };
}

/** Nodes that had not settled when the run ended are shown as canceled. */
function settleUnfinished(run: LiveRun, at: string): LiveRun {
  const nodes: Record<string, LiveNode> = {};
  for (const [id, node] of Object.entries(run.nodes)) {
    nodes[id] =
      node.status === 'running' || node.status === 'waiting_review'
        ? { ...node, status: 'canceled', finishedAt: at }
        : node;
  }
  return { ...run, nodes };
}

function startFrom(at: string, durationMs: number | undefined): string | null {
  if (durationMs === undefined) return null;
  const end = new Date(at).getTime();
  return Number.isNaN(end) ? null : new Date(end - durationMs).toISOString();
}

/** Applies one event that directly follows `run.lastSeq`. Pure: returns a new run. */
export function applyRunEvent(run: LiveRun, event: RunEvent): LiveRun {
  const next: LiveRun = { ...run, lastSeq: event.seq };
  switch (event.type) {
    case 'run.queued':
      return { ...next, status: 'queued' };
    case 'run.started':
      return { ...next, status: 'running', startedAt: next.startedAt ?? event.at };
    case 'run.resumed':
      return { ...next, status: 'running', reviewId: null };
    case 'run.waiting_review': {
      const waiting = {
        ...next,
        status: 'waiting_review' as const,
        reviewId: event.data?.reviewId ?? null,
      };
      return patchNode(waiting, event.nodeId, () => ({ status: 'waiting_review' }));
    }
    case 'run.succeeded':
      return {
        ...next,
        status: 'succeeded',
        finishedAt: event.at,
        usage: event.data?.usage ?? next.usage,
      };
    case 'run.failed':
      return { ...next, status: 'failed', finishedAt: event.at, error: event.data?.error ?? null };
    case 'run.canceled':
      return settleUnfinished({ ...next, status: 'canceled', finishedAt: event.at }, event.at);
    case 'node.started':
      return patchNode(next, event.nodeId, (node) => ({
        status: 'running',
        attempts: event.data?.attempt ?? node.attempts + 1,
        startedAt: node.startedAt && node.retrying ? node.startedAt : event.at,
        finishedAt: null,
        stream: '',
        retrying: null,
        error: null,
      }));
    case 'node.token':
      return patchNode(next, event.nodeId, (node) => ({
        status: 'running',
        startedAt: node.startedAt ?? event.at,
        stream: node.stream + (event.data?.text ?? ''),
      }));
    case 'node.log':
      return patchNode(next, event.nodeId, (node) => ({
        logs: [
          ...node.logs.slice(-(MAX_LOGS - 1)),
          { level: event.data?.level ?? 'info', message: event.data?.message ?? '', at: event.at },
        ],
      }));
    case 'node.completed':
      return patchNode(next, event.nodeId, (node) => ({
        status: 'succeeded',
        startedAt: node.startedAt ?? startFrom(event.at, event.data?.durationMs),
        output: event.data?.output ?? {},
        usage: event.data?.usage ?? null,
        finishedAt: event.at,
        retrying: null,
        error: null,
      }));
    case 'node.retrying':
      return patchNode(next, event.nodeId, () => ({
        status: 'running',
        error: { message: event.data?.error ?? 'This attempt failed.' },
        retrying: event.data
          ? {
              attempt: event.data.attempt,
              maxAttempts: event.data.maxAttempts,
              delayMs: event.data.delayMs,
            }
          : null,
      }));
    case 'node.failed':
      return patchNode(next, event.nodeId, () => ({
        status: 'failed',
        error: event.data?.error ?? { message: 'This step failed.' },
        retrying: null,
        finishedAt: event.at,
      }));
    case 'node.skipped':
      return patchNode(next, event.nodeId, () => ({ status: 'skipped', finishedAt: event.at }));
    default:
      return next;
  }
}
