import { Badge, Tooltip } from '@mantine/core';
import { IconPlugConnectedX } from '@tabler/icons-react';

/** Marks what the offline stand-in model produced, so nobody mistakes it for real output. */
export function OfflineTag({ size = 'xs' }: { size?: 'xs' | 'sm' }) {
  return (
    <Tooltip
      label="Made by the built-in offline model, not a real AI model. Set OPENAI_API_KEY for real output."
      multiline
      w={260}
    >
      <Badge
        size={size}
        color="orange"
        variant="light"
        leftSection={<IconPlugConnectedX size={11} />}
        data-testid="offline-tag"
        style={{ flex: 'none' }}
      >
        Offline model
      </Badge>
    </Tooltip>
  );
}
