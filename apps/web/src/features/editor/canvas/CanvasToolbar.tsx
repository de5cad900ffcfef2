import { ActionIcon, Divider, Group, Paper, Tooltip } from '@mantine/core';
import {
  IconArrowBackUp,
  IconArrowForwardUp,
  IconFocusCentered,
  IconKeyboard,
  IconLayoutDistributeVertical,
  IconNote,
} from '@tabler/icons-react';
import { Panel, useReactFlow } from '@xyflow/react';
import { redo, undo, useEditorStore } from '../state/editorStore';
import { setEditorUi } from '../state/editorUi';
import { addNote, autoLayout } from '../state/graphActions';
import { modKey } from './keys';

function Tool({
  label,
  onClick,
  disabled,
  children,
  testId,
}: {
  label: string;
  onClick(): void;
  disabled?: boolean;
  children: React.ReactNode;
  testId?: string;
}) {
  return (
    <Tooltip label={label}>
      <ActionIcon
        variant="subtle"
        color="gray"
        size="lg"
        onClick={onClick}
        disabled={disabled}
        aria-label={label}
        data-testid={testId}
      >
        {children}
      </ActionIcon>
    </Tooltip>
  );
}

/** Floating tools over the canvas: history, notes, tidy layout, fit view, shortcuts. */
export function CanvasToolbar() {
  const canUndo = useEditorStore((s) => s.past.length > 0);
  const canRedo = useEditorStore((s) => s.future.length > 0);
  const flow = useReactFlow();

  const noteAtCenter = () => {
    const el = document.querySelector('.react-flow');
    const rect = el?.getBoundingClientRect();
    const at = rect
      ? flow.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 })
      : { x: 0, y: 0 };
    addNote({ x: at.x - 110, y: at.y - 70 });
  };

  const tidy = () => {
    autoLayout();
    requestAnimationFrame(() => void flow.fitView({ padding: 0.2, maxZoom: 1, duration: 300 }));
  };

  return (
    <Panel position="top-center">
      <Paper shadow="sm" radius="md" p={4} withBorder>
        <Group gap={2} wrap="nowrap">
          <Tool label={`Undo (${modKey}+Z)`} onClick={undo} disabled={!canUndo} testId="undo">
            <IconArrowBackUp size={18} />
          </Tool>
          <Tool label={`Redo (${modKey}+Shift+Z)`} onClick={redo} disabled={!canRedo} testId="redo">
            <IconArrowForwardUp size={18} />
          </Tool>
          <Divider orientation="vertical" mx={4} />
          <Tool label="Add a sticky note" onClick={noteAtCenter} testId="add-note">
            <IconNote size={18} />
          </Tool>
          <Tool label="Tidy up the layout" onClick={tidy} testId="auto-layout">
            <IconLayoutDistributeVertical size={18} />
          </Tool>
          <Tool
            label="Fit to screen (Shift+1)"
            onClick={() => void flow.fitView({ padding: 0.2, maxZoom: 1, duration: 300 })}
            testId="fit-view"
          >
            <IconFocusCentered size={18} />
          </Tool>
          <Divider orientation="vertical" mx={4} />
          <Tool
            label="Keyboard shortcuts (?)"
            onClick={() => setEditorUi({ shortcutsOpen: true })}
            testId="shortcuts"
          >
            <IconKeyboard size={18} />
          </Tool>
        </Group>
      </Paper>
    </Panel>
  );
}
