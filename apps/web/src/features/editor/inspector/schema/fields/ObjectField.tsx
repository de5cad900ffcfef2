import { Fieldset, SimpleGrid } from '@mantine/core';
import type { FieldProps } from '../fieldProps';
import { kindOf, labelFor, unwrap, type JsonSchema } from '../jsonSchema';
import { SchemaField } from '../SchemaField';

interface ObjectFieldsProps {
  schema: JsonSchema;
  value: Record<string, unknown>;
  path: string;
  onChange(next: Record<string, unknown>, key: string): void;
  compact?: boolean;
  /** Only these keys, in this order (the form splits main and advanced settings). */
  keys?: string[];
}

/** The properties of an object, one generated field each. Compact mode lays short fields in two columns. */
export function ObjectFields({
  schema: raw,
  value,
  path,
  onChange,
  compact = false,
  keys,
}: ObjectFieldsProps) {
  const schema = unwrap(raw);
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const isWide = (key: string) => {
    const child = properties[key];
    const kind = child ? kindOf(child) : 'unknown';
    return (
      kind === 'json' ||
      kind === 'array' ||
      kind === 'object' ||
      kind === 'unknown' ||
      key === 'description'
    );
  };
  const listed = keys ?? Object.keys(properties);
  // Compact lists (one card per item) put short fields side by side first, then the wide ones.
  const names = compact ? [...listed.filter((k) => !isWide(k)), ...listed.filter(isWide)] : listed;

  const set = (key: string, next: unknown) => {
    const copy = { ...value };
    if (next === undefined) delete copy[key];
    else copy[key] = next;
    onChange(copy, key);
  };

  const fields = names.map((key) => {
    const child = properties[key];
    if (!child) return null;
    const wide = !compact || isWide(key);
    return (
      <div key={key} style={compact && wide ? { gridColumn: '1 / -1' } : undefined}>
        <SchemaField
          name={key}
          path={path ? `${path}.${key}` : key}
          schema={child}
          value={value[key]}
          required={required.has(key)}
          label={labelFor(key, child)}
          onChange={(next) => set(key, next)}
          compact={compact}
        />
      </div>
    );
  });

  if (compact) {
    return (
      <SimpleGrid cols={2} spacing={8} verticalSpacing={8}>
        {fields}
      </SimpleGrid>
    );
  }
  return <>{fields}</>;
}

/** A nested group of settings. */
export function ObjectField({
  path,
  schema,
  value,
  label,
  onChange,
}: FieldProps<Record<string, unknown>>) {
  return (
    <Fieldset legend={label} variant="filled" radius="md" p="sm">
      <ObjectFields
        schema={schema}
        value={value && typeof value === 'object' ? value : {}}
        path={path}
        onChange={(next) => onChange(Object.keys(next).length ? next : undefined)}
        compact
      />
    </Fieldset>
  );
}
