import { Group, Kbd, Progress, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Review } from '../../../api/reviewTypes';
import { revisionsLeft, roundLabel } from '../reviewText';
import classes from '../Reviews.module.css';

/** Small pieces of the decision panel: a labelled section, a key hint, the round meter. */
export function Section({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={6}>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" style={{ letterSpacing: '0.05em' }}>
        {label}
      </Text>
      {children}
    </Stack>
  );
}

export function Shortcut({ children }: { children: string }) {
  return (
    <Kbd size="xs" className={classes.kbd}>
      {children}
    </Kbd>
  );
}

export function RoundMeter({ review }: { review: Review }) {
  const total = review.maxRevisions + 1;
  const value = total > 0 ? (Math.min(review.round, total) / total) * 100 : 100;
  const left = revisionsLeft(review);
  return (
    <Stack gap={6}>
      <Group justify="space-between">
        <Text fw={650} data-testid="review-round">
          {roundLabel(review.round, review.maxRevisions)}
        </Text>
        <Text size="xs" c="dimmed">
          {left > 0 ? `${left} ${left === 1 ? 'revision' : 'revisions'} left` : 'No revisions left'}
        </Text>
      </Group>
      <Progress
        value={value}
        size="sm"
        color={left > 0 ? 'brand' : 'orange'}
        aria-label={roundLabel(review.round, review.maxRevisions)}
      />
    </Stack>
  );
}
