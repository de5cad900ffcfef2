import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Kbd,
  Menu,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import {
  IconArrowLeft,
  IconDeviceFloppy,
  IconDots,
  IconDownload,
  IconFileImport,
  IconHistory,
  IconLayoutBottombarExpand,
  IconPlayerPlay,
} from '@tabler/icons-react';
import { useRef } from 'react';
import { Link } from 'react-router';
import { modKey } from './canvas/keys';
import { setMeta, setRunPanelOpen, useEditorStore } from './state/editorStore';
import { setEditorUi } from './state/editorUi';
import classes from './EditorPage.module.css';
import { SchedulesButton } from '../schedules/SchedulesButton';

interface Props {
  onSave(): void;
  onRun(): void;
  onExport(): void;
  onImport(file: File): void;
  saving: boolean;
  starting: boolean;
}

export function EditorHeader({ onSave, onRun, onExport, onImport, saving, starting }: Props) {
  const name = useEditorStore((s) => s.name);
  const version = useEditorStore((s) => s.baseVersion);
  const dirty = useEditorStore((s) => s.dirty);
  const issues = useEditorStore((s) => s.issues.length);
  const panelOpen = useEditorStore((s) => s.runPanelOpen);
  const file = useRef<HTMLInputElement>(null);

  return (
    <div className={classes.header}>
      <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
        <Tooltip label="All workflows">
          <ActionIcon
            component={Link}
            to="/workflows"
            variant="subtle"
            color="gray"
            size="lg"
            aria-label="Back to workflows"
          >
            <IconArrowLeft size={18} />
          </ActionIcon>
        </Tooltip>
        <TextInput
          variant="unstyled"
          value={name}
          onChange={(e) => setMeta({ name: e.currentTarget.value })}
          aria-label="Workflow name"
          classNames={{ input: classes.nameInput }}
          placeholder="Untitled workflow"
          data-testid="workflow-name"
          maxLength={200}
        />
        <Badge
          variant="light"
          color="gray"
          size="sm"
          style={{ flex: 'none' }}
          data-testid="version-badge"
        >
          v{version}
        </Badge>
        <Group gap={6} wrap="nowrap" style={{ flex: 'none' }}>
          <span className={classes.saveDot} data-dirty={dirty || undefined} />
          <Text size="xs" c="dimmed" data-testid="save-state">
            {issues
              ? `${issues} ${issues === 1 ? 'problem' : 'problems'} to fix`
              : dirty
                ? 'Unsaved changes'
                : 'All changes saved'}
          </Text>
        </Group>
      </Group>
      <Group gap="xs" wrap="nowrap">
        <SchedulesButton />
        <Tooltip label="Version history">
          <ActionIcon
            variant="default"
            size={34}
            onClick={() => setEditorUi({ versionsOpen: true })}
            aria-label="Version history"
            data-testid="open-versions"
          >
            <IconHistory size={18} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label={panelOpen ? 'Hide runs' : 'Show runs'}>
          <ActionIcon
            variant={panelOpen ? 'light' : 'default'}
            size={34}
            onClick={() => setRunPanelOpen(!panelOpen)}
            aria-label="Toggle the run panel"
            data-testid="toggle-runs"
          >
            <IconLayoutBottombarExpand size={18} />
          </ActionIcon>
        </Tooltip>
        <Menu position="bottom-end" shadow="md" width={220}>
          <Menu.Target>
            <ActionIcon
              variant="default"
              size={34}
              aria-label="More actions"
              data-testid="more-actions"
            >
              <IconDots size={18} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item
              leftSection={<IconDownload size={16} />}
              onClick={onExport}
              data-testid="export-file"
            >
              Export as file
            </Menu.Item>
            <Menu.Item
              leftSection={<IconFileImport size={16} />}
              onClick={() => file.current?.click()}
              data-testid="import-file"
            >
              Import from a file…
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
        <input
          ref={file}
          type="file"
          accept="application/json,.json"
          hidden
          data-testid="import-input"
          onChange={(e) => {
            const chosen = e.currentTarget.files?.[0];
            if (chosen) onImport(chosen);
            e.currentTarget.value = '';
          }}
        />
        <Tooltip
          label={
            <span>
              Save a new version <Kbd size="xs">{modKey}</Kbd> <Kbd size="xs">S</Kbd>
            </span>
          }
        >
          <Button
            variant="default"
            leftSection={<IconDeviceFloppy size={16} />}
            onClick={onSave}
            loading={saving}
            data-testid="save"
          >
            Save
          </Button>
        </Tooltip>
        <Tooltip
          label={
            <span>
              Run with new inputs <Kbd size="xs">{modKey}</Kbd> <Kbd size="xs">Enter</Kbd>
            </span>
          }
        >
          <Button
            leftSection={<IconPlayerPlay size={16} />}
            onClick={onRun}
            loading={starting}
            data-testid="run"
          >
            Run
          </Button>
        </Tooltip>
      </Group>
    </div>
  );
}
