import { Alert, Button, EmptyState, Paper, Stack, Text, Group, Badge } from '@mantine/core';
import { IconChecklist } from '@tabler/icons-react';
import { Link } from 'react-router';
import { usePendingReviews } from '../../api/usePendingReviews';
import { useWorkflows } from '../../api/useWorkflows';
import { relativeTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';

export function ReviewsPage() {
  const reviews = usePendingReviews();
  const workflows = useWorkflows();
  const names = new Map((workflows.data ?? []).map((w) => [w.id, w.name]));
  const list = reviews.data ?? [];
  return (
    <>
      <PageHeader
        title="Reviews"
        description="Drafts waiting for a person to approve, edit or send back."
      />
      {reviews.isError ? (
        <Alert color="red" title="Reviews could not be loaded">
          {reviews.error.message}
        </Alert>
      ) : null}
      {reviews.isSuccess && list.length === 0 ? (
        <EmptyState
          mt={48}
          variant="light"
          icon={<IconChecklist size={28} />}
          title={
            reviews.data === null ? 'Reviews are not switched on yet' : 'Nothing waiting for you'
          }
          description={
            reviews.data === null
              ? 'This server does not offer reviews yet. Once it does, drafts from workflows with a review step will wait here for your decision.'
              : 'When a workflow reaches a review step, the draft waits here until someone approves it, edits it or sends it back.'
          }
        >
          <EmptyState.Actions>
            <Button component={Link} to="/workflows" variant="default">
              Go to workflows
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      ) : null}
      <Stack>
        {list.map((r) => (
          <Paper
            key={r.id}
            withBorder
            radius="lg"
            p="md"
            component={Link}
            to={`/workflows/${r.workflowId}?run=${r.runId}`}
            style={{ textDecoration: 'none', color: 'inherit' }}
          >
            <Group justify="space-between">
              <div>
                <Text fw={600}>{names.get(r.workflowId) ?? 'Workflow'}</Text>
                <Text size="sm" c="dimmed">
                  Step “{r.nodeId}” · waiting since {relativeTime(r.createdAt)}
                </Text>
              </div>
              <Badge color="yellow" variant="light">
                Waiting for review
              </Badge>
            </Group>
          </Paper>
        ))}
      </Stack>
    </>
  );
}
