export const INPUT_FIELD_TYPES = ['text', 'number', 'boolean', 'json'] as const;
export type InputFieldType = (typeof INPUT_FIELD_TYPES)[number];

/**
 * Why `value` is not a valid value of `type`, or null when it is. Nothing is coerced: "3" is not
 * a number and "true" is not a boolean, so an integration sending the wrong type hears about it.
 */
export function fieldValueProblem(type: InputFieldType, value: unknown): string | null {
  switch (type) {
    case 'text':
      return typeof value === 'string' ? null : `must be text, got ${describe(value)}`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? null
        : `must be a number, got ${describe(value)}`;
    case 'boolean':
      return typeof value === 'boolean' ? null : `must be true or false, got ${describe(value)}`;
    case 'json':
      return value === undefined ? 'must be a JSON value' : null;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string')
    return `text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'number')
    return Number.isFinite(value) ? `the number ${value}` : String(value);
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
