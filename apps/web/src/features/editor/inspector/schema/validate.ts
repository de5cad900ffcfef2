import { isEmpty, kindOf, unwrap, type JsonSchema } from './jsonSchema';

export interface FieldError {
  /** Dotted path inside the node's config, e.g. `fields.0.name`. */
  path: string;
  message: string;
}

const IDENTIFIER = '^[A-Za-z_][A-Za-z0-9_]*$';

function patternMessage(pattern: string): string {
  if (pattern === IDENTIFIER) return 'Use letters, digits and _ only, starting with a letter';
  return 'This does not have the expected format';
}

function join(path: string, key: string | number): string {
  return path ? `${path}.${key}` : String(key);
}

/** Checks a value against its schema; messages are written for people, not for validators. */
export function validateValue(
  raw: JsonSchema,
  value: unknown,
  path = '',
  out: FieldError[] = [],
): FieldError[] {
  const schema = unwrap(raw);
  if (value === undefined || value === null) return out;
  const kind = kindOf(schema);
  const err = (message: string) => out.push({ path, message });
  switch (kind) {
    case 'string':
      if (typeof value !== 'string') return (err('Enter text'), out);
      if (schema.minLength !== undefined && value.length < schema.minLength)
        err(
          schema.minLength === 1
            ? 'This cannot be empty'
            : `Use at least ${schema.minLength} characters`,
        );
      else if (schema.maxLength !== undefined && value.length > schema.maxLength)
        err(`Use at most ${schema.maxLength} characters`);
      else if (schema.pattern && value && !new RegExp(schema.pattern, 'u').test(value))
        err(patternMessage(schema.pattern));
      return out;
    case 'number':
    case 'integer': {
      if (typeof value !== 'number' || Number.isNaN(value)) return (err('Enter a number'), out);
      if (kind === 'integer' && !Number.isInteger(value)) err('Enter a whole number');
      else if (schema.minimum !== undefined && value < schema.minimum)
        err(`Use ${schema.minimum} or more`);
      else if (schema.maximum !== undefined && value > schema.maximum)
        err(`Use ${schema.maximum} or less`);
      else if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum)
        err(`Use more than ${schema.exclusiveMinimum}`);
      else if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum)
        err(`Use less than ${schema.exclusiveMaximum}`);
      return out;
    }
    case 'boolean':
      if (typeof value !== 'boolean') err('Choose yes or no');
      return out;
    case 'enum':
      if (!schema.enum?.includes(value))
        err(`Choose one of: ${schema.enum?.map(String).join(', ')}`);
      return out;
    case 'array': {
      if (!Array.isArray(value)) return (err('Expected a list'), out);
      if (schema.minItems !== undefined && value.length < schema.minItems)
        err(`Add at least ${schema.minItems}`);
      if (schema.maxItems !== undefined && value.length > schema.maxItems)
        err(`Keep at most ${schema.maxItems}`);
      if (schema.items)
        value.forEach((item, i) => validateValue(schema.items!, item, join(path, i), out));
      return out;
    }
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value))
        return (err('Expected a group of settings'), out);
      validateObject(schema, value as Record<string, unknown>, path, out);
      return out;
    }
    default:
      return out;
  }
}

export function validateObject(
  schema: JsonSchema,
  value: Record<string, unknown>,
  path = '',
  out: FieldError[] = [],
): FieldError[] {
  for (const key of schema.required ?? []) {
    const child = schema.properties?.[key];
    if (isEmpty(value[key]) && child && kindOf(child) !== 'boolean')
      out.push({ path: join(path, key), message: 'Required' });
  }
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    if (!isEmpty(value[key]) || typeof value[key] === 'boolean')
      validateValue(child, value[key], join(path, key), out);
  }
  return out;
}

/** Errors keyed by path, the first one per field. */
export function errorsByPath(errors: FieldError[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const e of errors) if (!map.has(e.path)) map.set(e.path, e.message);
  return map;
}
