import { Text } from '@mantine/core';
import { isImageList, AssetImage } from '../../../ui/AssetImage';
import type { LiveNode } from '../../../realtime/liveRun';
import { plainText } from '../../../ui/plainText';
import classes from './StepNode.module.css';

/** While streaming, the latest words; once done, the beginning. */
function excerpt(text: string, streaming: boolean, max = 220): string {
  const flat = plainText(text);
  if (flat.length <= max) return flat;
  return streaming ? `…${flat.slice(-max)}` : `${flat.slice(0, max)}…`;
}

/** A glimpse of what a step is producing: streaming text, a finished answer, an image or an error. */
export function NodePreview({ live }: { live: LiveNode }) {
  if (live.status === 'failed' && live.error) {
    return (
      <div className={classes.preview} data-kind="error">
        <Text size="xs" c="red" lineClamp={3}>
          {live.error.message}
        </Text>
      </div>
    );
  }
  if (live.status === 'waiting_review') {
    return (
      <div className={classes.preview}>
        <Text size="xs" c="yellow.8">
          Waiting for a reviewer
        </Text>
      </div>
    );
  }
  const images = live.output ? Object.values(live.output).find(isImageList) : undefined;
  if (images?.[0]) {
    return (
      <div className={classes.preview} data-kind="image">
        <AssetImage image={images[0]} height={96} radius="sm" />
      </div>
    );
  }
  const text =
    live.status === 'running'
      ? live.stream
      : typeof live.output?.text === 'string'
        ? live.output.text
        : '';
  if (!text) {
    if (live.status === 'running' && live.retrying) {
      return (
        <div className={classes.preview}>
          <Text size="xs" c="orange">
            Retrying after an error…
          </Text>
        </div>
      );
    }
    return null;
  }
  return (
    <div className={classes.preview} data-kind="text" data-testid="node-preview">
      <span className={classes.previewText}>
        {excerpt(text, live.status === 'running')}
        {live.status === 'running' ? <span className={classes.caret} /> : null}
      </span>
    </div>
  );
}
