import { z } from 'zod';

export const runStatusSchema = z.enum([
  'queued',
  'running',
  'waiting_review',
  'succeeded',
  'failed',
  'canceled',
]);
export type RunStatus = z.infer<typeof runStatusSchema>;
export const TERMINAL_RUN_STATUSES: readonly RunStatus[] = ['succeeded', 'failed', 'canceled'];

export const nodeStatusSchema = z.enum([
  'pending',
  'running',
  'succeeded',
  'failed',
  'skipped',
  'waiting_review',
  'canceled',
]);
export type NodeStatus = z.infer<typeof nodeStatusSchema>;
/** Node statuses after which downstream nodes may look at the node again only on a new round. */
export const SETTLED_NODE_STATUSES: readonly NodeStatus[] = ['succeeded', 'failed', 'skipped', 'canceled'];

export const usageSchema = z.object({
  model: z.string().optional(),
  provider: z.string().optional(),
  inputTokens: z.number().int().nonnegative().default(0),
  outputTokens: z.number().int().nonnegative().default(0),
  totalTokens: z.number().int().nonnegative().default(0),
  images: z.number().int().nonnegative().default(0),
});
export type Usage = z.infer<typeof usageSchema>;

export const nodeErrorSchema = z.object({
  message: z.string(),
  code: z.string().optional(),
  retryable: z.boolean().optional(),
});
export type NodeError = z.infer<typeof nodeErrorSchema>;

/** A node's output: an object keyed by its output port names, e.g. `{ text: "…" }`. */
export type NodeOutput = Record<string, unknown>;

export interface NodeRunView {
  nodeId: string;
  type: string;
  status: NodeStatus;
  output: NodeOutput | null;
  error: NodeError | null;
  startedAt: string | null;
  finishedAt: string | null;
  attempts: number;
  usage: Usage | null;
}

export interface RunView {
  id: string;
  workflowId: string;
  workflowVersion: number;
  status: RunStatus;
  inputs: Record<string, unknown>;
  error: NodeError | null;
  usage: Usage;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  createdBy: string | null;
  trigger: 'api' | 'manual' | 'schedule';
  /** With `trigger: 'schedule'`: the schedule and the fire time that made the run. */
  scheduleId?: string | null;
  fireAt?: string | null;
  lastSeq: number;
  nodes: NodeRunView[];
}
