import { z } from 'zod';
import type { NodeDefinition } from '../contract.js';
import { fieldValueProblem, INPUT_FIELD_TYPES } from './field-value.js';

/** Field names become output ports and `{{node.field}}` references: keep them identifiers. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const inputFieldSchema = z
  .object({
    name: z
      .string()
      .min(1, 'give the field a name')
      .max(64)
      .regex(IDENTIFIER, 'must be an identifier: letters, digits and _, not starting with a digit'),
    type: z.enum(INPUT_FIELD_TYPES).default('text'),
    required: z.boolean().optional(),
    default: z.unknown().optional(),
    label: z.string().max(120).optional(),
    description: z.string().max(1000).optional(),
  })
  .superRefine((field, ctx) => {
    if (field.default === undefined) return;
    const problem = fieldValueProblem(field.type, field.default);
    if (problem)
      ctx.addIssue({ code: 'custom', path: ['default'], message: `the default ${problem}` });
  });
export type InputField = z.output<typeof inputFieldSchema>;

export const inputConfigSchema = z.object({
  fields: z
    .array(inputFieldSchema)
    .max(50)
    .default([])
    .superRefine((fields, ctx) => {
      const seen = new Set<string>();
      fields.forEach((field, i) => {
        if (seen.has(field.name)) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'name'],
            message: `duplicate field name "${field.name}"`,
          });
        }
        seen.add(field.name);
      });
    }),
});
export type InputConfig = z.output<typeof inputConfigSchema>;

export const inputDefinition: NodeDefinition<typeof inputConfigSchema> = {
  type: 'input',
  version: 1,
  label: 'Input',
  description: "The run's inputs: one output per field, filled when a run starts.",
  category: 'inputs',
  icon: 'forms',
  config: inputConfigSchema,
  inputs: [],
  outputs: [],
  dynamicOutputs: {
    fromConfigList: {
      key: 'fields',
      nameKey: 'name',
      typeKey: 'type',
      typeMap: { text: 'text', number: 'json', boolean: 'json', json: 'json' },
    },
  },
  templateFields: [],
  deterministic: () => true,
  providesRunInputs: true,
  defaults: { fields: [{ name: 'topic', type: 'text', required: true, label: 'Topic' }] },
};
