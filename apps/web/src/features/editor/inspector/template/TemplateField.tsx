import {
  Badge,
  Group,
  Menu,
  Popover,
  Stack,
  Text,
  Textarea,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { IconBraces, IconChevronDown } from '@tabler/icons-react';
import { parseTemplate } from '@flowpress/shared';
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { PORT_LABEL, portColor } from '../../../../ui/nodeMeta';
import type { FieldProps } from '../schema/fieldProps';
import { useFormContext } from '../schema/FormContext';
import { checkRefs } from './checkRefs';
import { findQuery, insertRef } from './findQuery';
import { useUpstreamRefs, type RefOption } from './useUpstreamRefs';
import classes from './TemplateField.module.css';

const MAX_OPTIONS = 8;

function OptionRow({
  option,
  active,
  onPick,
}: {
  option: RefOption;
  active: boolean;
  onPick(): void;
}) {
  return (
    <UnstyledButton
      className={classes.option}
      data-active={active || undefined}
      onMouseDown={(e) => {
        e.preventDefault();
        onPick();
      }}
      data-testid="ref-option"
    >
      <span
        className={classes.dot}
        style={{ background: option.type ? portColor(option.type) : undefined }}
      />
      <span className={classes.optionRef}>{`{{${option.ref}}}`}</span>
      <Text size="xs" c="dimmed" lineClamp={1}>
        {option.nodeLabel} · {option.portLabel}
      </Text>
    </UnstyledButton>
  );
}

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
  const area = useRef<HTMLTextAreaElement>(null);
  const [query, setQuery] = useState<{ start: number; text: string } | null>(null);
  const [active, setActive] = useState(0);
  const text = value ?? '';
  const checks = useMemo(() => checkRefs(parseTemplate(text), refs), [text, refs]);
  const problems = checks.filter((c) => !c.ok);

  const filtered = useMemo(() => {
    if (!query) return [];
    const q = query.text.toLowerCase();
    return refs.options
      .filter((o) => o.ref.toLowerCase().includes(q) || o.nodeLabel.toLowerCase().includes(q))
      .slice(0, MAX_OPTIONS);
  }, [query, refs.options]);

  const refresh = () => {
    const el = area.current;
    if (!el) return;
    setQuery(findQuery(el.value, el.selectionStart ?? 0));
    setActive(0);
  };

  const pick = (option: RefOption) => {
    const el = area.current;
    const caret = el?.selectionStart ?? text.length;
    const start = query?.start ?? caret;
    const next = query
      ? insertRef(text, caret, start, option.ref)
      : {
          text: `${text.slice(0, caret)}{{${option.ref}}}${text.slice(caret)}`,
          caret: caret + option.ref.length + 4,
        };
    onChange(next.text);
    setQuery(null);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(next.caret, next.caret);
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!query || filtered.length === 0) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => (a + 1) % filtered.length);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => (a - 1 + filtered.length) % filtered.length);
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault();
      const option = filtered[active];
      if (option) pick(option);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setQuery(null);
    }
  };

  const fieldLabel = path === 'template' && nodeType === 'prompt' ? 'Prompt' : label;
  const error =
    errors.get(path) ??
    (problems.length
      ? `${problems.length === 1 ? 'A reference' : `${problems.length} references`} cannot be filled in: see below`
      : undefined);

  return (
    <Stack gap={6}>
      <Popover
        opened={query !== null && filtered.length > 0}
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
              const el = e.currentTarget;
              setQuery(findQuery(el.value, el.selectionStart ?? 0));
              setActive(0);
            }}
            onKeyDown={onKeyDown}
            onClick={refresh}
            onBlur={() => setQuery(null)}
            autosize
            minRows={path === 'template' ? 4 : 2}
            maxRows={16}
            classNames={{ input: classes.input }}
            data-field={path}
            spellCheck
          />
        </Popover.Target>
        <Popover.Dropdown p={4} data-testid="ref-suggestions">
          {filtered.map((option, i) => (
            <OptionRow
              key={option.ref}
              option={option}
              active={i === active}
              onPick={() => pick(option)}
            />
          ))}
        </Popover.Dropdown>
      </Popover>

      <Group gap={6} wrap="wrap">
        <Menu position="bottom-start" shadow="md" width={300} withinPortal>
          <Menu.Target>
            <UnstyledButton
              className={classes.insert}
              disabled={refs.options.length === 0}
              data-testid="insert-ref"
            >
              <IconBraces size={13} /> Insert a value <IconChevronDown size={12} />
            </UnstyledButton>
          </Menu.Target>
          <Menu.Dropdown mah={280} style={{ overflowY: 'auto' }}>
            {refs.options.map((option) => (
              <Menu.Item
                key={option.ref}
                onClick={() => pick(option)}
                leftSection={
                  <span
                    className={classes.dot}
                    style={{ background: option.type ? portColor(option.type) : undefined }}
                  />
                }
              >
                <Text size="xs" ff="monospace">{`{{${option.ref}}}`}</Text>
                <Text size="xs" c="dimmed">
                  {option.nodeLabel} · {option.portLabel} (
                  {option.type ? PORT_LABEL[option.type] : 'value'})
                </Text>
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
        {refs.options.length === 0 ? (
          <Text size="xs" c="dimmed">
            Connect an earlier step to use its output here.
          </Text>
        ) : null}
        {checks
          .filter((c) => c.raw)
          .map((c, i) => (
            <Tooltip key={`${c.raw}-${i}`} label={c.message} multiline w={240}>
              <Badge
                size="sm"
                variant={c.ok ? 'light' : 'filled'}
                color={c.ok ? 'teal' : 'red'}
                tt="none"
                className={classes.chip}
                data-testid={c.ok ? 'ref-ok' : 'ref-unknown'}
              >
                {`{{${c.raw}}}`}
              </Badge>
            </Tooltip>
          ))}
      </Group>
      {problems.map((p, i) => (
        <Text key={i} size="xs" c="red">
          {p.raw ? `{{${p.raw}}}: ` : ''}
          {p.message}
        </Text>
      ))}
    </Stack>
  );
}
