import { create } from 'zustand';

/** Which editor dialogs and drawers are open. */
export interface EditorUi {
  shortcutsOpen: boolean;
  versionsOpen: boolean;
  runInputsOpen: boolean;
}

export const useEditorUi = create<EditorUi>(() => ({
  shortcutsOpen: false,
  versionsOpen: false,
  runInputsOpen: false,
}));

export function setEditorUi(patch: Partial<EditorUi>): void {
  useEditorUi.setState(patch);
}
