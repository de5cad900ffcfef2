import { formatIssues, isRecord, type ConfigIssue } from '../util/zod-issues.js';
import { inputConfigSchema, type InputConfig, type InputField } from './definition.js';
import { fieldValueProblem } from './field-value.js';

export interface RunInputsValidation {
  ok: boolean;
  /** The inputs with defaults applied: only declared fields, each present (null when unset). */
  value: Record<string, unknown>;
  /** Paths like `inputs.topic`, ready for a 400 answer to `POST /runs`. */
  issues: ConfigIssue[];
}

export interface ValidateRunInputsOptions {
  /**
   * Accept keys no field declares (ignored). Off by default so a typo in an integration is a 400,
   * not a silently empty field; schedules whose workflow later lost a field may turn it on.
   */
  allowUnknown?: boolean;
}

/**
 * Checks a run's `inputs` against the input node's fields: missing required fields, wrong types
 * (nothing is coerced), unknown keys; applies defaults. `config` is the input node's `data`,
 * parsed or raw.
 */
export function validateRunInputs(
  config: InputConfig | Record<string, unknown>,
  inputs: unknown,
  options: ValidateRunInputsOptions = {},
): RunInputsValidation {
  const parsed = inputConfigSchema.safeParse(config);
  if (!parsed.success) {
    return { ok: false, value: {}, issues: formatIssues(parsed.error, ['config']) };
  }
  return checkRunInputs(parsed.data.fields, inputs, options);
}

/**
 * `validateRunInputs` over fields already parsed (an input step's `ctx.config.fields`: the
 * engine parsed its settings once per workflow version), without parsing them again.
 */
export function checkRunInputs(
  fields: readonly InputField[],
  inputs: unknown,
  options: ValidateRunInputsOptions = {},
): RunInputsValidation {
  const issues: ConfigIssue[] = [];
  const value: Record<string, unknown> = {};
  if (inputs !== undefined && inputs !== null && !isRecord(inputs)) {
    return {
      ok: false,
      value,
      issues: [{ path: 'inputs', message: 'must be an object of field values' }],
    };
  }
  const given: Record<string, unknown> = inputs ?? {};
  const declared = new Set<string>();

  for (const field of fields) {
    declared.add(field.name);
    const path = `inputs.${field.name}`;
    const raw = Object.prototype.hasOwnProperty.call(given, field.name)
      ? given[field.name]
      : undefined;
    const blank = raw === undefined || raw === null || (field.type === 'text' && raw === '');
    if (blank) {
      if (field.default !== undefined) value[field.name] = field.default;
      else if (field.required)
        issues.push({ path, message: `${field.label ?? field.name} is required` });
      else value[field.name] = field.type === 'text' ? '' : null;
      continue;
    }
    const problem = fieldValueProblem(field.type, raw);
    if (problem) issues.push({ path, message: `${field.label ?? field.name} ${problem}` });
    else value[field.name] = raw;
  }

  if (!options.allowUnknown) {
    for (const key of Object.keys(given)) {
      if (!declared.has(key)) {
        const known = [...declared].join(', ') || 'none';
        issues.push({
          path: `inputs.${key}`,
          message: `"${key}" is not an input of this workflow (inputs: ${known})`,
        });
      }
    }
  }
  return { ok: issues.length === 0, value, issues };
}
