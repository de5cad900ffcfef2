import { useStore } from '@xyflow/react';
import { useEffect } from 'react';

/**
 * Captures the pointer on the empty canvas while it is held down, so the browser stops looking
 * for the element under the pointer at every move of a pan. Without it Chromium hit-tests the
 * whole flow (every card and its ports) on each mouse move: at 500 steps that was a third of the
 * main thread while panning. The pane is what the pan drags anyway, so no other element misses an
 * event it would have had: d3-zoom listens on the window, and React Flow's own selection box
 * (Shift) captures the pointer itself.
 */
export function usePanCapture(): void {
  const root = useStore((s) => s.domNode);
  useEffect(() => {
    if (!root) return;
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target;
      if (event.button !== 0 || event.pointerType !== 'mouse') return;
      if (!(target instanceof Element) || !target.classList.contains('react-flow__pane')) return;
      if (!target.hasPointerCapture(event.pointerId)) target.setPointerCapture(event.pointerId);
    };
    root.addEventListener('pointerdown', onPointerDown);
    return () => root.removeEventListener('pointerdown', onPointerDown);
  }, [root]);
}
