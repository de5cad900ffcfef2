import {
  Alert,
  Badge,
  Button,
  Drawer,
  Group,
  Skeleton,
  Stack,
  Text,
  Timeline,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconGitCommit } from '@tabler/icons-react';
import { useNodeTypes } from '../../../api/useNodeTypes';
import { useRestoreVersion } from '../../../api/useRestoreVersion';
import { useWorkflowVersions } from '../../../api/useWorkflowVersions';
import { absoluteTime, relativeTime } from '../../../ui/format';
import { loadWorkflow, useEditorStore } from '../state/editorStore';
import { setEditorUi, useEditorUi } from '../state/editorUi';

/** Every saved version; restoring one saves it again as the newest. */
export function VersionsDrawer({ workflowId }: { workflowId: string }) {
  const opened = useEditorUi((s) => s.versionsOpen);
  const versions = useWorkflowVersions(workflowId, opened);
  const current = useEditorStore((s) => s.baseVersion);
  const dirty = useEditorStore((s) => s.dirty);
  const restore = useRestoreVersion();
  const catalog = useNodeTypes();
  const list = [...(versions.data ?? [])].sort((a, b) => b.version - a.version);

  const onRestore = (version: number) =>
    restore.mutate(
      { id: workflowId, version },
      {
        onSuccess: (workflow) => {
          loadWorkflow(
            workflow,
            catalog.data ?? [...useEditorStore.getState().catalog.values()],
            true,
          );
          setEditorUi({ versionsOpen: false });
          notifications.show({
            color: 'green',
            title: `Version ${version} restored`,
            message: `It is saved as version ${workflow.version}.`,
          });
        },
        onError: (e) =>
          notifications.show({ color: 'red', title: 'Could not restore', message: e.message }),
      },
    );

  return (
    <Drawer
      opened={opened}
      onClose={() => setEditorUi({ versionsOpen: false })}
      position="right"
      title="Version history"
      size={380}
    >
      <Stack>
        <Text size="sm" c="dimmed">
          Every save keeps a version. Restoring an old one saves a copy of it as the newest version;
          nothing is lost.
        </Text>
        {dirty ? (
          <Alert color="orange" variant="light">
            You have unsaved changes. Restoring a version replaces them.
          </Alert>
        ) : null}
        {versions.isLoading ? <Skeleton h={200} /> : null}
        {versions.isError ? <Alert color="red">{versions.error.message}</Alert> : null}
        <Timeline bulletSize={22} lineWidth={2} active={0}>
          {list.map((v) => (
            <Timeline.Item
              key={v.version}
              bullet={<IconGitCommit size={12} />}
              data-testid={`version-${v.version}`}
            >
              <Group justify="space-between" wrap="nowrap">
                <div>
                  <Group gap={6}>
                    <Text size="sm" fw={650}>
                      Version {v.version}
                    </Text>
                    {v.version === current ? (
                      <Badge size="xs" variant="light">
                        Current
                      </Badge>
                    ) : null}
                  </Group>
                  <Text size="xs" c="dimmed" title={absoluteTime(v.createdAt)}>
                    Saved {relativeTime(v.createdAt)}
                  </Text>
                </div>
                {v.version !== current ? (
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() => onRestore(v.version)}
                    loading={restore.isPending && restore.variables?.version === v.version}
                  >
                    Restore
                  </Button>
                ) : null}
              </Group>
            </Timeline.Item>
          ))}
        </Timeline>
      </Stack>
    </Drawer>
  );
}
