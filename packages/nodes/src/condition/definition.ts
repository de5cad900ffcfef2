import { z } from 'zod';
import type { NodeDefinition } from '../contract.js';
import { MAX_MODEL_NAME_CHARS, MAX_TEMPLATE_CHARS } from '../util/limits.js';
import { compilePattern } from './pattern.js';

export const CONDITION_KINDS = ['contains', 'equals', 'matches', 'llm'] as const;
export const MAX_PATTERN_CHARS = 1000;

/**
 * Why `pattern` can't be used as a `matches` condition, or null when it can. Patterns are RE2
 * (linear time, see regex.ts): lookaround and backreferences are refused with RE2's reason.
 */
export function patternProblem(pattern: string, caseSensitive: boolean): string | null {
  if (!pattern) return 'write the regular expression to match';
  if (pattern.length > MAX_PATTERN_CHARS)
    return `the regular expression is too long (max ${MAX_PATTERN_CHARS} characters)`;
  try {
    compilePattern(pattern, caseSensitive);
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  return null;
}

/** A template pattern (`{{…}}`) is only known at run time; the step checks it then. */
const isTemplated = (pattern: string): boolean => pattern.includes('{{');

export const conditionConfigSchema = z
  .object({
    when: z.enum(CONDITION_KINDS).default('contains'),
    /** The text to look for, the expression, or (for `llm`) the question to ask of the input. */
    value: z.string().max(10_000).default(''),
    /** What is tested; empty means the value arriving on the `in` input. */
    input: z.string().max(MAX_TEMPLATE_CHARS).default(''),
    caseSensitive: z.boolean().default(false),
    /** For `llm`: the model to ask (empty: the provider's default). */
    model: z.string().trim().max(MAX_MODEL_NAME_CHARS).optional(),
  })
  .superRefine((config, ctx) => {
    if (config.when === 'matches' && !isTemplated(config.value)) {
      const problem = patternProblem(config.value, config.caseSensitive);
      if (problem) ctx.addIssue({ code: 'custom', path: ['value'], message: problem });
    }
    if (config.when === 'llm' && !config.value.trim()) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: 'write the condition the model should check',
      });
    }
  });
export type ConditionConfig = z.output<typeof conditionConfigSchema>;

export const conditionDefinition: NodeDefinition<typeof conditionConfigSchema> = {
  type: 'condition',
  version: 1,
  label: 'Condition',
  description: 'Sends its input down the true or the false branch; the other branch is skipped.',
  category: 'logic',
  icon: 'git-branch',
  config: conditionConfigSchema,
  inputs: [{ name: 'in', type: 'any', label: 'In' }],
  outputs: [
    { name: 'true', type: 'any', label: 'True' },
    { name: 'false', type: 'any', label: 'False' },
  ],
  templateFields: ['input', 'value'],
  deterministic: (config) => config['when'] !== 'llm',
  promptFields: (config) => (config['when'] === 'llm' ? ['value'] : []),
  defaults: { when: 'contains', value: '', input: '', caseSensitive: false },
};
