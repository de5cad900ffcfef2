import { NumberInput } from '@mantine/core';
import type { FieldProps } from '../fieldProps';
import { useFormContext } from '../FormContext';
import { unwrap } from '../jsonSchema';

export function NumberField({
  path,
  schema: raw,
  value,
  required,
  label,
  onChange,
  compact,
}: FieldProps<number>) {
  const { errors } = useFormContext();
  const schema = unwrap(raw);
  const integer = schema.type === 'integer';
  const min =
    schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum : undefined);
  const max =
    schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum : undefined);
  const step = integer ? 1 : max !== undefined && min !== undefined && max - min <= 2 ? 0.1 : 1;
  const hint = [
    schema.description,
    min !== undefined && max !== undefined ? `Between ${min} and ${max}.` : null,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <NumberInput
      label={label}
      description={compact ? undefined : hint || undefined}
      withAsterisk={required}
      error={errors.get(path)}
      value={typeof value === 'number' ? value : ''}
      placeholder={typeof schema.default === 'number' ? String(schema.default) : 'Default'}
      min={min}
      max={max}
      step={step}
      decimalScale={integer ? 0 : 2}
      allowDecimal={!integer}
      clampBehavior="none"
      onChange={(v) =>
        onChange(v === '' || v === undefined ? undefined : typeof v === 'number' ? v : Number(v))
      }
      size={compact ? 'xs' : 'sm'}
      data-field={path}
    />
  );
}
