import { JsonInput, NumberInput, Stack, Switch, Text, Textarea } from '@mantine/core';
import type { InputField } from '../editor/run/inputFields';

const labelOf = (f: InputField) =>
  f.label ?? f.name.charAt(0).toUpperCase() + f.name.slice(1).replace(/_/g, ' ');

/**
 * The inputs each fire runs with: one control per field of the workflow's input step (the
 * fields the run-inputs modal asks for). JSON fields hold their text until saved.
 */
export function ScheduleInputs({
  fields,
  values,
  onChange,
}: {
  fields: InputField[];
  values: Record<string, unknown>;
  onChange(values: Record<string, unknown>): void;
}) {
  if (!fields.length) {
    return (
      <Text size="sm" c="dimmed">
        This workflow asks for no inputs.
      </Text>
    );
  }
  const set = (name: string, v: unknown) => onChange({ ...values, [name]: v });
  return (
    <Stack gap="xs">
      {fields.map((f) => {
        const common = {
          label: labelOf(f),
          description: f.description,
          withAsterisk: f.required,
          'data-testid': `schedule-input-${f.name}`,
        };
        const v = values[f.name];
        if (f.type === 'number')
          return (
            <NumberInput
              key={f.name}
              {...common}
              value={typeof v === 'number' ? v : ''}
              onChange={(n) => set(f.name, n === '' ? undefined : Number(n))}
            />
          );
        if (f.type === 'boolean')
          return (
            <Switch
              key={f.name}
              label={common.label}
              description={f.description}
              checked={v === true}
              onChange={(e) => set(f.name, e.currentTarget.checked)}
            />
          );
        if (f.type === 'json')
          return (
            <JsonInput
              key={f.name}
              {...common}
              autosize
              minRows={2}
              value={typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v, null, 2)}
              onChange={(text) => set(f.name, text)}
            />
          );
        return (
          <Textarea
            key={f.name}
            {...common}
            autosize
            minRows={1}
            maxRows={6}
            value={typeof v === 'string' ? v : ''}
            onChange={(e) => set(f.name, e.currentTarget.value)}
          />
        );
      })}
    </Stack>
  );
}

/** The inputs as the API takes them: empty fields left out, JSON text parsed (throws when bad). */
export function inputsForSave(
  fields: InputField[],
  values: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values[f.name];
    if (v === undefined || v === '') continue;
    out[f.name] = f.type === 'json' && typeof v === 'string' ? (JSON.parse(v) as unknown) : v;
  }
  return out;
}
