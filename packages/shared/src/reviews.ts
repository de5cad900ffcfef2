import { z } from 'zod';
import { ROLE_RANK, roleSchema, type Role } from './api.js';

/**
 * Review rules and shapes, in one place: the review node writes this content, the engine stores
 * it, the server decides who may act on it and the web shows it. Everyone parses with the same
 * schema instead of re-typing it.
 */

/** Rounds of "request changes" a review allows when its step does not say. */
export const DEFAULT_MAX_REVISIONS = 3;

/** An image as a step hands it on: an asset in the store, or (older runs) a plain URL. */
export const reviewImageSchema = z
  .object({
    assetId: z.string().optional(),
    url: z.string().optional(),
    mimeType: z.string().optional(),
    width: z.number().optional(),
    height: z.number().optional(),
  })
  .loose();
export type ReviewImage = z.infer<typeof reviewImageSchema>;

/** A retrieved passage the draft may cite. */
export const reviewSourceSchema = z
  .object({
    content: z.string(),
    title: z.string().optional(),
    score: z.number().optional(),
    documentId: z.string().optional(),
    /** Which chunk of its document the passage is (0-based), from a knowledge-search step. */
    chunkIndex: z.number().optional(),
    /** From a knowledge-search step: where the passage sits and which ranking found it. */
    position: z
      .object({ start: z.number(), end: z.number(), headings: z.array(z.string()) })
      .optional(),
    method: z.enum(['fulltext', 'vector', 'hybrid']).optional(),
  })
  .loose();
export type ReviewSource = z.infer<typeof reviewSourceSchema>;

/** Everything the review step received: the draft, images, structured data, retrieved sources. */
export const reviewContentSchema = z.object({
  text: z.string().optional(),
  images: z.array(reviewImageSchema).optional(),
  json: z.unknown().optional(),
  sources: z.array(reviewSourceSchema).optional(),
});
export type ReviewContent = z.infer<typeof reviewContentSchema>;

/** What a review step suspends with; the engine opens the review row from it. */
export const reviewPayloadSchema = z.object({
  content: reviewContentSchema.default({}),
  instructions: z.string().optional(),
  assignee: z.string().optional(),
  dueInHours: z.number().positive().optional(),
  maxRevisions: z.number().int().min(0).default(DEFAULT_MAX_REVISIONS),
});
export type ReviewPayload = z.output<typeof reviewPayloadSchema>;

/** Who is asking to decide: enough of a user for the rule. */
export interface Decider {
  id: string;
  email: string;
  role: Role;
}

/**
 * Why someone may not decide a review: `role` (their role cannot decide reviews at all),
 * `assigned-role` (the review asks for a higher role), `assigned-user` (it names someone else).
 */
export type DecideRefusal = 'role' | 'assigned-role' | 'assigned-user';

/**
 * Whether `user` may decide a review assigned to `assignee`, or why not. Reviewers and above may
 * decide; a review assigned to a role admits that role and above; one assigned to a user (by id or
 * email), that user; an admin may always decide.
 */
export function mayDecide(
  assignee: string | null | undefined,
  user: Decider,
): { ok: true } | { ok: false; why: DecideRefusal } {
  if (ROLE_RANK[user.role] < ROLE_RANK.reviewer) return { ok: false, why: 'role' };
  if (!assignee || user.role === 'admin') return { ok: true };
  const role = roleSchema.safeParse(assignee);
  if (role.success) {
    return ROLE_RANK[user.role] >= ROLE_RANK[role.data]
      ? { ok: true }
      : { ok: false, why: 'assigned-role' };
  }
  if (assignee === user.id || assignee.toLowerCase() === user.email.toLowerCase())
    return { ok: true };
  return { ok: false, why: 'assigned-user' };
}
