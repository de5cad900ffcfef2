import type { NodeError, NodeOutput, RunStatus, Usage } from './runs.js';

/** Realtime run events (CONTRACT §3). `seq` rises by 1 per run with no gaps. */
interface EventBase<T extends string, D> {
  runId: string;
  seq: number;
  type: T;
  nodeId?: string;
  /** ISO timestamp. */
  at: string;
  data?: D;
}

export type RunEvent =
  | EventBase<'run.queued', { workflowId: string; workflowVersion: number }>
  | EventBase<'run.started', Record<string, never>>
  | EventBase<'node.started', { attempt: number }>
  | EventBase<'node.token', { text: string }>
  | EventBase<'node.log', { level: 'info' | 'warn'; message: string }>
  /** An attempt failed with a retryable error: `attempt` of `maxAttempts` starts after `delayMs`. */
  | EventBase<
      'node.retrying',
      { attempt: number; maxAttempts: number; delayMs: number; error: string }
    >
  | EventBase<'node.completed', { output: NodeOutput; usage?: Usage | null; durationMs?: number }>
  | EventBase<'node.failed', { error: NodeError; willRetry?: boolean }>
  | EventBase<'node.skipped', Record<string, never>>
  | EventBase<'run.waiting_review', { reviewId: string }>
  | EventBase<'run.resumed', Record<string, never>>
  | EventBase<'run.succeeded', { usage?: Usage }>
  | EventBase<'run.failed', { error: NodeError }>
  | EventBase<'run.canceled', Record<string, never>>;

export type RunEventType = RunEvent['type'];

/** An event as a run's execution writes it, before it is stamped with `runId`, `seq` and `at`. */
export type RunEventInput = RunEvent extends infer E
  ? E extends RunEvent
    ? Omit<E, 'seq' | 'at' | 'runId'>
    : never
  : never;

/** Events after which a run stops streaming until a worker picks it up again (ended or parked). */
export const RUN_STOP_EVENTS: ReadonlySet<RunEventType> = new Set<RunEventType>([
  'run.succeeded',
  'run.failed',
  'run.canceled',
  'run.waiting_review',
]);

export interface ReviewEvent {
  type: 'review.created' | 'review.decided';
  reviewId: string;
  runId: string;
  workflowId: string;
  nodeId: string;
  status: string;
  at: string;
}

/** Socket.IO event names (one place for each). */
export const SOCKET_EVENTS = {
  runSubscribe: 'run:subscribe',
  runUnsubscribe: 'run:unsubscribe',
  runEvent: 'run:event',
  reviewsSubscribe: 'reviews:subscribe',
  reviewCreated: 'review.created',
  reviewDecided: 'review.decided',
  /** Every signed-in socket: a knowledge document's status or embedding progress. */
  knowledgeDocument: 'knowledge.document',
} as const;

export interface RunSubscribeAck {
  ok: boolean;
  status?: RunStatus;
  lastSeq?: number;
  error?: string;
}
