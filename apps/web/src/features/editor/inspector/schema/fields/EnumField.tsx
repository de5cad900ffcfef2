import { Select } from '@mantine/core';
import type { FieldProps } from '../fieldProps';
import { useFormContext } from '../FormContext';
import { optionLabel, unwrap } from '../jsonSchema';

export function EnumField({
  path,
  schema: raw,
  value,
  required,
  label,
  onChange,
  compact,
}: FieldProps) {
  const { errors } = useFormContext();
  const schema = unwrap(raw);
  const options = (schema.enum ?? []).map((v) => ({ value: String(v), label: optionLabel(v) }));
  const current =
    value === undefined || value === null
      ? schema.default !== undefined
        ? String(schema.default)
        : null
      : String(value);
  return (
    <Select
      label={label}
      description={compact ? undefined : schema.description}
      withAsterisk={required}
      error={errors.get(path)}
      data={options}
      value={current}
      clearable={!required && schema.default === undefined}
      allowDeselect={false}
      onChange={(v) => {
        if (v === null) return onChange(undefined);
        const original = schema.enum?.find((e) => String(e) === v);
        onChange(original ?? v);
      }}
      size={compact ? 'xs' : 'sm'}
      comboboxProps={{ withinPortal: true }}
      data-field={path}
    />
  );
}
