import { useReactFlow } from '@xyflow/react';
import { useCallback, type DragEvent } from 'react';
import { useEditorStore } from '../state/editorStore';
import { addStep } from '../state/graphActions';

export const DRAG_MIME = 'application/x-flowpress-step';

/** Drop a palette item on the canvas to add that step where it lands. */
export function useDropStep() {
  const { screenToFlowPosition } = useReactFlow();

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(DRAG_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(DRAG_MIME);
      const info = useEditorStore.getState().catalog.get(type);
      if (!info) return;
      event.preventDefault();
      const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      addStep(info, { x: Math.round(at.x - 132), y: Math.round(at.y - 30) });
    },
    [screenToFlowPosition],
  );

  return { onDragOver, onDrop };
}
