import { Button, EmptyState } from '@mantine/core';
import { IconMapOff } from '@tabler/icons-react';
import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <EmptyState
      mt={80}
      icon={<IconMapOff size={28} />}
      withIndicatorBackground
      title="This page does not exist"
      description="The link may be old, or the item was deleted."
    >
      <EmptyState.Actions>
        <Button component={Link} to="/workflows">
          Go to workflows
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}
