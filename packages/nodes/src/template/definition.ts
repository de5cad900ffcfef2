import { z } from 'zod';
import type { NodeDefinition } from '../contract.js';
import { MAX_TEMPLATE_CHARS } from '../util/limits.js';

export const templateConfigSchema = z.object({
  template: z.string().max(MAX_TEMPLATE_CHARS),
});
export type TemplateConfig = z.output<typeof templateConfigSchema>;

export const templateDefinition: NodeDefinition<typeof templateConfigSchema> = {
  type: 'template',
  version: 1,
  label: 'Template',
  description: 'Assembles text from upstream outputs with {{node.port}} references; no model call.',
  category: 'logic',
  icon: 'braces',
  config: templateConfigSchema,
  inputs: [{ name: 'in', type: 'any', label: 'In', multiple: true }],
  outputs: [{ name: 'text', type: 'text', label: 'Text' }],
  templateFields: ['template'],
  deterministic: () => true,
  defaults: { template: '' },
};
