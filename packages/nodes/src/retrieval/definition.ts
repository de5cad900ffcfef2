import { z } from 'zod';
import type { NodeDefinition } from '../contract.js';
import { MAX_TEMPLATE_CHARS } from '../util/limits.js';

export const MAX_TOP_K = 20;

export const retrievalConfigSchema = z.object({
  /** Optional in the schema only so a freshly dropped step is valid; a run without one fails clearly. */
  knowledgeBaseId: z
    .uuid({ error: 'knowledgeBaseId must be the id of a knowledge base' })
    .meta({ 'x-widget': 'knowledge-base' })
    .describe('The knowledge base whose passages ground the draft')
    .optional(),
  /** A template, usually the brief's topic (`{{brief.topic}}`); empty: the text arriving on `in`. */
  query: z
    .string()
    .max(MAX_TEMPLATE_CHARS)
    .default('')
    .describe('What to look for; may quote upstream steps'),
  topK: z.number().int().min(1).max(MAX_TOP_K).default(4).describe('How many passages to pass on'),
  /** Passages scoring below this are dropped (scores are relative: 0–1 after fusion). */
  minScore: z.number().min(0).max(1).optional(),
  /** Off: nothing found is a warning on the step and the run goes on with empty context. */
  failOnEmpty: z.boolean().default(false),
});
export type RetrievalConfig = z.output<typeof retrievalConfigSchema>;

export const retrievalDefinition: NodeDefinition<typeof retrievalConfigSchema> = {
  type: 'retrieval',
  version: 1,
  label: 'Knowledge search',
  description:
    'Finds the passages of a knowledge base that fit a query; a prompt can cite them as [1], [2].',
  category: 'knowledge',
  icon: 'database-search',
  config: retrievalConfigSchema,
  inputs: [{ name: 'in', type: 'any', label: 'In', multiple: true }],
  outputs: [
    { name: 'context', type: 'text', label: 'Numbered passages' },
    { name: 'documents', type: 'documents', label: 'Passages' },
  ],
  templateFields: ['query'],
  defaults: { query: '', topK: 4, failOnEmpty: false },
};
