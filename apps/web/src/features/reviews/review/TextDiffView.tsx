import { Text } from '@mantine/core';
import type { TextDiff } from './textDiff';
import classes from '../Reviews.module.css';

/** The reviewer's changes inline: additions highlighted, removals struck through. */
export function TextDiffView({ diff }: { diff: TextDiff }) {
  if (!diff.changed) {
    return (
      <Text size="sm" c="dimmed" data-testid="review-diff">
        No changes yet. Edit the draft and your changes show here against the original.
      </Text>
    );
  }
  return (
    <div className={classes.diff} data-testid="review-diff">
      {diff.parts.map((part, i) =>
        part.kind === 'same' ? (
          <span key={i}>{part.text}</span>
        ) : part.kind === 'added' ? (
          <ins key={i} className={classes.added} data-testid="diff-added">
            {part.text}
          </ins>
        ) : (
          <del key={i} className={classes.removed} data-testid="diff-removed">
            {part.text}
          </del>
        ),
      )}
    </div>
  );
}
