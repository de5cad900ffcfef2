import type {
  NodeError,
  NodeOutput,
  NodeStatus,
  RunStatus,
  RunView,
  Usage,
} from '@flowpress/shared';

export interface RetryNotice {
  attempt: number;
  maxAttempts: number;
  delayMs: number;
}

/** "Retrying in 2 s, attempt 2 of 3": what the engine announced with `node.retrying`. */
export function retryLabel(retry: RetryNotice): string {
  const seconds = retry.delayMs / 1000;
  const wait = seconds < 10 ? seconds.toFixed(seconds < 1 ? 1 : 0) : Math.round(seconds).toString();
  return `Retrying in ${wait} s, attempt ${retry.attempt} of ${retry.maxAttempts}`;
}

/** What the run viewer knows about one node: the server's view plus streamed tokens and logs. */
export interface LiveNode {
  status: NodeStatus;
  output: NodeOutput | null;
  error: NodeError | null;
  attempts: number;
  startedAt: string | null;
  finishedAt: string | null;
  usage: Usage | null;
  /** Tokens received so far while the node runs (prompt nodes). */
  stream: string;
  /** The engine's announced next attempt after a retryable failure (`node.retrying`). */
  retrying: RetryNotice | null;
  logs: { level: 'info' | 'warn'; message: string; at: string }[];
}

export interface LiveRun {
  id: string;
  workflowId: string;
  workflowVersion: number;
  status: RunStatus;
  inputs: Record<string, unknown>;
  error: NodeError | null;
  usage: Usage | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** The last event applied; events must follow it without gaps. */
  lastSeq: number;
  nodes: Record<string, LiveNode>;
  reviewId: string | null;
}

export function emptyNode(): LiveNode {
  return {
    status: 'pending',
    output: null,
    error: null,
    attempts: 0,
    startedAt: null,
    finishedAt: null,
    usage: null,
    stream: '',
    retrying: null,
    logs: [],
  };
}

/** A live run from the server's snapshot (`GET /api/runs/:id`), keeping tokens already streamed. */
export function fromRunView(view: RunView, previous?: LiveRun | null): LiveRun {
  const nodes: Record<string, LiveNode> = {};
  for (const n of view.nodes ?? []) {
    const before = previous?.nodes[n.nodeId];
    nodes[n.nodeId] = {
      status: n.status,
      output: n.output ?? null,
      error: n.error ?? null,
      attempts: n.attempts ?? 0,
      startedAt: n.startedAt ?? null,
      finishedAt: n.finishedAt ?? null,
      usage: n.usage ?? null,
      stream: n.status === 'running' ? (before?.stream ?? '') : '',
      retrying: null,
      logs: before?.logs ?? [],
    };
  }
  return {
    id: view.id,
    workflowId: view.workflowId,
    workflowVersion: view.workflowVersion,
    status: view.status,
    inputs: view.inputs ?? {},
    error: view.error ?? null,
    usage: view.usage ?? null,
    createdAt: view.createdAt,
    startedAt: view.startedAt ?? null,
    finishedAt: view.finishedAt ?? null,
    lastSeq: view.lastSeq ?? 0,
    nodes,
    reviewId: previous?.reviewId ?? null,
  };
}
