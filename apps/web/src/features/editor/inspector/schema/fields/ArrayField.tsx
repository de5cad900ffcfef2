import {
  ActionIcon,
  Button,
  Group,
  MultiSelect,
  Paper,
  Stack,
  TagsInput,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import type { FieldProps } from '../fieldProps';
import { useFormContext } from '../FormContext';
import { kindOf, optionLabel, unwrap } from '../jsonSchema';
import { newItem } from '../defaults';
import { ObjectFields } from './ObjectField';

function itemTitle(item: unknown, index: number): string {
  if (item && typeof item === 'object') {
    const rec = item as Record<string, unknown>;
    const name = rec.label ?? rec.name ?? rec.title;
    if (typeof name === 'string' && name) return name;
  }
  return `Item ${index + 1}`;
}

/** Lists: tags for text, a multi-select for choices, and an editable card per item for objects. */
export function ArrayField({
  name,
  path,
  schema: raw,
  value,
  label,
  onChange,
  required,
}: FieldProps<unknown[]>) {
  const { errors } = useFormContext();
  const schema = unwrap(raw);
  const items = Array.isArray(value) ? value : [];
  const itemSchema = unwrap(schema.items ?? {});
  const itemKind = kindOf(itemSchema);

  if (itemKind === 'string' || itemKind === 'number' || itemKind === 'integer') {
    return (
      <TagsInput
        label={label}
        description={schema.description ?? 'Press Enter after each one'}
        withAsterisk={required}
        error={errors.get(path)}
        value={items.map(String)}
        onChange={(next) =>
          onChange(itemKind === 'string' ? next : next.map(Number).filter((n) => !Number.isNaN(n)))
        }
        data-field={path}
      />
    );
  }
  if (itemKind === 'enum') {
    return (
      <MultiSelect
        label={label}
        description={schema.description}
        withAsterisk={required}
        error={errors.get(path)}
        data={(itemSchema.enum ?? []).map((v) => ({ value: String(v), label: optionLabel(v) }))}
        value={items.map(String)}
        onChange={onChange}
        data-field={path}
      />
    );
  }

  const update = (index: number, next: unknown) =>
    onChange(items.map((item, i) => (i === index ? next : item)));
  const remove = (index: number) => onChange(items.filter((_, i) => i !== index));
  const move = (index: number, by: number) => {
    const next = [...items];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item);
    onChange(next);
  };
  const noun = name === 'fields' ? 'field' : 'item';
  const full = schema.maxItems !== undefined && items.length >= schema.maxItems;

  return (
    <Stack gap={6} data-field={path}>
      <div>
        <Text size="sm" fw={500}>
          {label}
          {required ? <span style={{ color: 'var(--mantine-color-error)' }}> *</span> : null}
        </Text>
        {schema.description ? (
          <Text size="xs" c="dimmed">
            {schema.description}
          </Text>
        ) : null}
        {errors.get(path) ? (
          <Text size="xs" c="red">
            {errors.get(path)}
          </Text>
        ) : null}
      </div>
      {items.map((item, index) => (
        <Paper key={index} withBorder radius="md" p="xs" data-testid={`${name}-item`}>
          <Group justify="space-between" mb={6} wrap="nowrap">
            <Text size="xs" fw={650} lineClamp={1}>
              {itemTitle(item, index)}
            </Text>
            <Group gap={2} wrap="nowrap">
              <Tooltip label="Move up">
                <ActionIcon
                  size="sm"
                  variant="subtle"
                  color="gray"
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                  aria-label="Move up"
                >
                  <IconArrowUp size={14} />
                </ActionIcon>
              </Tooltip>
              <Tooltip label="Move down">
                <ActionIcon
                  size="sm"
                  variant="subtle"
                  color="gray"
                  disabled={index === items.length - 1}
                  onClick={() => move(index, 1)}
                  aria-label="Move down"
                >
                  <IconArrowDown size={14} />
                </ActionIcon>
              </Tooltip>
              <Tooltip label={`Remove this ${noun}`}>
                <ActionIcon
                  size="sm"
                  variant="subtle"
                  color="red"
                  onClick={() => remove(index)}
                  aria-label={`Remove ${noun}`}
                >
                  <IconTrash size={14} />
                </ActionIcon>
              </Tooltip>
            </Group>
          </Group>
          <ObjectFields
            schema={itemSchema}
            value={item && typeof item === 'object' ? (item as Record<string, unknown>) : {}}
            path={`${path}.${index}`}
            onChange={(next) => update(index, next)}
            compact
          />
        </Paper>
      ))}
      <Button
        variant="light"
        size="xs"
        leftSection={<IconPlus size={14} />}
        onClick={() => onChange([...items, newItem(itemSchema, items)])}
        disabled={full}
        style={{ alignSelf: 'flex-start' }}
        data-testid={`add-${noun}`}
      >
        Add {noun}
      </Button>
    </Stack>
  );
}
