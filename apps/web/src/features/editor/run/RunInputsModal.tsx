import {
  Button,
  Group,
  JsonInput,
  Modal,
  NumberInput,
  Stack,
  Switch,
  Text,
  Textarea,
} from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import type { InputField } from './inputFields';

interface Props {
  opened: boolean;
  fields: InputField[];
  initial: Record<string, unknown>;
  loading: boolean;
  onClose(): void;
  onStart(inputs: Record<string, unknown>): void;
}

function startValue(field: InputField, initial: Record<string, unknown>): unknown {
  const value = initial[field.name] ?? field.default;
  if (field.type === 'json')
    return value === undefined
      ? ''
      : typeof value === 'string'
        ? value
        : JSON.stringify(value, null, 2);
  return value;
}

function labelOf(field: InputField): string {
  if (field.label) return field.label;
  const words = field.name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Asks for the run's inputs, one control per field of the workflow's input step. */
export function RunInputsModal({ opened, fields, initial, loading, onClose, onStart }: Props) {
  const [values, setValues] = useState<Record<string, unknown>>(() =>
    Object.fromEntries(fields.map((f) => [f.name, startValue(f, initial)])),
  );
  const [touched, setTouched] = useState(false);
  const set = (name: string, value: unknown) => setValues((v) => ({ ...v, [name]: value }));

  const errorOf = (f: InputField): string | null => {
    const v = values[f.name];
    if (f.type === 'json' && typeof v === 'string' && v.trim()) {
      try {
        JSON.parse(v);
      } catch {
        return 'This is not valid JSON';
      }
    }
    if (f.required && (v === undefined || v === null || v === '')) return 'Fill this in to start';
    return null;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (fields.some((f) => errorOf(f))) return;
    const inputs: Record<string, unknown> = {};
    for (const f of fields) {
      const v = values[f.name];
      if (v === undefined || v === '') continue;
      inputs[f.name] = f.type === 'json' && typeof v === 'string' ? JSON.parse(v) : v;
    }
    onStart(inputs);
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Run this workflow" size="lg" centered>
      <form onSubmit={submit}>
        <Stack>
          <Text size="sm" c="dimmed">
            Fill in the brief. You can watch every step work on the canvas.
          </Text>
          {fields.map((f, i) => {
            const common = {
              label: labelOf(f),
              description: f.description,
              withAsterisk: f.required,
              error: touched ? errorOf(f) : null,
              'data-autofocus': i === 0 || undefined,
              'data-testid': `run-input-${f.name}`,
            };
            if (f.type === 'number')
              return (
                <NumberInput
                  key={f.name}
                  {...common}
                  value={typeof values[f.name] === 'number' ? (values[f.name] as number) : ''}
                  onChange={(v) => set(f.name, v === '' ? undefined : Number(v))}
                />
              );
            if (f.type === 'boolean')
              return (
                <Switch
                  key={f.name}
                  label={common.label}
                  description={f.description}
                  checked={values[f.name] === true}
                  onChange={(e) => set(f.name, e.currentTarget.checked)}
                />
              );
            if (f.type === 'json')
              return (
                <JsonInput
                  key={f.name}
                  {...common}
                  autosize
                  minRows={3}
                  value={String(values[f.name] ?? '')}
                  onChange={(v) => set(f.name, v)}
                  formatOnBlur
                />
              );
            return (
              <Textarea
                key={f.name}
                {...common}
                autosize
                minRows={1}
                maxRows={8}
                value={String(values[f.name] ?? '')}
                onChange={(e) => set(f.name, e.currentTarget.value)}
              />
            );
          })}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button
              type="submit"
              loading={loading}
              leftSection={<IconPlayerPlay size={16} />}
              data-testid="start-run"
            >
              Start run
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
