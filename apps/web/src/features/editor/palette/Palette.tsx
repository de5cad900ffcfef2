import {
  CloseButton,
  ScrollArea,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
  UnstyledButton,
} from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import type { NodeTypeInfo } from '@flowpress/shared';
import { useReactFlow } from '@xyflow/react';
import { useMemo, useState, type DragEvent } from 'react';
import { CATEGORY_META, CATEGORY_ORDER, NodeIcon } from '../../../ui/nodeMeta';
import { DRAG_MIME } from '../canvas/useDropStep';
import { useEditorStore } from '../state/editorStore';
import { addStep } from '../state/graphActions';
import classes from './Palette.module.css';

function matches(info: NodeTypeInfo, q: string): boolean {
  return (
    !q ||
    `${info.label} ${info.description} ${info.type} ${CATEGORY_META[info.category].label}`
      .toLowerCase()
      .includes(q)
  );
}

/** The steps one can add, by category; drag onto the canvas or click to add in the middle. */
export function Palette() {
  const catalog = useEditorStore((s) => s.catalog);
  const [query, setQuery] = useState('');
  const flow = useReactFlow();
  const q = query.trim().toLowerCase();

  const groups = useMemo(
    () =>
      CATEGORY_ORDER.map((category) => ({
        category,
        items: [...catalog.values()].filter((i) => i.category === category && matches(i, q)),
      })).filter((g) => g.items.length > 0),
    [catalog, q],
  );

  const onDragStart = (event: DragEvent, type: string) => {
    event.dataTransfer.setData(DRAG_MIME, type);
    event.dataTransfer.effectAllowed = 'copy';
  };

  const addInMiddle = (info: NodeTypeInfo) => {
    const rect = document.querySelector('.react-flow')?.getBoundingClientRect();
    const at = rect
      ? flow.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 })
      : { x: 0, y: 0 };
    const jitter = (useEditorStore.getState().nodes.length % 5) * 24;
    addStep(info, { x: Math.round(at.x - 132 + jitter), y: Math.round(at.y - 60 + jitter) });
  };

  return (
    <div className={classes.root} data-testid="palette">
      <div className={classes.search}>
        <TextInput
          placeholder="Search steps"
          leftSection={<IconSearch size={16} />}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          rightSection={
            query ? (
              <CloseButton size="sm" onClick={() => setQuery('')} aria-label="Clear search" />
            ) : null
          }
          aria-label="Search steps"
        />
      </div>
      <ScrollArea className={classes.scroll} type="auto">
        <Stack gap="md" p="sm" pt={4}>
          {groups.map(({ category, items }) => (
            <div key={category}>
              <Text
                size="xs"
                fw={650}
                c="dimmed"
                tt="uppercase"
                mb={6}
                px={4}
                style={{ letterSpacing: '0.05em' }}
              >
                {CATEGORY_META[category].label}
              </Text>
              <Stack gap={4}>
                {items.map((info) => (
                  <UnstyledButton
                    key={info.type}
                    className={classes.item}
                    draggable
                    onDragStart={(e) => onDragStart(e, info.type)}
                    onClick={() => addInMiddle(info)}
                    title={`${info.description}\nDrag onto the canvas or click to add.`}
                    data-testid={`palette-${info.type}`}
                  >
                    <ThemeIcon
                      variant="light"
                      color={CATEGORY_META[category].color}
                      size={30}
                      radius="md"
                    >
                      <NodeIcon name={info.icon} category={info.category} size={17} />
                    </ThemeIcon>
                    <div className={classes.itemText}>
                      <Text size="sm" fw={600} lineClamp={1}>
                        {info.label}
                      </Text>
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {info.description}
                      </Text>
                    </div>
                  </UnstyledButton>
                ))}
              </Stack>
            </div>
          ))}
          {groups.length === 0 ? (
            <Text size="sm" c="dimmed" ta="center" mt="lg">
              No step matches “{query}”.
            </Text>
          ) : null}
        </Stack>
      </ScrollArea>
    </div>
  );
}
