import { DEFAULT_MAX_REVISIONS } from '@flowpress/shared';
import { z } from 'zod';
import type { NodeDefinition } from '../contract.js';
import { MAX_TEMPLATE_CHARS } from '../util/limits.js';

/** What a reviewer may replace when approving: the content ports, never the decision. */
export const REVIEW_EDITABLE_PORTS = ['text', 'images', 'json', 'sources'] as const;

export const reviewConfigSchema = z.object({
  /** What the reviewer should check; a template, so it can quote the brief. */
  instructions: z.string().max(MAX_TEMPLATE_CHARS).optional(),
  /** A user id or a role (`reviewer`, `editor`, `admin`); empty: anyone who may review. */
  assignee: z.string().trim().max(120).optional(),
  /** Rounds of "request changes" before only approve or reject remain. */
  maxRevisions: z.number().int().min(0).max(20).default(DEFAULT_MAX_REVISIONS),
  /** Shown as the due time in the queue, counted from when the review opens. */
  dueInHours: z
    .number()
    .positive()
    .max(24 * 365)
    .optional(),
});
export type ReviewConfig = z.output<typeof reviewConfigSchema>;

export const reviewDefinition: NodeDefinition<typeof reviewConfigSchema> = {
  type: 'review',
  version: 1,
  label: 'Human review',
  description: 'Pauses the run until a person approves, edits, rejects or asks for changes.',
  category: 'review',
  icon: 'user-check',
  config: reviewConfigSchema,
  inputs: [{ name: 'content', type: 'any', label: 'Content', multiple: true }],
  outputs: [
    { name: 'text', type: 'text', label: 'Approved text' },
    { name: 'images', type: 'images', label: 'Images' },
    { name: 'json', type: 'json', label: 'Data' },
    { name: 'sources', type: 'documents', label: 'Sources' },
    { name: 'decision', type: 'json', label: 'Decision' },
  ],
  templateFields: ['instructions'],
  editablePorts: REVIEW_EDITABLE_PORTS,
  defaults: {
    instructions: 'Check the facts, the tone and the images.',
    maxRevisions: DEFAULT_MAX_REVISIONS,
  },
};
