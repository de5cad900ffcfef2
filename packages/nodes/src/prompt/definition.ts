import { z } from 'zod';
import type { NodeDefinition } from '../contract.js';
import { MAX_MODEL_NAME_CHARS, MAX_TEMPLATE_CHARS } from '../util/limits.js';

const JSON_TYPES = ['object', 'array', 'string', 'number', 'integer', 'boolean', 'null'];
const MAX_SCHEMA_CHARS = 50_000;

/**
 * A JSON Schema object for structured output. Only its outline is checked here (this file is
 * browser-safe and light); the executor validates answers against it with a full validator.
 */
export const outputSchemaSchema = z.record(z.string(), z.unknown()).superRefine((schema, ctx) => {
  const type = schema['type'];
  const types = Array.isArray(type) ? type : type === undefined ? [] : [type];
  for (const t of types) {
    if (typeof t !== 'string' || !JSON_TYPES.includes(t)) {
      ctx.addIssue({
        code: 'custom',
        path: ['type'],
        message: `"${String(t)}" is not a JSON Schema type (${JSON_TYPES.join(', ')})`,
      });
    }
  }
  if (JSON.stringify(schema).length > MAX_SCHEMA_CHARS) {
    ctx.addIssue({
      code: 'custom',
      message: `the schema is too large (max ${MAX_SCHEMA_CHARS} characters)`,
    });
  }
});

export const promptConfigSchema = z.object({
  template: z.string().min(1, 'write the prompt').max(MAX_TEMPLATE_CHARS),
  system: z.string().max(MAX_TEMPLATE_CHARS).optional(),
  /** Empty means the provider's default model. */
  model: z.string().trim().max(MAX_MODEL_NAME_CHARS).optional(),
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().min(1).max(1_000_000).optional(),
  outputSchema: outputSchemaSchema.optional(),
});
export type PromptConfig = z.output<typeof promptConfigSchema>;

export const promptDefinition: NodeDefinition<typeof promptConfigSchema> = {
  type: 'prompt',
  version: 1,
  label: 'Prompt',
  description:
    'Asks the language model; streams the answer. With an output schema it answers JSON.',
  category: 'generate',
  icon: 'sparkles',
  config: promptConfigSchema,
  inputs: [{ name: 'context', type: 'any', label: 'Context', multiple: true }],
  outputs: [
    { name: 'text', type: 'text', label: 'Text' },
    { name: 'json', type: 'json', label: 'JSON' },
  ],
  templateFields: ['template', 'system'],
  promptFields: () => ['system', 'template'],
  chatPrompt: { template: 'template', system: 'system' },
  defaults: { template: 'Write a short, friendly blog post about our newest product.' },
  streams: true,
};
