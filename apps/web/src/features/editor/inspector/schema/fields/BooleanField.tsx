import { Switch } from '@mantine/core';
import type { FieldProps } from '../fieldProps';

export function BooleanField({
  path,
  schema,
  value,
  label,
  onChange,
  compact,
}: FieldProps<boolean>) {
  return (
    <Switch
      label={label}
      description={compact ? undefined : schema.description}
      checked={value === true || (value === undefined && schema.default === true)}
      onChange={(e) => onChange(e.currentTarget.checked)}
      size={compact ? 'xs' : 'sm'}
      mt={compact ? 18 : 4}
      data-field={path}
    />
  );
}
