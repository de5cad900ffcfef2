import { Anchor, Select, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useCredentials } from '../../../../../api/useCredentials';
import type { FieldProps } from '../fieldProps';
import { useFormContext } from '../FormContext';

/**
 * `credentialId`: a choice of the stored credentials whose type fits the step's target (a
 * WordPress target takes a WordPress credential), instead of a raw id.
 */
export function CredentialField({
  path,
  schema,
  value,
  required,
  label,
  onChange,
  compact,
}: FieldProps) {
  const { errors, config } = useFormContext();
  const credentials = useCredentials();
  const wanted = typeof config.target === 'string' ? config.target : null;
  const fitting = (credentials.data ?? []).filter((c) => !wanted || c.type === wanted);
  const current = typeof value === 'string' ? value : null;
  const data = fitting.map((c) => ({ value: c.id, label: c.name }));
  if (current && !data.some((d) => d.value === current))
    data.push({ value: current, label: 'A credential that is gone or of another type' });
  return (
    <Select
      label={label}
      description={
        compact ? undefined : (
          <>
            {schema.description ?? 'Stored secrets are never shown here.'}{' '}
            <Anchor component={Link} to="/credentials" size="xs">
              Manage credentials
            </Anchor>
          </>
        )
      }
      withAsterisk={required}
      error={
        errors.get(path) ??
        (credentials.isError ? 'Credentials could not be loaded (editors only).' : undefined)
      }
      placeholder={fitting.length ? 'Choose a credential' : 'No credential of this kind yet'}
      data={data}
      value={current}
      clearable={!required}
      onChange={(v) => onChange(v ?? undefined)}
      nothingFoundMessage={<Text size="xs">No credential of this kind</Text>}
      size={compact ? 'xs' : 'sm'}
      comboboxProps={{ withinPortal: true }}
      data-field={path}
    />
  );
}
