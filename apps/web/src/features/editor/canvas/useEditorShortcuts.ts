import { notifications } from '@mantine/notifications';
import { useReactFlow } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import {
  fragmentToCanvas,
  parseFragment,
  selectionFragment,
  storedFragment,
  storeFragment,
  type Fragment,
} from '../state/clipboard';
import { redo, undo, useEditorStore } from '../state/editorStore';
import { setEditorUi } from '../state/editorUi';
import {
  autoLayout,
  clearSelection,
  deleteSelection,
  duplicateSelection,
  insertCopies,
  selectAll,
} from '../state/graphActions';
import { isTyping } from './keys';

interface Actions {
  save(): void;
  run(): void;
}

function paste(fragment: Fragment, pasteCount: number): void {
  const { nodes, edges } = fragmentToCanvas(fragment);
  if (!nodes.length) return;
  const existing = new Set(useEditorStore.getState().nodes.map((n) => n.id));
  const sameWorkflow = nodes.some((n) => existing.has(n.id));
  const shift = sameWorkflow ? 40 * pasteCount : 0;
  insertCopies(nodes, edges, { x: shift, y: shift });
}

/**
 * Keyboard and clipboard for the canvas: undo/redo, save, run, copy/cut/paste (system clipboard
 * and localStorage, so it works between workflows), duplicate, delete, select all, layout, help.
 */
export function useEditorShortcuts(actions: Actions): void {
  const flow = useReactFlow();
  const latest = useRef(actions);
  const pasteCount = useRef(0);

  useEffect(() => {
    latest.current = actions;
  });

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      const mod = e.metaKey || e.ctrlKey;
      const key = e.key.toLowerCase();
      if (mod && key === 's') {
        e.preventDefault();
        latest.current.save();
        return;
      }
      if (mod && key === 'enter') {
        e.preventDefault();
        latest.current.run();
        return;
      }
      if (isTyping(e.target)) return;
      if (mod && key === 'z') {
        e.preventDefault();
        if (e.shiftKey) redo();
        else undo();
      } else if (mod && key === 'y') {
        e.preventDefault();
        redo();
      } else if (mod && key === 'd') {
        e.preventDefault();
        duplicateSelection();
      } else if (mod && key === 'a') {
        e.preventDefault();
        selectAll();
      } else if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) {
        e.preventDefault();
        deleteSelection();
      } else if (e.key === '?') {
        e.preventDefault();
        setEditorUi({ shortcutsOpen: true });
      } else if (e.key === 'Escape') {
        clearSelection();
      } else if (e.shiftKey && e.code === 'Digit1') {
        e.preventDefault();
        void flow.fitView({ padding: 0.2, maxZoom: 1, duration: 300 });
      } else if (e.shiftKey && key === 'l') {
        e.preventDefault();
        autoLayout();
      }
    };

    const onCopy = (e: ClipboardEvent, cut = false) => {
      if (isTyping(e.target)) return;
      const fragment = selectionFragment();
      if (!fragment) return;
      const text = storeFragment(fragment);
      e.clipboardData?.setData('text/plain', text);
      e.preventDefault();
      pasteCount.current = 0;
      const count = fragment.nodes.length + fragment.notes.length;
      if (cut) deleteSelection();
      notifications.show({
        id: 'clipboard',
        message: `${cut ? 'Cut' : 'Copied'} ${count} ${count === 1 ? 'item' : 'items'}. Paste with Ctrl+V here or in another workflow.`,
        autoClose: 2500,
      });
    };

    const onPaste = (e: ClipboardEvent) => {
      if (isTyping(e.target)) return;
      const fragment = parseFragment(e.clipboardData?.getData('text/plain')) ?? storedFragment();
      if (!fragment) return;
      e.preventDefault();
      pasteCount.current += 1;
      paste(fragment, pasteCount.current);
    };

    const onCut = (e: ClipboardEvent) => onCopy(e, true);
    window.addEventListener('keydown', onKeyDown);
    document.addEventListener('copy', onCopy);
    document.addEventListener('cut', onCut);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('cut', onCut);
      document.removeEventListener('paste', onPaste);
    };
  }, [flow]);
}
