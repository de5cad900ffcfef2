import { Alert, Button, Group, Loader, Text } from '@mantine/core';
import { Link } from 'react-router';
import { RunStepsList } from './RunStepsList';
import type { RunPanelState } from './useRunPanel';
import classes from './RunPanel.module.css';

/** The selected run's steps, or what to do when there is none, and its review or failure. */
export function RunPanelBody({ panel }: { panel: RunPanelState }) {
  const { runId, run, error, now, waiting, reviewId } = panel;
  return (
    <div className={classes.main}>
      {error ? (
        <Alert color="red" variant="light" m="sm">
          {error}
        </Alert>
      ) : null}
      {runId && !run && !error ? (
        <Group p="md" gap="xs">
          <Loader size="sm" />
          <Text size="sm" c="dimmed">
            Loading the run…
          </Text>
        </Group>
      ) : null}
      {run ? <RunStepsList run={run} now={now} /> : null}
      {!runId ? (
        <Text size="sm" c="dimmed" p="md">
          Press Run to produce content with this workflow. Each step lights up as it works; click
          one to read what it made.
        </Text>
      ) : null}
      {waiting ? (
        <Alert color="yellow" variant="light" mx="sm" mb="sm" title="Waiting for a reviewer">
          <Group justify="space-between">
            <Text size="sm">
              The run continues once someone approves the draft or asks for changes.
            </Text>
            <Button
              component={Link}
              to={reviewId ? `/reviews/${reviewId}` : '/reviews'}
              size="xs"
              variant="light"
              color="yellow"
              data-testid="open-review"
            >
              {reviewId ? 'Review the draft' : 'Open reviews'}
            </Button>
          </Group>
        </Alert>
      ) : null}
      {run?.error ? (
        <Alert color="red" variant="light" mx="sm" mb="sm" title="The run failed">
          {run.error.message}
        </Alert>
      ) : null}
    </div>
  );
}
