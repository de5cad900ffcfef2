import { z } from 'zod';
import { workflowGraphSchema, type WorkflowGraph } from './graph.js';

/** Request bodies and answers of the HTTP API (CONTRACT §2). Server validates with these. */

export const roleSchema = z.enum(['admin', 'editor', 'reviewer', 'viewer']);
export type Role = z.infer<typeof roleSchema>;
/** Roles ordered by power: each includes the ones after it. */
export const ROLE_RANK: Record<Role, number> = { admin: 3, editor: 2, reviewer: 1, viewer: 0 };

export const loginBodySchema = z.object({
  email: z.string().trim().toLowerCase().email(),
  password: z.string().min(1).max(1024),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

export const createUserBodySchema = z.object({
  email: z.string().trim().toLowerCase().email(),
  password: z.string().min(8, 'must be at least 8 characters').max(1024),
  role: roleSchema,
  name: z.string().trim().max(120).optional(),
});
export type CreateUserBody = z.infer<typeof createUserBodySchema>;

export interface UserView {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  createdAt: string;
}

export interface LoginAnswer {
  token: string;
  user: UserView;
}

export const createApiKeyBodySchema = z.object({ name: z.string().trim().min(1).max(120) });
export interface ApiKeyView {
  id: string;
  name: string;
  /** Only in the answer to creation: shown once. */
  key?: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** U+0000 cannot be stored in Postgres text: refuse it in names rather than fail on write. */
const noNul = (s: string) => !s.includes('\u0000');
const NUL_MESSAGE = 'must not contain a NUL character (U+0000)';
const workflowName = z.string().trim().min(1).max(200).refine(noNul, NUL_MESSAGE);
const workflowDescription = z.string().max(5000).refine(noNul, NUL_MESSAGE);

export const createWorkflowBodySchema = z.object({
  name: workflowName,
  description: workflowDescription.optional(),
  graph: workflowGraphSchema,
});
export type CreateWorkflowBody = z.infer<typeof createWorkflowBodySchema>;

export const updateWorkflowBodySchema = z.object({
  name: workflowName.optional(),
  description: workflowDescription.optional(),
  graph: workflowGraphSchema.optional(),
});
export type UpdateWorkflowBody = z.infer<typeof updateWorkflowBodySchema>;

export interface WorkflowView {
  id: string;
  name: string;
  description: string | null;
  graph: WorkflowGraph;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface WorkflowVersionView {
  version: number;
  createdAt: string;
  createdBy: string | null;
}

/** The file format of workflow export/import. */
export const workflowFileSchema = z.object({
  flowpress: z.literal(1),
  name: workflowName,
  description: workflowDescription.optional(),
  graph: workflowGraphSchema,
});
export type WorkflowFile = z.infer<typeof workflowFileSchema>;

export const createRunBodySchema = z.object({
  inputs: z.record(z.string(), z.unknown()).default({}),
});
export type CreateRunBody = z.infer<typeof createRunBodySchema>;

export const reviewDecisionBodySchema = z.object({
  action: z.enum(['approve', 'reject', 'request_changes']),
  comment: z.string().max(20_000).optional(),
  edits: z.record(z.string(), z.unknown()).optional(),
});
export type ReviewDecisionBody = z.infer<typeof reviewDecisionBodySchema>;

export const scheduleBodySchema = z.object({
  cron: z.string().trim().min(1).max(120),
  timezone: z.string().trim().min(1).max(64).default('UTC'),
  inputs: z.record(z.string(), z.unknown()).default({}),
  enabled: z.boolean().default(true),
});
export type ScheduleBody = z.infer<typeof scheduleBodySchema>;

/** One problem found in a request or a graph: `path` like `nodes[2].data.template`. */
export interface Issue {
  path: string;
  message: string;
  /** The graph node the issue concerns, so the editor can pin it on the card. */
  nodeId?: string;
  edgeId?: string;
}

export interface ApiError {
  statusCode: number;
  message: string;
  issues?: Issue[];
}

export interface HealthView {
  status: 'ok' | 'degraded';
  database: string;
  queue: string;
  version?: string;
  /** Schedules: how many are enabled and the oldest overdue fire (see schedules.ts). */
  scheduler?: { enabledSchedules: number; oldestOverdueAt: string | null };
  /** This process's part: `api` serves HTTP, `worker` executes runs, `all` both. */
  role?: 'api' | 'worker' | 'all';
  /** The run queue as this process sees it; `redis` is null when Redis does not answer. */
  queueStats?: {
    depth: number;
    active: number;
    workersSeen: number;
    redisRttMs: number | null;
    /** Why the numbers are missing (Redis away). */
    error?: string;
  };
  /** A process that executes runs: how many it is executing now and has executed since start. */
  worker?: { executing: number; passes: number };
}

/** A review as the API answers it (CONTRACT §2 `/api/reviews`, extended). */
export interface ReviewView {
  id: string;
  runId: string;
  workflowId: string;
  workflowName: string | null;
  nodeId: string;
  status: 'pending' | 'approved' | 'rejected' | 'changes_requested' | 'canceled';
  content: Record<string, unknown>;
  instructions: string | null;
  assignee: string | null;
  round: number;
  maxRevisions: number;
  dueAt: string | null;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  decision: ReviewDecisionRecord | null;
}

/** What is kept of a decision, for the record and for the feedback export. */
export interface ReviewDecisionRecord {
  action: 'approve' | 'reject' | 'request_changes';
  comment?: string;
  edits?: Record<string, unknown>;
  decidedBy: string;
  decidedByEmail: string;
  /** The prompts (rendered) that produced the draft under review. */
  prompts: { nodeId: string; system?: string; template: string }[];
}
