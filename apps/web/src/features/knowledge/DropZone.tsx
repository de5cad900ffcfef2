import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { ACCEPT } from './format';

/**
 * Files dropped anywhere on the page (or picked) go to `onFiles`. The window listens, so a drop
 * outside the box still lands here instead of the browser opening the file.
 */
export function DropZone({ onFiles }: { onFiles(files: File[]): void }) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  useEffect(() => {
    const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const onOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setOver(true);
    };
    const onLeave = (e: DragEvent) => {
      if (e.relatedTarget === null) setOver(false);
    };
    const onDrop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setOver(false);
      const files = [...(e.dataTransfer?.files ?? [])];
      if (files.length) onFiles(files);
    };
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [onFiles]);
  return (
    <Paper
      withBorder
      radius="lg"
      p="lg"
      style={{
        borderStyle: 'dashed',
        borderWidth: 2,
        borderColor: over ? 'var(--mantine-color-blue-5)' : undefined,
        background: over ? 'var(--mantine-color-blue-light)' : undefined,
      }}
      data-testid="drop-zone"
    >
      <Group justify="space-between" wrap="nowrap">
        <Group wrap="nowrap">
          <IconUpload size={28} color="var(--mantine-color-dimmed)" />
          <Stack gap={0}>
            <Text fw={600}>{over ? 'Drop to add them' : 'Drop files anywhere on this page'}</Text>
            <Text size="sm" c="dimmed">
              Markdown, text, HTML, PDF or Word. A file with the title of one already here replaces
              it.
            </Text>
          </Stack>
        </Group>
        <Button variant="light" onClick={() => input.current?.click()}>
          Choose files
        </Button>
      </Group>
      <input
        ref={input}
        type="file"
        multiple
        accept={ACCEPT}
        hidden
        data-testid="file-input"
        onChange={(e) => {
          const files = [...(e.currentTarget.files ?? [])];
          e.currentTarget.value = '';
          if (files.length) onFiles(files);
        }}
      />
    </Paper>
  );
}
