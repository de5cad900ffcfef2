import { updateWorkflowBodySchema } from '@flowpress/shared';
import { z } from 'zod';

/**
 * Optimistic concurrency: the version the client's edit started from. Set → 409 when the workflow
 * moved on since. (Server-side extension of shared's `updateWorkflowBodySchema`.)
 */
const baseVersion = z.number().int().positive().optional();

export const updateWorkflowRequestSchema = updateWorkflowBodySchema.extend({ baseVersion });
export type UpdateWorkflowRequest = z.infer<typeof updateWorkflowRequestSchema>;

export const restoreVersionRequestSchema = z.object({ baseVersion }).default({});
export type RestoreVersionRequest = z.infer<typeof restoreVersionRequestSchema>;
