import { Badge, Menu, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconBraces, IconChevronDown } from '@tabler/icons-react';
import { PORT_LABEL, portColor } from '../../../../ui/nodeMeta';
import type { checkRefs } from './checkRefs';
import type { RefOption } from './useUpstreamRefs';
import classes from './TemplateField.module.css';

type RefCheck = ReturnType<typeof checkRefs>[number];

/** One suggestion in the `{{` list. */
export function OptionRow({
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

/** "Insert a value": every upstream output, for those who do not type `{{`. */
export function InsertRefMenu({
  options,
  onPick,
}: {
  options: RefOption[];
  onPick(option: RefOption): void;
}) {
  return (
    <Menu position="bottom-start" shadow="md" width={300} withinPortal>
      <Menu.Target>
        <UnstyledButton
          className={classes.insert}
          disabled={options.length === 0}
          data-testid="insert-ref"
        >
          <IconBraces size={13} /> Insert a value <IconChevronDown size={12} />
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown mah={280} style={{ overflowY: 'auto' }}>
        {options.map((option) => (
          <Menu.Item
            key={option.ref}
            onClick={() => onPick(option)}
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
  );
}

/** A chip per reference in the template: teal when it can be filled, red (with why) when not. */
export function RefChips({ checks }: { checks: RefCheck[] }) {
  return (
    <>
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
    </>
  );
}

/** The problems with the template's references, one line each. */
export function RefProblems({ problems }: { problems: RefCheck[] }) {
  return (
    <>
      {problems.map((p, i) => (
        <Text key={i} size="xs" c="red">
          {p.raw ? `{{${p.raw}}}: ` : ''}
          {p.message}
        </Text>
      ))}
    </>
  );
}
