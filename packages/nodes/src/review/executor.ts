import { NodeError, type NodeExecutor } from '../contract.js';
import { REVIEW_EDITABLE_PORTS, type ReviewConfig } from './definition.js';
import { reviewContentSchema, type ReviewPayload } from '@flowpress/shared';
import { gatherContent } from './content.js';

/**
 * Two passes (nothing waits in memory): the first suspends the run with what the reviewer must
 * see; after a decision the engine calls again with `ctx.resume` — approved content (with the
 * reviewer's edits) flows on, a rejection fails the node so everything downstream is skipped.
 */
export const reviewExecutor: NodeExecutor<ReviewConfig> = {
  type: 'review',
  async execute(ctx) {
    const resume = ctx.resume;
    if (!resume) {
      const content = gatherContent(ctx.inputs);
      const payload: ReviewPayload = {
        content,
        ...(ctx.config.instructions ? { instructions: ctx.config.instructions } : {}),
        ...(ctx.config.assignee ? { assignee: ctx.config.assignee } : {}),
        ...(ctx.config.dueInHours ? { dueInHours: ctx.config.dueInHours } : {}),
        maxRevisions: ctx.config.maxRevisions,
      };
      return { suspend: { kind: 'review', payload } };
    }
    const payload = resume.payload;
    const comment = typeof payload['comment'] === 'string' ? payload['comment'] : undefined;
    if (resume.decision === 'rejected') {
      throw new NodeError(
        comment ? `Rejected by the reviewer: ${comment}` : 'Rejected by the reviewer',
        {
          code: 'rejected',
        },
      );
    }
    if (resume.decision !== 'approved')
      throw new NodeError(`Unexpected review decision "${resume.decision}"`);
    const stored = reviewContentSchema.safeParse(payload['content'] ?? {});
    if (!stored.success)
      throw new NodeError(`The reviewed content could not be read back: ${stored.error.message}`);
    const original = stored.data;
    const edits = (payload['edits'] as Record<string, unknown> | undefined) ?? {};
    const output: Record<string, unknown> = { ...original };
    for (const port of REVIEW_EDITABLE_PORTS) {
      if (port in edits) output[port] = edits[port];
    }
    output['decision'] = {
      action: 'approve',
      edited: Object.keys(edits).length > 0,
      ...(comment ? { comment } : {}),
      ...(typeof payload['decidedBy'] === 'string' ? { decidedBy: payload['decidedBy'] } : {}),
    };
    return { output };
  },
};
