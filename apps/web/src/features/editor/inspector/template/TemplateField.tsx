import { Badge, Group, Popover, Stack, Text, Textarea } from '@mantine/core';
import { IconBraces } from '@tabler/icons-react';
import { parseTemplate } from '@flowpress/shared';
import { useMemo, useRef } from 'react';
import type { FieldProps } from '../schema/fieldProps';
import { useFormContext } from '../schema/FormContext';
import { checkRefs } from './checkRefs';
import { InsertRefMenu, OptionRow, RefChips, RefProblems } from './RefParts';
import { useTemplateAutocomplete } from './useTemplateAutocomplete';
import { useUpstreamRefs } from './useUpstreamRefs';
import classes from './TemplateField.module.css';

/**
 * A template: text with `{{step.output}}` references. Typing `{{` suggests the outputs of the steps
 * upstream (and only those); references that point nowhere are flagged below the field.
 */
export function TemplateField({
  path,
  schema,
  value,
  required,
  label,
  onChange,
}: FieldProps<string>) {
  const { nodeId, errors, nodeType } = useFormContext();
  const refs = useUpstreamRefs(nodeId);
  const text = value ?? '';
  const checks = useMemo(() => checkRefs(parseTemplate(text), refs), [text, refs]);
  const problems = checks.filter((c) => !c.ok);
  const area = useRef<HTMLTextAreaElement>(null);
  const ac = useTemplateAutocomplete(text, refs.options, onChange, area);

  const fieldLabel = path === 'template' && nodeType === 'prompt' ? 'Prompt' : label;
  const error =
    errors.get(path) ??
    (problems.length
      ? `${problems.length === 1 ? 'A reference' : `${problems.length} references`} cannot be filled in: see below`
      : undefined);

  return (
    <Stack gap={6}>
      <Popover
        opened={ac.open}
        position="bottom-start"
        width="target"
        shadow="md"
        trapFocus={false}
        // A textarea may not carry aria-expanded; the list is announced by its options instead.
        withRoles={false}
        returnFocus={false}
        withinPortal
      >
        <Popover.Target>
          <Textarea
            ref={area}
            label={
              <span className={classes.label}>
                {fieldLabel}
                <Badge
                  size="xs"
                  variant="light"
                  color="gray"
                  leftSection={<IconBraces size={10} />}
                  tt="none"
                  ml={6}
                >
                  template
                </Badge>
              </span>
            }
            description={schema.description ?? 'Type {{ to insert what an earlier step produced.'}
            withAsterisk={required}
            value={text}
            error={error}
            onChange={(e) => {
              onChange(
                e.currentTarget.value === '' && !required ? undefined : e.currentTarget.value,
              );
              ac.typed(e.currentTarget);
            }}
            onKeyDown={ac.onKeyDown}
            onClick={ac.refresh}
            onBlur={ac.close}
            autosize
            minRows={path === 'template' ? 4 : 2}
            maxRows={16}
            classNames={{ input: classes.input }}
            data-field={path}
            spellCheck
          />
        </Popover.Target>
        <Popover.Dropdown p={4} data-testid="ref-suggestions">
          {ac.filtered.map((option, i) => (
            <OptionRow
              key={option.ref}
              option={option}
              active={i === ac.active}
              onPick={() => ac.pick(option)}
            />
          ))}
        </Popover.Dropdown>
      </Popover>

      <Group gap={6} wrap="wrap">
        <InsertRefMenu options={refs.options} onPick={ac.pick} />
        {refs.options.length === 0 ? (
          <Text size="xs" c="dimmed">
            Connect an earlier step to use its output here.
          </Text>
        ) : null}
        <RefChips checks={checks} />
      </Group>
      <RefProblems problems={problems} />
    </Stack>
  );
}
