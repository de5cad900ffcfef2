import { Validator, type Schema } from '@cfworker/json-schema';
import { NodeError } from '../contract.js';

const MAX_LISTED_ERRORS = 8;
const SUMMARY_KEYWORDS = new Set([
  'properties',
  'items',
  'prefixItems',
  'allOf',
  '$ref',
  '$recursiveRef',
  '$dynamicRef',
  'patternProperties',
  'dependentSchemas',
  'if',
  'then',
  'else',
  'false',
]);

/**
 * Parses a model's JSON answer: tolerates a ```json fence and prose around the value, because
 * models add them even when told not to.
 */
export function parseModelJson(text: string): unknown {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text)?.[1];
  const candidates = [fenced, text.trim(), outermostJson(text)].filter(
    (c): c is string => !!c?.trim(),
  );
  for (const candidate of candidates) {
    try {
      return JSON.parse(candidate) as unknown;
    } catch {
      // try the next reading
    }
  }
  const preview = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  throw new NodeError(`the model did not answer valid JSON: ${JSON.stringify(preview)}`, {
    code: 'invalid_json',
  });
}

function outermostJson(text: string): string | undefined {
  const start = text.search(/[[{]/);
  if (start < 0) return undefined;
  const close = text[start] === '{' ? '}' : ']';
  const end = text.lastIndexOf(close);
  return end > start ? text.slice(start, end + 1) : undefined;
}

/** Validators compiled once per schema text: schemas repeat across runs of a workflow. */
const validators = new Map<string, Validator>();

function validatorFor(schema: Record<string, unknown>): Validator {
  const key = JSON.stringify(schema);
  let validator = validators.get(key);
  if (!validator) {
    validator = new Validator(schema as Schema, '2020-12', false);
    if (validators.size >= 100) validators.clear();
    validators.set(key, validator);
  }
  return validator;
}

/** Throws a NodeError listing what does not match; a retry would not change a model's habits. */
export function assertMatchesSchema(value: unknown, schema: Record<string, unknown>): void {
  let result: ReturnType<Validator['validate']>;
  try {
    result = validatorFor(schema).validate(value);
  } catch (err) {
    // An unresolvable $ref and the like: the schema is at fault, not the model.
    throw new NodeError(
      `the output schema cannot be used: ${err instanceof Error ? err.message : String(err)}`,
      {
        code: 'invalid_output_schema',
        cause: err,
      },
    );
  }
  if (result.valid) return;
  // cfworker also reports each enclosing level ("property x does not match"); the leaves say it.
  const leaves = result.errors.filter((e) => !SUMMARY_KEYWORDS.has(e.keyword));
  const listed = (leaves.length ? leaves : result.errors).slice(0, MAX_LISTED_ERRORS);
  const lines = listed.map(
    (e) =>
      `${e.instanceLocation === '#' ? '(root)' : e.instanceLocation.replace(/^#/, '')}: ${e.error}`,
  );
  const more = leaves.length > listed.length ? ' (and more)' : '';
  throw new NodeError(
    `the model's JSON does not match the output schema: ${lines.join('; ')}${more}`,
    {
      code: 'output_schema_mismatch',
    },
  );
}
