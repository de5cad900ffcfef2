import { Box, Code, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useState } from 'react';
import classes from './JsonTree.module.css';

function Scalar({ value }: { value: unknown }) {
  if (value === null) return <span className={classes.null}>null</span>;
  if (typeof value === 'string')
    return (
      <span className={classes.string}>
        "{value.length > 400 ? `${value.slice(0, 400)}…` : value}"
      </span>
    );
  if (typeof value === 'number') return <span className={classes.number}>{value}</span>;
  if (typeof value === 'boolean') return <span className={classes.boolean}>{String(value)}</span>;
  return <span>{String(value)}</span>;
}

function Branch({ name, value, depth }: { name: string | null; value: unknown; depth: number }) {
  const isArray = Array.isArray(value);
  const isObject = value !== null && typeof value === 'object';
  const [open, setOpen] = useState(depth < 2);
  const label = name !== null ? <span className={classes.key}>{name}: </span> : null;
  if (!isObject) {
    return (
      <div className={classes.row}>
        {label}
        <Scalar value={value} />
      </div>
    );
  }
  const entries = isArray
    ? (value as unknown[]).map((v, i) => [String(i), v] as const)
    : Object.entries(value as Record<string, unknown>);
  const summary = isArray ? `[${entries.length}]` : `{${entries.length}}`;
  return (
    <div>
      <UnstyledButton
        className={classes.toggle}
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
      >
        {open ? <IconChevronDown size={12} /> : <IconChevronRight size={12} />}
        {label}
        <span className={classes.summary}>{summary}</span>
      </UnstyledButton>
      {open ? (
        <Box pl={14} className={classes.children}>
          {entries.map(([k, v]) => (
            <Branch key={k} name={k} value={v} depth={depth + 1} />
          ))}
        </Box>
      ) : null}
    </div>
  );
}

/** Collapsible JSON: objects and arrays fold, the first two levels start open. */
export function JsonTree({ value }: { value: unknown }) {
  if (value === undefined) return <Code>undefined</Code>;
  return (
    <Box className={classes.root} data-testid="json-tree">
      <Branch name={null} value={value} depth={0} />
    </Box>
  );
}
