import { useStore, useStoreApi } from '@xyflow/react';
import { useEffect } from 'react';

/** Below this zoom a card's text is a few pixels high… */
export const FAR_ZOOM = 0.4;
/** …and with this many cards, painting that text is what makes panning stutter. */
export const FAR_MIN_NODES = 80;

/**
 * Marks the canvas `data-far` while a big flow is zoomed far out (see StepNode.module.css): its
 * cards are drawn as coloured blocks. Small flows keep every detail at any zoom. Only crossing
 * the threshold re-renders this (a boolean selector); the cards themselves never re-render.
 */
export function DetailLevel() {
  const far = useStore((s) => s.transform[2] < FAR_ZOOM && s.nodes.length >= FAR_MIN_NODES);
  const store = useStoreApi();
  useEffect(() => {
    store.getState().domNode?.toggleAttribute('data-far', far);
  }, [far, store]);
  return null;
}
