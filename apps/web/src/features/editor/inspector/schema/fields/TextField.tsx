import { Textarea, TextInput } from '@mantine/core';
import type { FieldProps } from '../fieldProps';
import { useFormContext } from '../FormContext';

const LONG_KEYS = new Set(['system', 'instructions', 'description', 'content', 'text', 'body']);

/** Text; long text gets a growing text area. Emptying an optional field removes it. */
export function TextField({
  name,
  path,
  schema,
  value,
  required,
  label,
  onChange,
  compact,
}: FieldProps<string>) {
  const { errors } = useFormContext();
  const long = LONG_KEYS.has(name) || (schema.maxLength ?? 0) > 500;
  const common = {
    label,
    description: compact ? undefined : schema.description,
    withAsterisk: required,
    error: errors.get(path),
    value:
      typeof value === 'string'
        ? value
        : value === undefined || value === null
          ? ''
          : String(value),
    placeholder:
      schema.default !== undefined && schema.default !== '' ? String(schema.default) : undefined,
    onChange: (e: { currentTarget: { value: string } }) => {
      const next = e.currentTarget.value;
      onChange(next === '' && !required ? undefined : next);
    },
    size: compact ? ('xs' as const) : ('sm' as const),
    'data-field': path,
  };
  return long ? (
    <Textarea {...common} autosize minRows={2} maxRows={10} />
  ) : (
    <TextInput {...common} />
  );
}
